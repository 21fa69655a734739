import { performanceTier } from './performance-tier';
import type { DoraMetric, PeriodMetrics, TierName, TierResult, TierYear } from './types';

function result(
  metric: DoraMetric,
  value: number | null,
  sample: number,
  minSample: number,
  interval: { lower: number; upper: number } | null,
  year: TierYear,
): TierResult {
  if (sample === 0 || value === null) {
    return { tier: null, value, sample, minSample, beyondLowestBand: false, range: null, reason: 'no-data' };
  }
  if (sample < minSample) {
    return { tier: null, value, sample, minSample, beyondLowestBand: false, range: null, reason: 'too-few-values' };
  }
  const tier = performanceTier(metric, value, year);
  let range: [TierName, TierName] | null = null;
  if (interval) {
    const better = performanceTier(metric, interval.lower, year);
    const worse = performanceTier(metric, interval.upper, year);
    if (better && worse) range = [better.tier, worse.tier];
  }
  return { tier: tier?.tier ?? null, value, sample, minSample, beyondLowestBand: tier?.beyondLowestBand ?? false, range, reason: null };
}

/**
 * The DORA performance tier of the window's four metrics (ours; Octopus has no tiers):
 * - deployment frequency: successful deployments per day over the window, whenever it has a deployment;
 * - lead time and time to recovery: the **median** (the survey asks what is typical), from `minValues` values,
 *   with the tiers at both ends of the median's 95 % interval as `range`;
 * - failure rate: from `minDeployments` deployments, with the tiers at both ends of its Wilson interval.
 * The tier describes the filtered deployments as one whole (DORA's clusters describe one service or team).
 *
 * @example
 * tierSummary(insights.summary, 2024, 10, 5).leadTime
 * //=> { tier: 'high', value: 183600000, sample: 48, range: ['high', 'high'], … }
 */
export function tierSummary(
  summary: PeriodMetrics,
  year: TierYear,
  minDeployments: number,
  minValues: number,
): { year: TierYear } & Record<DoraMetric, TierResult> {
  const rate = summary.failureRate;
  const lead = summary.leadTime;
  const recovery = summary.recovery;
  return {
    year,
    frequency: result('frequency', rate.total > 0 ? summary.frequency.perDay : null, rate.total, 1, null, year),
    leadTime: result('leadTime', lead.median, lead.count, minValues, lead.beyondOctopus.medianCi95, year),
    failureRate: result('failureRate', rate.rate, rate.total, minDeployments, rate.beyondOctopus.wilson95, year),
    recovery: result('recovery', recovery.median, recovery.count, minValues, recovery.beyondOctopus.medianCi95, year),
  };
}
