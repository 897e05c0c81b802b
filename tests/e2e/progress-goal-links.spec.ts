import { expressGoal, signInDemo, startTestApp, type SignedIn, type TestApp } from '@roundtable/testing';

const DEFINE = `mutation D($input: DefineMetricInput!) { defineMetric(input: $input) { id label goalIds } }`;
const GRANT = `mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id } }`;
const PROGRESS = `query P($id: ID!) {
  progress(participantId: $id) { domains { participantDefined { metric { id goalIds } } clinical { metric { id goalIds } } } }
}`;

interface ProgressAnswer {
  progress: { domains: { participantDefined: { metric: { id: string; goalIds: string[] } }[] }[] };
}

/**
 * Rule 11 on the progress screen (read in two statements since issue 18): a metric a person may
 * see never links to a goal they may not see, since the link would reveal that the goal exists.
 * Sam's legal-aid measure is linked to a health goal; Jordan (peer support) is granted the
 * measure's label but not the goal's.
 */
describe('progress: links only to goals the viewer sees', () => {
  let t: TestApp;
  const as: Record<string, SignedIn> = {};
  let participantId: string;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    Object.assign(as, await signInDemo(t.gql, ['sam', 'peer', 'cm']));
    participantId = as.sam.account.participantId!;
  });
  afterAll(() => t.close());

  const metricIn = async (who: string, metricId: string) => {
    const { progress } = await t.gql.data<ProgressAnswer>(
      PROGRESS,
      { id: participantId },
      { token: as[who].accessToken },
    );
    return progress.domains
      .flatMap((domain) => domain.participantDefined)
      .find((series) => series.metric.id === metricId)?.metric;
  };

  it('shows the measure to a person granted its label, without its link to a goal they cannot see', async () => {
    const goal = await expressGoal(t.gql, as.sam.accessToken, {
      participantId,
      text: 'See the doctor about my knee',
      domain: 'HEALTH',
      label: 'HEALTH',
    });
    const { defineMetric } = await t.gql.data<{ defineMetric: { id: string; label: string; goalIds: string[] } }>(
      DEFINE,
      {
        input: {
          participantId,
          kind: 'PARTICIPANT_DEFINED',
          name: 'Legal aid calls returned',
          domain: 'SAFETY',
          scale: 'COUNT',
          better: 'HIGHER',
          label: 'LEGAL',
          goalIds: [goal.id],
        },
      },
      { token: as.sam.accessToken },
    );
    expect(defineMetric.label).toBe('LEGAL');
    await t.gql.data(
      GRANT,
      { input: { participantId, accountId: as.peer.account.id, label: 'LEGAL', endEvent: 'until I say' } },
      {
        token: as.sam.accessToken,
      },
    );

    expect(await metricIn('sam', defineMetric.id)).toEqual({ id: defineMetric.id, goalIds: [goal.id] });
    expect(await metricIn('cm', defineMetric.id)).toEqual({ id: defineMetric.id, goalIds: [goal.id] });
    // Peer support sees GENERAL and HOUSING by default, LEGAL by this grant, never HEALTH.
    expect(await metricIn('peer', defineMetric.id)).toEqual({ id: defineMetric.id, goalIds: [] });
  });
});
