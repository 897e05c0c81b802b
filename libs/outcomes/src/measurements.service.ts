import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MeasurementSource, MetricKind, PlanEventType, WinSource } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { badUserInput, Clock, notFound, onceGate, replayOnce } from '@roundtable/platform';
import { authorize } from '@roundtable/access';
import { PlanAccess, PlanEventLog } from '@roundtable/plan';
import { MetricRepository } from './metric.repository';
import type { MeasurementEntity, WinEntity } from './outcomes.entities';
import type { RecordMeasurementInput } from './outcomes.inputs';
import { movedBetter, validateValue } from './scale';
import { WinsService } from './wins.service';

/** Each attempt lost to a measurement committed in between; never reached but under a flood. */
const MAX_ATTEMPTS = 10;

/**
 * Recording a measurement, on its own file because it is the one write that may produce a
 * win. It keeps PRODUCT.md rule 4 (a value is checked against the metric's own scale; what
 * the participant records about themselves is a self-report), rule 5 (a measurement moving
 * the participant's chosen way is a win, in the same transaction) and rule 10 (only someone
 * who may see the metric's label records on it; anyone else gets NOT_FOUND).
 */
@Injectable()
export class MeasurementsService {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly log: PlanEventLog,
    private readonly wins: WinsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * A measurement moving the better way against the previous one is a win, written with it.
   * One statement (issue 18): the measurement, its event, the win and its event, gated by
   * "the previous measurement is still the one compared with" and the idempotency key.
   */
  async record(
    actor: Actor,
    input: RecordMeasurementInput,
  ): Promise<{ measurement: MeasurementEntity; win: WinEntity | null }> {
    const metrics = new MetricRepository(this.dataSource.manager);
    const now = this.clock.now();
    const at = input.at ?? now;
    let found = await metrics.metricWithPrevious(input.metricId, at);
    if (!found) throw notFound();
    const { metric } = found;
    const viewer = await this.access.itemWriter(actor, metric.participantId, metric.label);
    authorize('metric.recordMeasurement', viewer, {
      participantDefined: metric.kind === MetricKind.PARTICIPANT_DEFINED,
    });
    if (viewer.isParticipant && input.source !== MeasurementSource.SELF_REPORT) {
      throw badUserInput('input.source', 'input.source: what you record about yourself is SELF_REPORT');
    }
    // Rules 1 and 4: a self-report is the participant's own voice; a team member's value is theirs, never labelled as it.
    if (!viewer.isParticipant && input.source === MeasurementSource.SELF_REPORT) {
      throw badUserInput(
        'input.source',
        'input.source: SELF_REPORT is what the participant records themselves; record yours as CLINICIAN, LAB or PROGRAM_RECORD',
      );
    }
    validateValue(metric, input.value);
    if (at.getTime() > now.getTime() + 5 * 60_000) throw badUserInput('input.at', 'input.at: cannot be in the future');
    const once = { actor: actor.accountId, key: input.idempotencyKey, operation: 'recordMeasurement' };
    // A measurement committed between the read and the write moves "the previous one": the
    // write then stops at its gate and the comparison is made again against it.
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { previous } = found;
      const measurement: MeasurementEntity = {
        id: randomUUID(),
        participantId: metric.participantId,
        metricId: metric.id,
        label: metric.label,
        value: input.value,
        at,
        source: input.source,
        note: input.note?.trim() || null,
        recordedBy: actor.accountId,
        createdAt: now,
      };
      const win =
        previous && movedBetter(metric.better, previous.value, input.value)
          ? this.wins.planned({
              participantId: metric.participantId,
              source: WinSource.MEASUREMENT,
              sourceId: measurement.id,
              label: metric.label,
              text: `${metric.name}: ${previous.value} → ${input.value}${metric.unit ? ` ${metric.unit}` : ''}`,
              proposedBy: null,
              actor: actor.accountId,
            })
          : null;
      const written = await this.log.writeOne({
        gates: [metrics.previousStillPart(metric.id, at, previous?.id ?? null), ...onceGate(once, measurement.id)],
        rows: [metrics.addMeasurementPart(measurement), ...(win?.followOn.rows ?? [])],
        events: [
          {
            participantId: metric.participantId,
            label: metric.label,
            type: PlanEventType.MEASUREMENT_RECORDED,
            itemId: measurement.id,
            actor: actor.accountId,
            payload: { text: metric.name, value: input.value, metricId: metric.id },
          },
          ...(win?.followOn.events ?? []),
        ],
      });
      // What was written is the answer: no read back (issue 18).
      if (written) return { measurement, win: win?.win ?? null };
      // A retried request: the measurement and the win its first attempt made, read back.
      const replayed = await replayOnce(this.dataSource.manager, once);
      if (replayed !== undefined) return metrics.measurementWithWin(replayed);
      found = (await metrics.metricWithPrevious(metric.id, at)) ?? found;
    }
    throw new Error(`recordMeasurement: the metric's measurements kept moving (${MAX_ATTEMPTS} attempts)`);
  }
}
