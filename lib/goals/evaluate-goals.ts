/**
 * Whether a view meets its goals, and whether that holds with 95 % confidence. Pure: a period's figures and
 * the targets in, one status per goal out.
 *
 * A goal is the set of values that meet it: `value ≤ target` (lead time, failure rate, recovery, rework
 * rate) or `value ≥ target` (deployment frequency), the target itself included. The view **meets** the goal
 * when its value is in that set, and **misses** it otherwise; the status is **confident** when the whole 95 %
 * interval of the value lies on the same side — inside the set for a goal met, outside it for one missed
 * ("the interval clears the target") — and **undecided** when the interval reaches across the target or
 * there is none (a median from fewer than 6 values). No value (no deployments, no lead times, no
 * recoveries) is **no data**: nothing to judge.
 *
 * The value and interval per metric are the ones the cards show: successful deployments per day over the
 * window with the exact Poisson interval of the count; the median lead time and time to recovery with the
 * distribution-free interval of the median; the failure and rework rates with their Wilson intervals.
 */
import { poissonInterval } from '@/lib/metrics/poisson-interval';
import type { FailureRateStats, FrequencyStats, ReworkRateStats, SampleStats } from '@/lib/metrics/types';
import { GOAL_METRICS, type GoalMetric, type GoalTargets, higherIsBetter } from './goal-targets';

/** What a goal is judged on: a period's figures (a panel's summary, the popup's, a report group's). */
export interface GoalFigures {
  /** The period's length in days. */
  days: number;
  frequency: Pick<FrequencyStats, 'successful' | 'perDay'>;
  failureRate: Pick<FailureRateStats, 'rate' | 'total'> & { beyondOctopus: Pick<FailureRateStats['beyondOctopus'], 'wilson95'> };
  leadTime: Pick<SampleStats, 'median' | 'count'> & { beyondOctopus: Pick<SampleStats['beyondOctopus'], 'medianCi95'> };
  recovery: Pick<SampleStats, 'median' | 'count'> & { beyondOctopus: Pick<SampleStats['beyondOctopus'], 'medianCi95'> };
  reworkRate: Pick<ReworkRateStats, 'rate' | 'total' | 'wilson95'>;
}

export interface GoalMeasure {
  value: number | null;
  interval: { lower: number; upper: number } | null;
  /** Deployments (frequency, rates) or values (lead time, recovery) behind it. */
  sample: number;
}

export type GoalState = 'met' | 'missed' | 'no-data';

export interface GoalStatus {
  metric: GoalMetric;
  target: number;
  state: GoalState;
  /** The 95 % interval lies wholly on the side of `state` (never for `no-data`). */
  confident: boolean;
  value: number | null;
  interval: { lower: number; upper: number } | null;
  sample: number;
}

/**
 * Each metric's value, 95 % interval and sample in a period.
 *
 * @example
 * goalMeasures(insights.summary ⊕ { reworkRate }).failureRate
 * //=> { value: 0.125, interval: { lower: 0.035, upper: 0.36 }, sample: 16 }
 */
export function goalMeasures(f: GoalFigures): Record<GoalMetric, GoalMeasure> {
  return {
    frequency: { value: f.days > 0 ? f.frequency.perDay : null, interval: poissonInterval(f.frequency.successful, f.days), sample: f.frequency.successful },
    leadTime: { value: f.leadTime.median, interval: f.leadTime.beyondOctopus.medianCi95, sample: f.leadTime.count },
    failureRate: { value: f.failureRate.rate, interval: f.failureRate.beyondOctopus.wilson95, sample: f.failureRate.total },
    recovery: { value: f.recovery.median, interval: f.recovery.beyondOctopus.medianCi95, sample: f.recovery.count },
    reworkRate: { value: f.reworkRate.rate, interval: f.reworkRate.wilson95, sample: f.reworkRate.total },
  };
}

/**
 * One goal against one measure (see the file's comment for the rule).
 *
 * @example
 * evaluateGoal('failureRate', 0.1, { value: 0.08, interval: { lower: 0.03, upper: 0.1 }, sample: 50 })
 * //=> { state: 'met', confident: true, … }  (the interval reaches the target, and the target meets the goal)
 */
export function evaluateGoal(metric: GoalMetric, target: number, measure: GoalMeasure): GoalStatus {
  const { value, interval, sample } = measure;
  const base = { metric, target, value, interval, sample };
  if (value === null || Number.isNaN(value)) return { ...base, state: 'no-data', confident: false };
  const meets = (v: number) => (higherIsBetter(metric) ? v >= target : v <= target);
  const met = meets(value);
  // The interval is wholly on one side when both its ends are.
  const confident = interval !== null && meets(interval.lower) === met && meets(interval.upper) === met;
  return { ...base, state: met ? 'met' : 'missed', confident };
}

/**
 * Every goal set in `targets`, in the metrics' order, against a period's figures.
 *
 * @example
 * evaluateGoals({ failureRate: 0.1, frequency: 1 }, figures).map((g) => [g.metric, g.state, g.confident])
 * //=> [['frequency', 'missed', true], ['failureRate', 'met', false]]
 */
export function evaluateGoals(targets: GoalTargets, figures: GoalFigures): GoalStatus[] {
  const measures = goalMeasures(figures);
  return GOAL_METRICS.flatMap((metric) => {
    const target = targets[metric];
    return target === undefined ? [] : [evaluateGoal(metric, target, measures[metric])];
  });
}

/**
 * A period of `computeInsights` (or the popup's summary) as the figures goals are judged on.
 *
 * @example
 * evaluateGoals(targets, periodFigures(insights.summary))
 */
export function periodFigures(period: Omit<GoalFigures, 'reworkRate'> & { beyondOctopus: { reworkRate: GoalFigures['reworkRate'] } }): GoalFigures {
  return { ...period, reworkRate: period.beyondOctopus.reworkRate };
}
