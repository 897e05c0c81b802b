import { AgendaItemKind, ConferenceStatus } from '@roundtable/contracts';
import { forbidden } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/** Who is asking, as the plan sees them once visibility is settled (NOT_FOUND for anything hidden). */
export interface ConferenceViewerFacts {
  /** The participant themself, on their own account. */
  isParticipant: boolean;
}

/** Whoever is asking, by account, once visibility and the right to write are settled. */
export interface RoomRunnerFacts extends ConferenceViewerFacts {
  accountId: string;
}

/** Who runs a conference's room: its facilitator, and the co-facilitator they named (if any). */
export interface RoomFacts {
  facilitatorId: string;
  coFacilitatorId: string | null;
}

/** What a team member said about how they are acting: with the participant, or co-signed by them. */
export interface WithParticipantFacts {
  withParticipant?: boolean | null;
  coSign?: unknown;
}

/** A topic and the room it is in: whether the participant asked for it "not without me" and attends. */
export interface TopicPresenceFacts {
  notWithoutParticipant: boolean;
  participantAttends: boolean;
}

export const MINUTES_CLOSED = 'The minutes of this conference are closed: add an amendment (amendMinutes) instead';

const WAITS_FOR_PARTICIPANT =
  'This decision waits for the participant: they agree or decline on their own device; a team member with them records their answer (withParticipant), which waits for them unless they co-sign';

export const ONLY_THE_FACILITATORS = 'Only the facilitator or the co-facilitator they named runs the room';

const NOT_WITHOUT_THEM = 'The participant asked that this topic not be discussed without them';

/**
 * Case conferences (docs/product-rules.md rules 1, 2, 3): nothing about them without them.
 * The conference services call these after visibility (ConferenceAccess / PlanAccess:
 * NOT_FOUND for what is hidden), each at the same place its check always stood, so the
 * order of answers (NOT_FOUND, FORBIDDEN, CONFLICT, BAD_USER_INPUT) is unchanged. Plain facts
 * in: libs/access does not import libs/conference.
 */
export class ConferencePolicy {
  /** Rule 2: closed minutes are a record; what changes after is an amendment beside them. */
  static assertOpen(conference: { status: ConferenceStatus | null | undefined }): void {
    if (conference.status === ConferenceStatus.CLOSED) throw forbidden(MINUTES_CLOSED);
  }

  /** Rules 2 and 3: "not without me" holds whoever adds to the topic, until the participant attends. */
  static assertParticipantPresent(viewer: ConferenceViewerFacts, topic: TopicPresenceFacts): void {
    if (topic.notWithoutParticipant && !topic.participantAttends && !viewer.isParticipant) {
      throw forbidden(NOT_WITHOUT_THEM);
    }
  }

  /**
   * Issue 17 (rule 2: the room is the participant's conference, run in order): start, move
   * along the agenda and close belong to the facilitator and the co-facilitator they named,
   * nobody else, the participant included. Called after ConferenceAccess.writer, which has
   * already answered NOT_FOUND to whoever may not see the conference and checked, at call
   * time, that a staff caller is on the care team now: a co-facilitator (or facilitator)
   * whose membership ended no longer gets this far, whatever id the conference still holds.
   */
  static runTheRoom(viewer: RoomRunnerFacts, conference: RoomFacts): void {
    const runs =
      !viewer.isParticipant &&
      (viewer.accountId === conference.facilitatorId || viewer.accountId === conference.coFacilitatorId);
    if (!runs) throw forbidden(ONLY_THE_FACILITATORS);
  }

  /** Issue 17: the facilitator alone names (or clears) their co-facilitator. */
  static nameCoFacilitator(viewer: RoomRunnerFacts, conference: RoomFacts): void {
    if (viewer.isParticipant || viewer.accountId !== conference.facilitatorId) {
      throw forbidden('Only the facilitator names a co-facilitator');
    }
  }

  /** Rules 2 and 3: the room moves to a "not without me" topic only while the participant attends. */
  static advanceTo(topic: TopicPresenceFacts): void {
    if (topic.notWithoutParticipant && !topic.participantAttends) throw forbidden(NOT_WITHOUT_THEM);
  }

  /** Rule 3: a support person comes at the participant's invitation (with them, or co-signed). */
  static invite(
    viewer: ConferenceViewerFacts,
    invitee: { isSupportPerson: boolean },
    input: WithParticipantFacts,
  ): void {
    if (invitee.isSupportPerson && !viewer.isParticipant && !input.withParticipant && !input.coSign) {
      throw forbidden('Support persons come at the participant’s invitation (withParticipant when they are with you)');
    }
  }

