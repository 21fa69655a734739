import type { TrendMetric, TrendResult } from './types';

/** Octopus's rule: no indicator when either block has fewer deployments than this. */
export const TREND_MIN_DEPLOYMENTS = 10;
/** Octopus's rule: a relative change below this is "steady". */
export const TREND_STEADY_BELOW = 0.05;

/**
 * Octopus's trend indicator (docs/octopus-api.md §1.4, insights/trend-indicators.md) comparing one value of a
 * block with the block before:
 * - **none** when either block has fewer than 10 deployments (successful + failed), or a block has no value
 *   (no current value is Octopus's "not enough data");
 * - **steady** when the relative change `|current - previous| / |previous|` is below 5 % (exactly 5 % is a change);
 * - **up** / **down** otherwise. With a previous value of 0, any non-zero current value is a change.
 *
 * Sentiment: deployment frequency up is good; every other metric (lead time, failure rate, recovery,
 * duration, queue time) up is bad. The values compared are means (frequency: mean deployments per week).
 *
 * @example
 * trendIndicator('leadTime', 105, 100, 12, 10) // +5 % exactly is a change
 * //=> { direction: 'up', sentiment: 'bad', change: 0.05, … }
 */
export function trendIndicator(
  metric: TrendMetric,
  current: number | null,
  previous: number | null,
  currentDeployments: number,
  previousDeployments: number,
): TrendResult {
  const base = { metric, current, previous, currentDeployments, previousDeployments };
  if (currentDeployments < TREND_MIN_DEPLOYMENTS || previousDeployments < TREND_MIN_DEPLOYMENTS) {
    return { ...base, change: null, direction: 'none', sentiment: 'neutral', reason: 'too-few-deployments' };
  }
  if (current === null) return { ...base, change: null, direction: 'none', sentiment: 'neutral', reason: 'no-current-value' };
  if (previous === null) return { ...base, change: null, direction: 'none', sentiment: 'neutral', reason: 'no-previous-value' };
  const change = previous === 0 ? (current === 0 ? 0 : null) : (current - previous) / Math.abs(previous);
  if (change !== null && Math.abs(change) < TREND_STEADY_BELOW) {
    return { ...base, change, direction: 'steady', sentiment: 'neutral', reason: null };
  }
  const direction = current > previous ? 'up' : 'down';
  const good = direction === 'up' ? metric === 'frequency' : metric !== 'frequency';
  return { ...base, change, direction, sentiment: good ? 'good' : 'bad', reason: null };
}
