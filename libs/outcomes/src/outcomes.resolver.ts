import { Args, ID, Info, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentActor, type Actor } from '@roundtable/identity';
import { changeOnce, notFound, IdPipe, Permission } from '@roundtable/platform';
import { Authors, PlanAccess } from '@roundtable/plan';
import { CLINICAL_CATALOGUE } from './clinical-catalogue';
import { MeasurementsService } from './measurements.service';
import { MetricDefinitionsService } from './metric-definitions.service';
import {
  AnswerPlanReviewInput,
  DefineMetricInput,
  ProposeWinInput,
  RecordMeasurementInput,
  RecordSetbackInput,
  WinVersionInput,
} from './outcomes.inputs';
import {
  ClinicalMeasure,
  MeasurementConnection,
  Metric,
  Progress,
  RecordedMeasurement,
  Setback,
  Win,
  WinConnection,
} from './outcomes.models';
import { ProgressReader } from './progress-reader';
import { SetbackRepository } from './setback.repository';
import { SetbacksService } from './setbacks.service';
import { toWin, WinsService } from './wins.service';

/** Whether a selection asks for any of `fields`, at any depth, through fragments too. */
function selects(info: GraphQLResolveInfo, fields: ReadonlySet<string>): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return fields.has(selection.name.value) || visit(selection.selectionSet);
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      const fragment = info.fragments[selection.name.value];
      return !fragment || visit(fragment.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}

const SERIES_FIELDS = new Set(['times', 'values']);

/** Success as the participant defines it, with clinical measures beside it. */
@Resolver()
export class OutcomesResolver {
  constructor(
    private readonly access: PlanAccess,
    private readonly definitions: MetricDefinitionsService,
    private readonly measurementsService: MeasurementsService,
    private readonly progressReader: ProgressReader,
    private readonly winsService: WinsService,
    private readonly setbacksService: SetbacksService,
    private readonly setbackRows: SetbackRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Permission('outcomes.readClinicalCatalogue')
  @Query(() => [ClinicalMeasure], {
    description: 'The clinical measures to pick from when defining a clinical metric.',
  })
  clinicalCatalogue(): ClinicalMeasure[] {
    return [...CLINICAL_CATALOGUE];
  }

  @Permission('outcomes.read')
  @Query(() => Progress, {
    description:
      'Progress by life domain: the participant’s own measures first, clinical beside them; only what you may see.',
  })
  async progress(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Progress> {
    // A screen showing only the latest values (the plan) does not load every point.
    return this.progressReader.progress(await this.access.viewer(actor, participantId), {
      series: selects(info, SERIES_FIELDS),
    });
  }

  @Permission('metric.readMeasurements')
  @Query(() => MeasurementConnection, { description: 'A metric’s measurements, newest first.' })
  measurements(
    @CurrentActor() actor: Actor,
    @Args('metricId', { type: () => ID }, IdPipe) metricId: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<MeasurementConnection> {
    return this.progressReader.measurements(actor, metricId, first, after);
  }

  @Permission('outcomes.read')
  @Query(() => WinConnection, { description: 'Wins, newest first.' })
  async wins(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<WinConnection> {
    return this.winsService.page(await this.access.viewer(actor, participantId), first, after);
  }

  @Permission('outcomes.read')
  @Query(() => [Setback], { description: 'Setbacks, newest first: neutral events, never failures.' })
  async setbacks(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
  ): Promise<Setback[]> {
    return this.setbacksService.list(await this.access.viewer(actor, participantId));
  }

  @Permission('metric.define')
  @Mutation(() => Metric, {
    description:
      'Define a metric: participant-defined (their words, their scale) or clinical (from the catalogue or custom).',
  })
  async defineMetric(@CurrentActor() actor: Actor, @Args('input') input: DefineMetricInput): Promise<Metric> {
    const id = await this.definitions.define(actor, input);
    const progress = await this.progressReader.progress(await this.access.viewer(actor, input.participantId));
    const series = progress.domains
      .flatMap((d) => [...d.participantDefined, ...d.clinical])
      .find((s) => s.metric.id === id);
    if (!series) throw notFound();
    return series.metric;
  }

  @Permission('metric.recordMeasurement')
  @Mutation(() => RecordedMeasurement, { description: 'Record a measurement, validated against the metric’s scale.' })
  async recordMeasurement(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecordMeasurementInput,
  ): Promise<RecordedMeasurement> {
    const { measurement, win } = await this.measurementsService.record(actor, input);
    // Names only when the win shows one: a measurement's win is proposed by nobody, so it
    // costs no read (issue 18).
    const authors = win?.proposedBy
      ? await Authors.load(this.dataSource, measurement.participantId, [win.proposedBy])
      : Authors.fromAccounts([]);
    return { ...measurement, win: win && toWin(win, authors) };
  }

  @Permission('win.propose')
  @Mutation(() => Win, {
    description: 'Propose a win. A participant’s own is confirmed at once; others wait for them.',
  })
  async proposeWin(@CurrentActor() actor: Actor, @Args('input') input: ProposeWinInput): Promise<Win> {
    const win = await this.winsService.propose(actor, input);
    return toWin(win, await Authors.load(this.dataSource, win.participantId, [win.proposedBy]));
  }

  @Permission('win.confirm')
  @Mutation(() => Win, { description: 'Participant: confirm a win counts.' })
  async confirmWin(@CurrentActor() actor: Actor, @Args('input') input: WinVersionInput): Promise<Win> {
    const id = await changeOnce(this.dataSource, actor, input, 'confirmWin', () =>
      this.winsService.confirm(actor, input),
    );
    const { win } = await this.winsService.ownWin(actor, id, 'win.confirm');
    return toWin(win, await Authors.load(this.dataSource, win.participantId, [win.proposedBy]));
  }

  @Permission('win.hide')
  @Mutation(() => Boolean, { description: 'Participant: hide a win you don’t count. It stays hidden for everyone.' })
  async hideWin(
    @CurrentActor() actor: Actor,
    @Args('winId', { type: () => ID }, IdPipe) winId: string,
  ): Promise<boolean> {
    await this.winsService.hide(actor, winId);
    return true;
  }

  @Permission('setback.record')
  @Mutation(() => Setback, { description: 'Record a setback: by the participant, or by a team member with them.' })
  async recordSetback(@CurrentActor() actor: Actor, @Args('input') input: RecordSetbackInput): Promise<Setback> {
    const id = await this.setbacksService.record(actor, input);
    return this.setbackFor(actor, input.participantId, id);
  }

  @Permission('setback.answerPlanReview')
  @Mutation(() => Setback, {
    description: 'Participant: take up or decline the plan review offered after a return to use.',
  })
  async answerPlanReview(@CurrentActor() actor: Actor, @Args('input') input: AnswerPlanReviewInput): Promise<Setback> {
    const id = await changeOnce(this.dataSource, actor, input, 'answerPlanReview', () =>
      this.setbacksService.answerPlanReview(actor, input),
    );
    const participantId = await this.setbackRows.participantOf(id);
    if (!participantId) throw notFound();
    return this.setbackFor(actor, participantId, id);
  }

  private async setbackFor(actor: Actor, participantId: string, id: string): Promise<Setback> {
    const found = (await this.setbacksService.list(await this.access.viewer(actor, participantId))).find(
      (s) => s.id === id,
    );
    if (!found) throw notFound();
    return found;
  }
}
