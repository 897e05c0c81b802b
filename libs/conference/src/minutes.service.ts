import { Injectable } from '@nestjs/common';
import {
  ConferenceStatus,
  ParticipantResponseKind,
  PlanEventType,
  SensitivityLabel,
  strictestLabel,
} from '@roundtable/contracts';
import { authorize } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { assertVersion, badUserInput, Clock, conflict, notFound } from '@roundtable/platform';
import { chooseLabel, PlanEventLog, type NewPlanEvent, type PlanViewer } from '@roundtable/plan';
import { ConferenceAccess } from './conference-access';
import type { ParticipantResponseEntity } from './conference.entities';
import { MinutesRepository } from './minutes.repository';
import type { AmendMinutesInput, AnswerParticipantResponseInput, RespondToConferenceInput } from './conference.inputs';

/** The event telling the participant what the team changed in answer to their request, under the request's label. */
function responseAnswered(
  response: ParticipantResponseEntity,
  actor: Actor,
  answer: string,
): NewPlanEvent<PlanEventType.RESPONSE_ANSWERED> {
  return {
    participantId: response.participantId,
    label: response.label,
    type: PlanEventType.RESPONSE_ANSWERED,
    itemId: response.id,
    actor: actor.accountId,
    payload: { conferenceId: response.conferenceId, summary: `What we changed: ${answer}` },
  };
}

/**
 * After close the minutes never change: corrections are appended amendments (author, time,
 * reason). The participant can ask for a correction or leave feedback, and the team answers
 * with what it changed.
 */
@Injectable()
export class MinutesService {
  constructor(
    private readonly clock: Clock,
    private readonly access: ConferenceAccess,
    private readonly log: PlanEventLog,
    private readonly minutes: MinutesRepository,
  ) {}

  async amend(actor: Actor, input: AmendMinutesInput): Promise<string> {
    const { conference, viewer } = await this.access.writer(actor, input.conferenceId);
    if (conference.status !== ConferenceStatus.CLOSED) {
      throw badUserInput('input.conferenceId', 'input.conferenceId: the minutes are still open; add a note instead');
    }
    const targetLabel = await this.targetLabel(viewer, conference.id, input.targetId);
    const request = input.answersResponseId
      ? await this.minutes.responseInConference(input.answersResponseId, conference.id)
      : null;
    if (input.answersResponseId && (!request || !viewer.labels.has(request.label))) {
      throw badUserInput('input.answersResponseId', 'input.answersResponseId: not a request about this conference');
    }
    // Strict enough for what it corrects and for the request it answers.
    const label = chooseLabel(viewer, strictestLabel(targetLabel, request?.label ?? targetLabel), input.label);
    const text = input.text.trim();
    const now = this.clock.now();
    // The request's answer repeats the correction only where the request's readers may read it.
    const answer = request?.label === label ? `Amended: ${text}` : 'The minutes were amended';
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'amendMinutes' },
      async ({ manager, append }) => {
        // The request's row first, before the amendment and the event log: taking locks in
        // the same order as answerParticipantResponse, so the two never deadlock.
        if (request) {
          // Someone answered it since the caller read it: this answer would replace theirs.
          if (request.answeredAt) throw conflict(request.version);
          // Guarded like every edit (issue 13, finding 9): a concurrent answer to the same
          // request wins or loses as a whole; the loser gets CONFLICT, nothing is overwritten.
          await this.minutes.updateResponse(manager, request.id, request.version, {
            answer,
            answeredBy: actor.accountId,
            answeredAt: now,
          });
        }
        const amendment = await this.minutes.addAmendment(manager, {
          conferenceId: conference.id,
          participantId: conference.participantId,
          targetId: input.targetId ?? null,
          label,
          text,
          reason: input.reason.trim(),
          answersResponseId: request?.id ?? null,
          author: actor.accountId,
          createdAt: now,
        });
        await append({
          participantId: conference.participantId,
          label,
          type: PlanEventType.MINUTES_AMENDED,
          itemId: amendment.id,
          actor: actor.accountId,
          payload: { conferenceId: conference.id, summary: `Minutes amended: ${text} (why: ${amendment.reason})` },
        });
        if (request) await append(responseAnswered(request, actor, answer));
        return amendment.id;
      },
    );
  }

  /** The participant asks for a correction or leaves feedback; only they can. */
  async respond(actor: Actor, input: RespondToConferenceInput): Promise<string> {
    const { conference, viewer } = await this.access.reader(actor, input.conferenceId);
    authorize('minutes.respond', viewer);
    const targetLabel = await this.targetLabel(viewer, conference.id, input.targetId);
    const label = chooseLabel(viewer, targetLabel, input.label);
    const text = input.text.trim();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'respondToConference' },
      async ({ manager, append }) => {
        const response = await this.minutes.addResponse(manager, {
          conferenceId: conference.id,
          participantId: conference.participantId,
          kind: input.kind,
          targetId: input.targetId ?? null,
          label,
          text,
          createdBy: actor.accountId,
          createdAt: this.clock.now(),
          answer: null,
          answeredBy: null,
          answeredAt: null,
          version: 1,
        });
        await append({
          participantId: conference.participantId,
          label,
          type: PlanEventType.PARTICIPANT_RESPONDED,
          itemId: response.id,
          actor: actor.accountId,
          payload: {
            conferenceId: conference.id,
            summary:
              input.kind === ParticipantResponseKind.CORRECTION_REQUEST
                ? `The participant asked for a correction: ${text}`
                : `The participant’s feedback: ${text}`,
          },
        });
        return response.id;
      },
    );
  }

  /** A team member answers with what the team changed. */
  async answer(actor: Actor, input: AnswerParticipantResponseInput): Promise<string> {
    const response = await this.minutes.response(input.responseId);
    if (!response) throw notFound();
    const viewer = await this.access.labelledWriter(actor, response.participantId, response.label);
    authorize('minutes.answerResponse', viewer);
    assertVersion(response, input.expectedVersion);
    if (response.answeredAt) throw badUserInput('input.responseId', 'input.responseId: already answered');
    const answer = input.answer.trim();
    await this.log.write(async ({ manager, append }) => {
      await this.minutes.updateResponse(manager, response.id, input.expectedVersion, {
        answer,
        answeredBy: actor.accountId,
        answeredAt: this.clock.now(),
      });
      await append(responseAnswered(response, actor, answer));
    });
    return response.conferenceId;
  }

  /** The label of what is pointed at (GENERAL when nothing is); it must be in this conference and visible. */
  private async targetLabel(viewer: PlanViewer, conferenceId: string, targetId?: string): Promise<SensitivityLabel> {
    if (!targetId) return SensitivityLabel.GENERAL;
    const label = await this.minutes.targetLabel(targetId, conferenceId);
    if (!label || !viewer.labels.has(label)) {
      throw badUserInput('input.targetId', 'input.targetId: not part of this conference');
    }
    return label;
  }
}
