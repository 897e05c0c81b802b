import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MeasurementSource, MetricKind, PlanEventType, WinSource } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { badUserInput, Clock, notFound } from '@roundtable/platform';
import { OutcomesPolicy } from '@roundtable/access';
import { PlanAccess, PlanEventLog } from '@roundtable/plan';
import { MetricRepository } from './metric.repository';
import type { MeasurementEntity, WinEntity } from './outcomes.entities';
import type { RecordMeasurementInput } from './outcomes.inputs';
import { movedBetter, validateValue } from './scale';
import { WinsService } from './wins.service';

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

  /** A measurement moving the better way against the previous one is a win, in the same transaction. */
  async record(
    actor: Actor,
    input: RecordMeasurementInput,
  ): Promise<{ measurement: MeasurementEntity; win: WinEntity | null }> {
    const metrics = new MetricRepository(this.dataSource.manager);
    const metric = await metrics.metric(input.metricId);
    if (!metric) throw notFound();
    const viewer = await this.access.itemWriter(actor, metric.participantId, metric.label);
    OutcomesPolicy.recordMeasurement(viewer, { participantDefined: metric.kind === MetricKind.PARTICIPANT_DEFINED });
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
    const now = this.clock.now();
    const at = input.at ?? now;
    if (at.getTime() > now.getTime() + 5 * 60_000) throw badUserInput('input.at', 'input.at: cannot be in the future');
    const measurementId = await this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'recordMeasurement' },
      async (write) => {
        const rows = new MetricRepository(write.manager);
        const previous = await rows.previousMeasurement(metric.id, at);
        const measurement = await rows.addMeasurement({
          participantId: metric.participantId,
          metricId: metric.id,
          label: metric.label,
          value: input.value,
          at,
          source: input.source,
          note: input.note?.trim() || null,
          recordedBy: actor.accountId,
          createdAt: now,
        });
        await write.append({
          participantId: metric.participantId,
          label: metric.label,
          type: PlanEventType.MEASUREMENT_RECORDED,
          itemId: measurement.id,
          actor: actor.accountId,
          payload: { text: metric.name, value: input.value, metricId: metric.id },
        });
        if (previous && movedBetter(metric.better, previous.value, input.value)) {
          await this.wins.record(write, {
            participantId: metric.participantId,
            source: WinSource.MEASUREMENT,
            sourceId: measurement.id,
            label: metric.label,
            text: `${metric.name}: ${previous.value} → ${input.value}${metric.unit ? ` ${metric.unit}` : ''}`,
            proposedBy: null,
            actor: actor.accountId,
          });
        }
        return measurement.id;
      },
    );
    // Read back (also for a retried request): the measurement and the win it produced, if any.
    return metrics.measurementWithWin(measurementId);
  }
}
