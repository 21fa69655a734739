/**
 * Goals: a team's own target per DORA metric, set for a space and overridden per project. Pure data and
 * rules; lib/store/goals-store.ts keeps them, ./evaluate-goals.ts says whether a view meets them.
 *
 * Units are the metrics' own: deployment frequency in successful deployments per day (a goal is "at
 * least"), lead time and time to recovery in ms (the median, "at most"), failure and rework rates as
 * fractions ("at most"). DORA warns against turning its metrics into targets to compare teams by
 * (dora.dev/guides/dora-metrics, "Common pitfalls"): goals here are a team's own, for its own projects.
 */
import type { DeliveryMetric } from '@/lib/metrics/types';

/** The five metrics a goal can be set on: DORA's five software delivery metrics. */
export type GoalMetric = DeliveryMetric;
export const GOAL_METRICS: readonly GoalMetric[] = ['frequency', 'leadTime', 'failureRate', 'recovery', 'reworkRate'];

/** A target per metric; a metric without one has no goal. */
export type GoalTargets = Partial<Record<GoalMetric, number>>;
/** A project's changes to its space's targets: a number replaces the space's, `null` removes it there. */
export type GoalOverrides = Partial<Record<GoalMetric, number | null>>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The examples the goals editor offers (none is set until the user saves): at least one deployment a day,
 * median lead time within a day, failure rate at most 10 %, recovery within an hour, rework at most 5 %.
 */
export const SUGGESTED_TARGETS: Readonly<Record<GoalMetric, number>> = {
  frequency: 1,
  leadTime: DAY_MS,
  failureRate: 0.1,
  recovery: HOUR_MS,
  reworkRate: 0.05,
};

/** Deployment frequency is better higher; the others lower. */
export const higherIsBetter = (metric: GoalMetric): boolean => metric === 'frequency';

/**
 * The targets that apply to a project: the space's, with the project's overrides on top.
 *
 * @example
 * effectiveTargets({ failureRate: 0.1, leadTime: 86_400_000 }, { failureRate: 0.2, leadTime: null })
 * //=> { failureRate: 0.2 }
 */
export function effectiveTargets(space: GoalTargets, project: GoalOverrides = {}): GoalTargets {
  const out: GoalTargets = {};
  for (const metric of GOAL_METRICS) {
    const override = project[metric];
    const target = override === undefined ? space[metric] : override;
    if (target !== null && target !== undefined) out[metric] = target;
  }
  return out;
}

/**
 * Whether a target is one a goal can have: a finite number, not negative, and a rate no more than 1.
 *
 * @example
 * validTarget('failureRate', 1.5) //=> false
 */
export function validTarget(metric: GoalMetric, target: number): boolean {
  if (!Number.isFinite(target) || target < 0) return false;
  return metric === 'failureRate' || metric === 'reworkRate' ? target <= 1 : true;
}
