import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  domainLabel,
  MetricKind,
  PlanEventType,
  ScaleType,
  SensitivityLabel,
  strictestLabel,
} from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { authorize } from '@roundtable/access';
import { badUserInput, Clock } from '@roundtable/platform';
import { chooseLabel, linkedGoals, linkedLabel, PlanAccess, PlanEventLog } from '@roundtable/plan';
import { catalogueEntry } from './clinical-catalogue';
import { MetricRepository } from './metric.repository';
import type { MetricEntity } from './outcomes.entities';
import type { DefineMetricInput } from './outcomes.inputs';
import { scaleBounds } from './scale';

/**
 * Defining a metric, on its own file because its rules are about the definition alone: a
 * catalogue measure comes whole from the clinical catalogue, anything else has its scale
 * checked, and its label is the strictest of its domain, the goals it links and whether it
 * tracks an amount of substance use. It keeps PRODUCT.md rule 4 (participant-defined metrics
 * in their words and scale, clinical ones from the catalogue or custom; tracking an amount of
 * substance use is the participant's choice, OutcomesPolicy.defineMetric) and rule 10 (a
 * metric carries the strictest label of what it reveals, and links only goals the writer sees).
 */
@Injectable()
export class MetricDefinitionsService {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly log: PlanEventLog,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async define(actor: Actor, input: DefineMetricInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    authorize('metric.define', viewer, input);
    const definition = this.definition(input);
    const goalLabel = linkedLabel(await linkedGoals(this.dataSource, viewer, input.goalIds, 'input.goalIds'));
    const substanceLabel = input.tracksSubstanceAmount ? SensitivityLabel.SUBSTANCE_USE : SensitivityLabel.GENERAL;
    const label = chooseLabel(viewer, strictestLabel(definition.label, goalLabel, substanceLabel), input.label);
    const now = this.clock.now();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'defineMetric' },
      async ({ manager, append }) => {
        const metric = await new MetricRepository(manager).addMetric({
          ...definition,
          participantId: input.participantId,
          label,
          goalIds: input.goalIds,
          tracksSubstanceAmount: input.tracksSubstanceAmount,
          definedBy: actor.accountId,
          createdAt: now,
          version: 1,
        });
        await append({
          participantId: input.participantId,
          label,
          type: PlanEventType.METRIC_DEFINED,
          itemId: metric.id,
          actor: actor.accountId,
          payload: { text: metric.name, kind: metric.kind },
        });
        return metric.id;
      },
    );
  }

  /** The full definition: from the catalogue, or from the input with its scale checked. */
  private definition(
    input: DefineMetricInput,
  ): Omit<
    MetricEntity,
    'id' | 'participantId' | 'goalIds' | 'tracksSubstanceAmount' | 'definedBy' | 'createdAt' | 'version'
  > {
    if (input.catalogueCode) {
      const entry = catalogueEntry(input.catalogueCode);
      if (!entry) throw badUserInput('input.catalogueCode', 'input.catalogueCode: not in the clinical catalogue');
      if (input.kind !== MetricKind.CLINICAL)
        throw badUserInput('input.kind', 'input.kind: catalogue measures are CLINICAL');
      const { code, ...rest } = entry;
      return { ...rest, kind: MetricKind.CLINICAL, catalogueCode: code, orderedLabels: [] };
    }
    const field = (name: string, why: string) => badUserInput(`input.${name}`, `input.${name}: ${why}`);
    if (!input.name) throw field('name', 'name the metric (in the participant’s words for their own)');
    if (!input.domain) throw field('domain', 'choose a life domain');
    if (!input.scale) throw field('scale', 'choose a scale');
    if (!input.better) throw field('better', 'say which direction is better');
    const orderedLabels = input.scale === ScaleType.ORDERED_LABELS ? (input.orderedLabels ?? []) : [];
    if (input.scale === ScaleType.ORDERED_LABELS && orderedLabels.length < 2)
      throw field('orderedLabels', 'give at least two labels, in order');
    const fixed = scaleBounds(input.scale, orderedLabels);
    const minimum = fixed ? fixed.minimum : (input.minimum ?? (input.scale === ScaleType.COUNT ? 0 : null));
    const maximum = fixed ? fixed.maximum : (input.maximum ?? null);
    if (minimum !== null && maximum !== null && minimum >= maximum) throw field('maximum', 'must be above the minimum');
    return {
      kind: input.kind,
      name: input.name.trim(),
      catalogueCode: null,
      domain: input.domain,
      label: domainLabel(input.domain),
      scale: input.scale,
      minimum,
      maximum,
      unit: input.unit?.trim() || null,
      orderedLabels,
      better: input.better,
    };
  }
}
