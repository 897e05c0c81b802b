import type { SensitivityLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { notFound, unauthenticated } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/** What the socket is about to show: an item of the plan (its label, undefined when unknown), or nothing (null). */
export interface PresenceFacts {
  /** The label streams this socket joined in that plan; undefined when it did not join it. */
  joined: readonly SensitivityLabel[] | undefined;
  item: { label: SensitivityLabel | undefined } | null;
}

/**
 * The live plan room over socket.io (docs/product-rules.md rules 10, 11, 12): the same access
 * as reading the plan, re-checked as it changes. PlanRooms, LivePresence and SocketSignIn
 * (libs/realtime) load the facts and call these through `authorize`; a refusal is answered as
 * an error ack with the same code and message as GraphQL's (socket-answers.ts).
 */
export class LivePlanRoomPolicy {
  /**
   * Rules 10 and 11: a socket joins for the labels its actor may see now (VisibilityPolicy);
   * seeing none, the plan does not exist for it. The join is audited either way (rule 12).
   */
  static watchLive(facts: { visibleLabels: ReadonlySet<SensitivityLabel> }): void {
    if (facts.visibleLabels.size === 0) throw notFound();
  }

  /**
   * Rule 11: a socket leaves its own rooms only; the rooms are read from the socket itself, so
   * there is no one else's to name and nothing to refuse.
   */
  static leaveLive(): void {}

  /**
   * Rules 10 and 11: "editing" or "viewing" an item is shown only in a plan the socket joined,
   * for an item it may see; an unknown item, one of another plan and a hidden one answer
   * alike. Clearing (no item) needs only the join.
   */
  static announcePresence(facts: PresenceFacts): void {
    const { joined, item } = facts;
    if (!joined) throw notFound();
    if (item && (!item.label || !joined.includes(item.label))) throw notFound();
  }

  /** Rule 10: a live connection carries on past its token only with a fresh token of the same account. */
  static refreshLive(socketAccountId: string, presented: Actor | undefined): Actor {
    if (!presented || presented.accountId !== socketAccountId) throw unauthenticated();
    return presented;
  }
}

/** Who may, per socket event's permission (authorize dispatches on these). */
export const LIVE_PLAN_ROOM_RULES = {
  'plan.watchLive': LivePlanRoomPolicy.watchLive,
  'plan.leaveLive': LivePlanRoomPolicy.leaveLive,
  'presence.announceEditing': LivePlanRoomPolicy.announcePresence,
  'presence.announceViewing': LivePlanRoomPolicy.announcePresence,
  'session.refreshLive': LivePlanRoomPolicy.refreshLive,
} as const satisfies RuleTable;
