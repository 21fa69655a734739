/**
 * Octopus's report trend lists (docs/octopus-api.md §1.5): per projects, environments and tenants, the top
 * 10 improving and worsening, shown only when at least two are present. Each group's value in the window
 * is compared with the previous period of equal length by Octopus's indicator rule (`trendIndicator`: at
 * least 10 deployments in both, a change of 5 % or more), on the value Octopus's indicators use: mean
 * deployments per week, mean lead time, failure rate, mean time to recovery.
 */
import type { PreparedHistory } from '@/lib/metrics/prepare';
import { rankSumTest } from '@/lib/metrics/rank-sum-test';
import { rateRatioTest } from '@/lib/metrics/rate-ratio-test';
import { hotfixStreams } from '@/lib/metrics/rework';
import { streamMask } from '@/lib/metrics/stream-mask';
import { twoProportionTest } from '@/lib/metrics/two-proportion-test';
import { trendIndicator } from '@/lib/metrics/trend-indicator';
import type { DeliveryMetric, TrendResult } from '@/lib/metrics/types';
import { type GroupPeriod, groupStats, type StatsWindow } from './group-stats';
import type { ResolvedReport } from './resolve-report';
import { type SplitGroup, splitGroups } from './split-groups';

export type TrendDimension = 'project' | 'environment' | 'tenant';
export const TREND_DIMENSIONS: readonly TrendDimension[] = ['project', 'environment', 'tenant'];
export const TREND_LIST_LENGTH = 10;

export interface TrendEntry {
  group: SplitGroup;
  trend: TrendResult;
  /** Beyond Octopus: whether the change is distinguishable from noise, and on how many. */
  noise: TrendNoise;
}

/**
 * The change tested as the cards test theirs (lib/metrics/metric-change.ts): deployments per day as two
 * Poisson rates, the failure rate as two proportions, lead time and recovery by their whole distributions
 * (rank sum). `pValue` is `null` — "not enough data" — where the test's sample rule fails.
 */
export interface TrendNoise {
  pValue: number | null;
  significant: boolean;
  /** The sample each side: successful deployments, successful + failed, or values. */
  before: number;
  after: number;
}

const DAY_MS = 86_400_000;

/**
 * @example
 * trendNoise('failureRate', previous, current, { from, to, previousFrom }) //=> { pValue: 0.41, significant: false, before: 40, after: 52 }
 */
export function trendNoise(metric: DeliveryMetric, before: GroupPeriod, after: GroupPeriod, window: StatsWindow): TrendNoise {
  const result = (() => {
    switch (metric) {
      case 'frequency':
        return { n: [before.successful, after.successful], test: rateRatioTest(before.successful, (window.from - window.previousFrom) / DAY_MS, after.successful, (window.to - window.from) / DAY_MS) };
      case 'failureRate':
        return { n: [before.total, after.total], test: twoProportionTest(before.failed, before.total, after.failed, after.total) };
      case 'reworkRate':
        return { n: [before.total, after.total], test: twoProportionTest(before.rework, before.total, after.rework, after.total) };
      default: {
        const key = metric === 'leadTime' ? 'leadTime' : 'recovery';
        const x = before[key].values ?? new Float64Array(0);
        const y = after[key].values ?? new Float64Array(0);
        return { n: [x.length, y.length], test: rankSumTest(y, x) };
      }
    }
  })();
  const pValue = result.test?.pValue ?? null;
  return { pValue, significant: pValue !== null && pValue < 0.05, before: result.n[0], after: result.n[1] };
}

export interface TrendLists {
  /** Groups with deployments in the window (Octopus shows the lists only from 2). */
  present: number;
  improving: TrendEntry[];
  worsening: TrendEntry[];
}

export function metricValue(metric: DeliveryMetric, period: GroupPeriod): number | null {
  switch (metric) {
    case 'frequency':
      return period.perWeek;
    case 'leadTime':
      return period.leadTime.mean;
    case 'failureRate':
      return period.failureRate;
    case 'recovery':
      return period.recovery.mean;
    case 'reworkRate':
      return period.reworkRate;
  }
}

/** Largest relative change first; a change from zero (no ratio) counts as the largest. */
const bySize = (a: Pick<TrendEntry, 'group' | 'trend'>, b: Pick<TrendEntry, 'group' | 'trend'>) =>
  Math.abs(b.trend.change ?? Number.POSITIVE_INFINITY) - Math.abs(a.trend.change ?? Number.POSITIVE_INFINITY) || a.group.label.localeCompare(b.group.label);

export function computeTrendLists(p: PreparedHistory, report: ResolvedReport, window: StatsWindow, metric: DeliveryMetric, hotfixChannels?: readonly number[]): Record<TrendDimension, TrendLists> {
  const dims = p.history.dims;
  const mask = streamMask(p.streams, dims, report.filter);
  const out = {} as Record<TrendDimension, TrendLists>;
  const hotfix = hotfixStreams(p.streams, hotfixChannels);
  for (const dimension of TREND_DIMENSIONS) {
    const split = splitGroups(dims, p.streams, mask, report, { kind: dimension });
    const durations = metric === 'leadTime' || metric === 'recovery';
    const stats = groupStats(p, split, window, { medians: false, values: durations, hotfix });
    const entries = split.groups.map((group, g) => {
      const now = stats.current[g];
      const before = stats.previous[g];
      return { g, group, trend: trendIndicator(metric, metricValue(metric, now), metricValue(metric, before), now.total, before.total) };
    });
    // Tested for noise only once listed: an exact rank-sum distribution per group of a large space costs
    // hundreds of milliseconds, the twenty listed a few.
    const listed = (sentiment: 'good' | 'bad'): TrendEntry[] =>
      entries
        .filter((e) => e.trend.sentiment === sentiment)
        .sort(bySize)
        .slice(0, TREND_LIST_LENGTH)
        .map(({ g, group, trend }) => ({ group, trend, noise: trendNoise(metric, stats.previous[g], stats.current[g], window) }));
    out[dimension] = { present: stats.current.filter((c) => c.total > 0).length, improving: listed('good'), worsening: listed('bad') };
  }
  return out;
}
