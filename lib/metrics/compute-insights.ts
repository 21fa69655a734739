import { distributeValues } from './distribute-values';
import { groupMedians } from './group-medians';
import { historyStart as historyStartOf } from './history-start';
import { inProgress } from './in-progress';
import { mannKendall } from './mann-kendall';
import { coveredDays, metricChanges, type PeriodSample } from './metric-change';
import { octopusTrend } from './octopus-trend';
import { type PeriodCounts, periodMetrics } from './period-metrics';
import type { PreparedHistory, ValueMetric } from './prepare';
import { rankGroups } from './rank-groups';
import { releaseImpact } from './release-impact';
import { resolveWindow } from './resolve-window';
import { hotfixStreams } from './rework';
import { streamMask } from './stream-mask';
import { tierSummary } from './tier-summary';
import { trendIndicator } from './trend-indicator';
import type { BucketMetrics, Insights, InsightsQuery, PeriodMetrics, TrendMetric } from './types';
import { unrecoveredFailures } from './unrecovered-failures';
import { sortScratch } from './sort-by-key';
import { byMetric, countsAt, VALUE_METRICS, windowPass } from './window-pass';
import { type WindowValues, windowValues } from './window-values';
import { zonedDate } from './zoned-date';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function comparison(current: PeriodMetrics, previous: PeriodMetrics): Record<TrendMetric, ReturnType<typeof trendIndicator>> {
  const c = current.failureRate.total;
  const p = previous.failureRate.total;
  return {
    frequency: trendIndicator('frequency', current.frequency.perWeek, previous.frequency.perWeek, c, p),
    leadTime: trendIndicator('leadTime', current.leadTime.mean, previous.leadTime.mean, c, p),
    failureRate: trendIndicator('failureRate', current.failureRate.rate, previous.failureRate.rate, c, p),
    recovery: trendIndicator('recovery', current.recovery.mean, previous.recovery.mean, c, p),
    reworkRate: trendIndicator('reworkRate', current.beyondOctopus.reworkRate.rate, previous.beyondOctopus.reworkRate.rate, c, p),
    duration: trendIndicator('duration', current.duration.mean, previous.duration.mean, c, p),
    queueTime: trendIndicator('queueTime', current.queueTime.mean, previous.queueTime.mean, c, p),
  };
}

const present = (values: (number | null)[]): number[] => values.filter((v): v is number => v !== null);

/** A period's side of a comparison: its counts, and its durations' sorted values (`slot` -1: the whole window). */
function periodSample(m: PeriodMetrics, distributed: Record<ValueMetric, { bySlot: Float64Array[]; whole: Float64Array }>, slot: number, historyStart: number | null): PeriodSample {
  const values = (metric: ValueMetric) => (slot < 0 ? distributed[metric].whole : distributed[metric].bySlot[slot]);
  return {
    from: m.from,
    to: m.to,
    coveredDays: coveredDays(m.from, m.to, historyStart),
    successful: m.frequency.successful,
    failed: m.failureRate.failed,
    rework: m.beyondOctopus.reworkRate.rework,
    total: m.failureRate.total,
    values: { leadTime: values('leadTime'), recovery: values('recovery'), duration: values('duration'), queueTime: values('queueTime') },
  };
}

const total = (a: Int32Array) => {
  let t = 0;
  for (let s = 0; s < a.length; s++) t += a[s];
  return t;
};

/**
 * Everything the Insights panel shows for one filter and window, from a {@link prepare}d history: Octopus's
 * figures (frequency, lead time, failure rate, time to recovery, time since previous success, deployments
 * until recovery, duration, queue time) per bucket and for the whole window, the previous equal period and
 * the comparison with it, Octopus's 28-day trend indicators, deployments still in progress — and, under
 * `beyondOctopus`, DORA's deployment rework rate (per period, with `query.hotfixChannels`), DORA tiers, unrecovered failures, flagged values, rankings, release impact and
 * Mann-Kendall trend significance.
 *
 * Windows are `[from, to)`; a deployment belongs to the bucket and period of its completion (queue time: of
 * its start). Cost: one pass over the deployments of the previous + current window, then each metric's
 * values of the deployments that pass the filter there, radix sorted: a narrow filter costs little however
 * long the history. Pure: `now` is a parameter, nothing is mutated.
 *
 * @example
 * const insights = computeInsights(prepare(history), {
 *   now: Date.now(), range: { preset: 'lastQuarter' }, granularity: 'week', timeZone: 'Europe/London',
 *   filter: { projects: [0], environments: [3] },
 * });
 * insights.summary.leadTime.median // ms
 * insights.series.map((b) => b.frequency.successful)
 */
