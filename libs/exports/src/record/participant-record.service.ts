import { Injectable } from '@nestjs/common';
import { AuditTrail, authorize, BreakGlassService, ConsentService } from '@roundtable/access';
import { CareTeamRepository } from '@roundtable/care-team';
import { ConferenceReader, ConferenceRepository } from '@roundtable/conference';
import type { Actor } from '@roundtable/identity';
import { ProgressReader, SetbacksService } from '@roundtable/outcomes';
import { TimelineService } from '@roundtable/plan';
import { Clock } from '@roundtable/platform';
import { PlanExportLoader, type PlanExport } from '../plan/plan-export.loader';
import type { ParticipantRecord } from './participant-record';
import { allPages } from './paged';

const PAGE = 100;

/**
 * The participant's whole record (issue 19): everything the plan, outcomes, conferences,
 * consent and audit trail hold about them, read through the same services as GraphQL.
 * ONLY the participant themselves: staff on the team, break-glass included, get 404 like an
 * unknown id, because this export exists for the person's own right to their record and
 * it carries the access log and consent history no one else sees (PRODUCT.md rules 10, 12).
 */
@Injectable()
export class ParticipantRecordService {
  constructor(
    private readonly clock: Clock,
    private readonly loader: PlanExportLoader,
    private readonly progressReader: ProgressReader,
    private readonly setbacks: SetbacksService,
    private readonly timeline: TimelineService,
    private readonly conferences: ConferenceReader,
    private readonly consent: ConsentService,
    private readonly breakGlass: BreakGlassService,
    private readonly store: CareTeamRepository,
    private readonly audit: AuditTrail,
    private readonly conferenceRows: ConferenceRepository,
  ) {}

  assertOwnRecord(actor: Actor, participantId: string): void {
    // The attempt belongs in the participant's access log, like a refused GraphQL read.
    this.audit.touch(participantId);
    authorize('export.ownRecord', actor, participantId);
  }

  async load(actor: Actor, participantId: string): Promise<{ record: ParticipantRecord; plan: PlanExport }> {
    this.assertOwnRecord(actor, participantId);
    const viewer = await this.loader.viewer(actor, participantId);
    const plan = await this.loader.load(viewer, { recentWins: 10_000 });
    const metricIds = plan.progress.domains.flatMap((domain) =>
      [...domain.participantDefined, ...domain.clinical].map((series) => series.metric.id),
    );
    const conferenceRows = await this.conferenceRows.conferencesOf(participantId);
    const [measurements, setbacks, timeline, conferences, grants, emergencies, teamChanges, accessLog] =
      await Promise.all([
        Promise.all(
          metricIds.map(async (metricId) => ({
            metricId,
            measurements: await allPages((after) => this.progressReader.measurements(actor, metricId, PAGE, after)),
          })),
        ),
        this.setbacks.list(viewer),
        allPages((after) => this.timeline.page(viewer, PAGE, after)),
        this.conferences.load(viewer, conferenceRows),
        this.consent.grants(actor, participantId),
        this.breakGlass.forParticipant(actor, participantId),
        this.store.history(participantId, this.clock.now()),
        allPages((after) => this.consent.accessLog(actor, participantId, PAGE, after)),
      ]);
    const record = {
      participant: { id: participantId, preferredName: plan.participantName },
      exportedAt: this.clock.now(),
      plan: plan.plan,
      careTeam: plan.team,
      careTeamChanges: teamChanges,
      progress: plan.progress,
      measurements,
      wins: plan.wins,
      setbacks,
      timeline,
      conferences,
      consent: { grants, emergencyAccess: emergencies },
      accessLog,
    };
    return { record, plan };
  }
}