  /**
   * Rules 2 and 3: presence decides what may be agreed and discussed, so it is the
   * participant's to mark (on their device or by co-sign). A team member may say they will
   * not come only before the room opens.
   */
  static setParticipantAttends(
    how: { theirs: boolean },
    input: { attends: boolean },
    conference: { status: ConferenceStatus },
  ): void {
    if (!how.theirs && !input.attends && conference.status !== ConferenceStatus.SCHEDULED) {
      throw forbidden('Once the conference has started, only the participant changes whether they attend');
    }
  }

  /** Rules 1 and 3: the participant's update is their words: theirs, written with them, or co-signed. */
  static recordParticipantUpdate(
    viewer: ConferenceViewerFacts,
    input: { writtenWithParticipant?: boolean | null; coSign?: unknown },
  ): void {
    if (!viewer.isParticipant && !input.writtenWithParticipant && !input.coSign) {
      throw forbidden('The update is the participant’s: record it with them (writtenWithParticipant)');
    }
  }

  /** Rules 2 and 3: only the participant marks a topic "not without me", when adding it. */
  static addItem(viewer: ConferenceViewerFacts, input: { notWithoutParticipant?: boolean | null }): void {
    if (input.notWithoutParticipant && !viewer.isParticipant) {
      throw forbidden('Only the participant marks a topic “not without me”');
    }
  }

  /** Rule 1: the participant's update is always item 1; nobody moves it. */
  static moveItem(item: { kind: AgendaItemKind }): void {
    if (item.kind === AgendaItemKind.PARTICIPANT_UPDATE) {
      throw forbidden('The participant’s update is always item 1');
    }
  }

  /** Rules 2 and 3: only the participant marks a topic "not without me". */
  static setNotWithoutParticipant(viewer: ConferenceViewerFacts): void {
    if (!viewer.isParticipant) throw forbidden('Only the participant marks a topic “not without me”');
  }

  /** Rule 1: decisions are proposed by the team and agreed by the participant, never the other way. */
  static proposeDecision(viewer: ConferenceViewerFacts): void {
    if (viewer.isParticipant) {
      throw forbidden('Decisions are yours to agree to: change your plan directly, or ask the team to propose it');
    }
  }

  /** Rules 1, 2 and 3: the participant agrees or declines; a team member only with them (it waits) or co-signed. */
  static answerDecision(viewer: ConferenceViewerFacts, input: WithParticipantFacts): void {
    if (!viewer.isParticipant && !input.withParticipant && !input.coSign) throw forbidden(WAITS_FOR_PARTICIPANT);
  }

  /** Rule 2: only the participant asks for a correction or leaves feedback; the team amends. */
  static respondToMinutes(viewer: ConferenceViewerFacts): void {
    if (!viewer.isParticipant) {
      throw forbidden('Only the participant asks for corrections or leaves feedback here; the team amends the minutes');
    }
  }

  /** Rule 2: the team answers what the participant asked, with what it changed. */
  static answerResponse(viewer: ConferenceViewerFacts): void {
    if (viewer.isParticipant) throw forbidden('Your team answers what you asked');
  }
}

/**
 * Who may, per conference permission (authorize dispatches on these). conference.advance is
 * checked twice: who runs the room, then (on the topic it moves to) "not without me". The
 * shared rules are the state every write into a conference or a topic is held to.
 */
export const CONFERENCE_RULES = {
  'shared:minutesOpen': ConferencePolicy.assertOpen,
  'shared:notWithoutParticipant': ConferencePolicy.assertParticipantPresent,
  'conference.start': ConferencePolicy.runTheRoom,
  'conference.advance': ConferencePolicy.runTheRoom,
  'conference.advance:topic': ConferencePolicy.advanceTo,
  'conference.close': ConferencePolicy.runTheRoom,
  'conference.nameCoFacilitator': ConferencePolicy.nameCoFacilitator,
  'conference.invite': ConferencePolicy.invite,
  'conference.setParticipantAttends': ConferencePolicy.setParticipantAttends,
  'conference.recordParticipantUpdate': ConferencePolicy.recordParticipantUpdate,
  'agenda.addItem': ConferencePolicy.addItem,
  'agenda.moveItem': ConferencePolicy.moveItem,
  'agenda.setNotWithoutParticipant': ConferencePolicy.setNotWithoutParticipant,
  'decision.propose': ConferencePolicy.proposeDecision,
  'decision.answer': ConferencePolicy.answerDecision,
  'minutes.respond': ConferencePolicy.respondToMinutes,
  'minutes.answerResponse': ConferencePolicy.answerResponse,
} as const satisfies RuleTable;
