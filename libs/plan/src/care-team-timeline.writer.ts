import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PlanEventType, SensitivityLabel } from '@roundtable/contracts';
import { CareTeamTimeline } from '@roundtable/access';
import { Clock } from '@roundtable/platform';
import { PlanEventLog } from './plan-event-log';
import { ensurePlan } from './plan-write.helpers';

/**
 * Plugs the plan's event log into care-team changes: each join or leave is a GENERAL plan
 * event written in the same transaction as the membership (PRODUCT.md rule 10: the
 * participant sees every change to their team, live), published after commit.
 */
@Injectable()
export class CareTeamTimelineWriter implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly timeline: CareTeamTimeline,
    private readonly log: PlanEventLog,
  ) {}

  onModuleInit(): void {
    this.timeline.use({
      write: (work) =>
        this.log.write((write) =>
          work({
            manager: write.manager,
            appendToTimeline: async (entry) => {
              await ensurePlan(write.manager, entry.participantId, this.clock.now());
              await write.append({
                participantId: entry.participantId,
                label: SensitivityLabel.GENERAL,
                type: PlanEventType.CARE_TEAM_CHANGED,
                itemId: entry.membershipId,
                actor: entry.actor,
                payload: entry.payload,
              });
            },
          }),
        ),
    });
  }
}
