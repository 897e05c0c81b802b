import type { ResultOf } from '../graphql/graphql';
import type { GoalFields, OfferFields, PlanFields, StepFields, StrategyFields } from '../graphql/documents';

export type PlanData = ResultOf<typeof PlanFields>;
export type Goal = ResultOf<typeof GoalFields>;
export type Step = ResultOf<typeof StepFields>;
export type Strategy = ResultOf<typeof StrategyFields>;
export type Offer = ResultOf<typeof OfferFields>;
