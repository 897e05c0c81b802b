import { readFileSync } from 'node:fs';
import { signIn, startTestApp, type TestApp } from '@roundtable/testing';

interface Example {
  line: number;
  runAs: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * The README's GraphQL blocks. Each is preceded by `<!-- run as: <sign-in> -->` or
 * `<!-- not-run -->` (operations described but not runnable against the demo as printed);
 * a ```json block right after it holds its variables, where "<…>" placeholders name where
 * the value comes from (the README says so in words).
 */
function readmeExamples(): { run: Example[]; skipped: number } {
  const text = readFileSync('README.md', 'utf8');
  const blocks = [
    ...text.matchAll(
      /(<!--\s*(run as: (\S+)|not-run)\s*-->\s*\n\s*)?```graphql\n([\s\S]*?)```(\s*\n```json\n([\s\S]*?)```)?/g,
    ),
  ];
  const run: Example[] = [];
  let skipped = 0;
  for (const block of blocks) {
    const line = text.slice(0, block.index).split('\n').length;
    if (!block[1])
      throw new Error(`README line ${line}: say who runs this example (<!-- run as: … -->) or <!-- not-run -->`);
    if (block[2] === 'not-run') {
      skipped++;
      continue;
    }
    run.push({
      line,
      runAs: block[3],
      query: block[4],
      variables: block[6] ? (JSON.parse(block[6]) as Record<string, unknown>) : {},
    });
  }
  return { run, skipped };
}

jest.setTimeout(60_000);

describe('every README example runs as printed against the demo', () => {
  const { run, skipped } = readmeExamples();
  let t: TestApp;
  let samId: string;
  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    samId = (await signIn(t.gql, 'participant@demo.test')).account.participantId!;
  }, 180_000);
  afterAll(() => t.close());

  it('finds the examples (and the ones marked not-run)', () => {
    expect(run.length).toBeGreaterThanOrEqual(4);
    expect(skipped).toBeGreaterThanOrEqual(5);
  });

  it.each(run.map((example) => [example.line, example.runAs, example] as const))(
    'README line %i, as %s',
    async (_line, runAs, example) => {
      const { accessToken } = await signIn(t.gql, runAs);
      const placeholders: Record<string, string> = { participantId: samId };
      const variables = Object.fromEntries(
        Object.entries(example.variables).map(([name, value]) => [
          name,
          typeof value === 'string' && /^<.*>$/.test(value) ? placeholders[name] : value,
        ]),
      );
      const result = await t.gql.request(example.query, variables, { token: accessToken });
      expect(result.errors).toBeUndefined();
      expect(result.data).toBeTruthy();
    },
  );

  it('the sign-in example runs as printed too', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const payload = /-d '(\{"query":"mutation \{ login[^']*)'/.exec(readme)![1];
    const result = await t.gql.post(payload);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ login: { accessToken: expect.any(String) } });
  });
});