export function computeInsights(p: PreparedHistory, query: InsightsQuery): Insights {
  const timeZone = query.timeZone ?? 'UTC';
  const excludeFlagged = query.excludeFlagged ?? false;
  const limit = query.rankings?.limit ?? 5;
  const minDeployments = query.rankings?.minDeployments ?? 10;
  const minValues = query.rankings?.minValues ?? 5;
  const window = resolveWindow({
    now: query.now,
    range: query.range,
    timeZone,
    granularity: query.granularity,
    weekStart: query.weekStart,
    alignStart: query.alignStart,
  });
  const mask = streamMask(p.streams, p.history.dims, query.filter);
  const historyStart = historyStartOf(p, mask, timeZone);
  const hotfix = hotfixStreams(p.streams, query.hotfixChannels);
  const counts = windowPass(p, window, mask, excludeFlagged, hotfix);
  const B = counts.buckets;

  // Each metric's values of this window only, sorted once, then split into the slots.
  const sortedValues = {} as Record<ValueMetric, WindowValues>;
  const distributed = {} as Record<ValueMetric, ReturnType<typeof distributeValues>>;
  let largest = 0;
  for (const metric of VALUE_METRICS) largest = Math.max(largest, total(counts.values[metric]));
  const scratch = sortScratch(largest);
  for (const metric of VALUE_METRICS) {
    const rows = metric === 'queueTime' ? counts.started : counts.completed;
    // Only the group medians (lead time, recovery) need each value's deployment.
    const withRows = metric === 'leadTime' || metric === 'recovery';
    sortedValues[metric] = windowValues(p, metric, rows, excludeFlagged, total(counts.values[metric]), withRows, scratch);
    distributed[metric] = distributeValues(sortedValues[metric], counts.values[metric], B);
  }

  const slotCounts = (s: number, from: number, to: number): PeriodCounts => countsAt(counts, s, from, to, historyStart, byMetric((m) => distributed[m].bySlot[s]));

  const series: BucketMetrics[] = [];
  for (let k = 0; k < B; k++) {
    const start = window.calendar[k];
    const z = zonedDate(start, timeZone);
    const from = window.edges[k];
    const to = window.edges[k + 1];
    series.push({
      ...periodMetrics(slotCounts(k + 1, from, to)),
      start,
      label: `${pad(z.year, 4)}-${pad(z.month + 1)}-${pad(z.day)}`,
      partial: from !== start || to !== window.calendar[k + 1],
      beforeHistory: historyStart === null || to <= historyStart,
    });
  }
  const sum = (a: Int32Array) => {
    let t = 0;
    for (let s = 1; s <= B; s++) t += a[s];
    return t;
  };
  const summary = periodMetrics({
    from: window.from,
    to: window.to,
    successful: sum(counts.successful),
    taskFailed: sum(counts.taskFailed),
    guidedFailure: sum(counts.guidedFailure),
    blocked: sum(counts.blocked),
    canceled: sum(counts.canceled),
    timedOut: sum(counts.timedOut),
    coveredFrom: historyStart,
    rework: sum(counts.rework),
    reworkReasons: { redeploy: sum(counts.reworkReasons.redeploy), rollback: sum(counts.reworkReasons.rollback), failureRun: sum(counts.reworkReasons.failureRun), hotfix: sum(counts.reworkReasons.hotfix) },
    values: byMetric((m) => distributed[m].whole),
  });
  const previous = periodMetrics(slotCounts(B + 1, window.previousFrom, window.previousTo));

  const groupValueCounts = (key: 'leadTime' | 'recovery') => ({
    project: counts.groups.project[key],
    environment: counts.groups.environment[key],
    tenant: counts.groups.tenant[key],
  });
  const rankings = rankGroups({
    dims: p.history.dims,
    counts: counts.groups,
    leadTimeMedians: groupMedians(p, sortedValues.leadTime, B, groupValueCounts('leadTime')),
    recoveryMedians: groupMedians(p, sortedValues.recovery, B, groupValueCounts('recovery')),
    days: summary.days,
    limit,
    minDeployments,
    minValues,
  });

  const { samples, ...trend28 } = octopusTrend(p, mask, query.now, excludeFlagged, historyStart, hotfix, scratch);
  // Buckets before the history starts are not zeros of a trend.
  const measured = series.filter((b) => !b.beforeHistory);

  return {
    window,
    historyStart,
    summary,
    previous,
    comparison: comparison(summary, previous),
    series,
    trend28,
    inProgress: inProgress(p, mask, query.now),
    beyondOctopus: {
      tiers: tierSummary(summary, query.tierYear ?? 2024, minDeployments, minValues),
      unrecovered: unrecoveredFailures(p, mask, window.from, window.to, query.now),
      flagged: counts.flagged,
      rankings,
      releases: releaseImpact({
        history: p.history,
        releases: counts.releases,
        recoveredFrom: p.recoveredFrom,
        limit: query.rankings?.releaseLimit ?? 10,
      }),
      significance: {
        frequency: mannKendall(
          measured.map((b) => b.frequency.perDay),
          true,
        ),
        leadTime: mannKendall(present(measured.map((b) => b.leadTime.median)), false),
        failureRate: mannKendall(present(measured.map((b) => b.failureRate.rate)), false),
        recovery: mannKendall(present(measured.map((b) => b.recovery.median)), false),
        reworkRate: mannKendall(present(measured.map((b) => b.beyondOctopus.reworkRate.rate)), false),
      },
      changes: {
        previous: metricChanges(periodSample(previous, distributed, B + 1, historyStart), periodSample(summary, distributed, -1, historyStart)),
        trend28: metricChanges(samples.before, samples.after),
      },
    },
  };
}
