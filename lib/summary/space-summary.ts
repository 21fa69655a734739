/**
 * The popup's space summary: DORA's five metrics over the last 30 days across the space's production
 * environments — the same scope and window as the space report's default, "Production environments" over
 * the last 30 days (lib/report/report-definition.ts), so the two show the same numbers. Pure: a prepared
 * history and `now` in, numbers out.
 *
 * "Production" is per project: the last environment of its default channel's lifecycle, the same default
 * the project panel opens on (lib/panel/production.ts). A deployment counts when its (project, environment)
 * is one of those pairs — whatever its channel or tenant, so a hotfix channel deploying to production
 * counts too.
 *
 * Why not one `computeInsights` call: its filter ANDs dimensions, so "A → Production, B → Prod-EU" is not
 * expressible, and medians of several calls cannot be merged. Instead the per-deployment rows of the streams
 * whose (project, environment) is one of those pairs (`rowColumns`, one pass in completion order) give the
 * statistics, computed with the engine's own `periodMetrics` and `tierSummary`. The CSV export is then
 * exactly the rows behind the numbers.
 */
import { DAY_MS } from '@/lib/metrics/constants';
import { type DeploymentRowColumns, rowColumns, rowRework } from '@/lib/metrics/deployment-rows';
import { historyStart } from '@/lib/metrics/history-start';
import { resolveWindow } from '@/lib/metrics/resolve-window';
import { streamMask } from '@/lib/metrics/stream-mask';
import { Exclusion, FailureKind, Outcome } from '@/lib/metrics/constants';
import { hotfixStreams, reworkReasons as reasonsOf } from '@/lib/metrics/rework';
import type { Dimensions } from '@/lib/metrics/facts';
import { type PeriodCounts, periodMetrics } from '@/lib/metrics/period-metrics';
import type { PartSelection } from '@/lib/metrics/history-part';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import { quantileSorted } from '@/lib/metrics/quantile-sorted';
import { tierSummary } from '@/lib/metrics/tier-summary';
import type { DeliveryMetric, DoraMetric, FailureRateStats, FrequencyStats, ReworkRateStats, SampleStats, TierResult, TierYear } from '@/lib/metrics/types';
import { productionFilter, type ProductionTarget, productionTargets } from '@/lib/panel/production';
import { leadTimeOf, recoveryOf } from '@/lib/metrics/deployment-values';

export { productionFilter, type ProductionTarget, productionTargets } from '@/lib/panel/production';

/** Length of the summary window, in days of 24 hours; one sparkline point per day. */
export const SUMMARY_DAYS = 30;
/** Sample minimums for tiers: the same defaults as `computeInsights` (`RankingOptions`). */
const MIN_DEPLOYMENTS = 10;
const MIN_VALUES = 5;

export interface ProductionEnvironment {
  environment: number;
  name: string;
  /** Projects whose production environment this is. */
  projects: number;
}

export interface SpaceSummary {
  /** The window `[from, to)`: the last {@link SUMMARY_DAYS} days ending at `now` (the same wall-clock time, in the zone). */
  from: number;
  to: number;
  /** Where the production deployments' history starts (lib/metrics/history-start.ts): the frequency is over the days since. */
  historyStart: number | null;
  targets: ProductionTarget[];
  /** Distinct production environments, most projects first. */
  environments: ProductionEnvironment[];
  /** Deployments behind the numbers, in completion order (ties by deployment id), as row columns. */
  rows: DeploymentRowColumns;
  frequency: FrequencyStats;
  failureRate: FailureRateStats;
  leadTime: SampleStats;
  recovery: SampleStats;
  /** DORA's deployment rework rate (ours). */
  reworkRate: ReworkRateStats;
  /** DORA Lens's tiers (not Octopus's), from the whole window. */
  tiers: { year: TierYear } & Record<DoraMetric, TierResult>;
  /** Start of each day bucket `[start, start + 24 h)`, oldest first. */
  days: number[];
  /**
   * Per day: successful deployments, failure rate (fraction), median lead time (ms), median time to
   * recovery (ms) and rework rate (fraction); `null` where the day has nothing to measure.
   */
  daily: Record<DeliveryMetric, (number | null)[]>;
}

/** Counts and sorted values of rows `[first, last)`, as `periodMetrics` takes them (only the DORA metrics' values). */
function periodCounts(rows: DeploymentRowColumns, first: number, last: number, from: number, to: number): PeriodCounts {
  const p = rows.prepared;
  const c = { successful: 0, taskFailed: 0, guidedFailure: 0, blocked: 0, canceled: 0, timedOut: 0, rework: 0 };
  const reworkReasons = { redeploy: 0, rollback: 0, failureRun: 0, hotfix: 0 };
  const lead: number[] = [];
  const recovery: number[] = [];
  for (let k = first; k < last; k++) {
    const i = rows.index[k];
    // A blocked release's success counts in both: a success for frequency, a failure in the failure rate.
    const o = p.outcome[i];
    if (o === Outcome.Success) c.successful++;
    const kind = p.failureKind[i];
    if (kind === FailureKind.TaskFailed) c.taskFailed++;
    else if (kind === FailureKind.GuidedFailure) c.guidedFailure++;
    else if (kind === FailureKind.Blocked) c.blocked++;
    else if (o === Outcome.Excluded) {
      if (p.exclusion[i] === Exclusion.Canceled) c.canceled++;
      else if (p.exclusion[i] === Exclusion.TimedOut) c.timedOut++;
    }
    const bits = rowRework(rows, k);
    if (bits !== 0) {
      c.rework++;
      for (const reason of reasonsOf(bits)) reworkReasons[reason]++;
    }
    const leadTime = leadTimeOf(p, i);
    const recoveryTime = recoveryOf(p, i);
    if (!Number.isNaN(leadTime)) lead.push(leadTime);
    if (!Number.isNaN(recoveryTime)) recovery.push(recoveryTime);
  }
  const ascending = (xs: number[]) => Float64Array.from(xs).sort();
  const none = new Float64Array(0);
  return {
    from,
    to,
    ...c,
    reworkReasons,
    // Duration, queue time and the rest are not part of the summary (queue time even belongs to another
    // window, by start): left empty rather than half computed.
    values: { leadTime: ascending(lead), recovery: ascending(recovery), sincePrevious: none, deploymentsUntilRecovery: none, duration: none, queueTime: none },
  };
}

/**
 * The summary of the space's production deployments over the last {@link SUMMARY_DAYS} days ending at
 * `now`: frequency, failure rate, median lead time and time to recovery (Octopus's definitions, via the
 * engine's per-deployment values), DORA Lens's tiers, and a value per 24-hour day for sparklines. Days are
 * counted from the window's start rather than by calendar, so no day is cut short.
 *
 * @example
 * const s = spaceSummary(prepare(history), { now: Date.now(), tierYear: 2024, timeZone: 'Europe/London' });
 * s.frequency.successful; s.failureRate.rate; s.leadTime.median; s.daily.frequency.length //=> 30
 */
export function spaceSummary(prepared: PreparedHistory, options: { now: number; tierYear: TierYear; timeZone?: string; hotfixChannels?: readonly number[] }): SpaceSummary {
  const timeZone = options.timeZone ?? 'UTC';
  const { from, to } = resolveWindow({ now: options.now, range: { preset: 'last30Days' }, timeZone });
  const dims = prepared.history.dims;
  const targets = productionTargets(dims);
  // The streams of each project's production pair, then one pass over the completion order.
  const mask = streamMask(prepared.streams, dims, productionFilter(targets));
  const hotfix = hotfixStreams(prepared.streams, options.hotfixChannels);
  const rows = rowColumns(prepared, from, to, mask, hotfix);
  const start = historyStart(prepared, mask, timeZone);
  const whole = periodMetrics({ ...periodCounts(rows, 0, rows.length, from, to), coveredFrom: start });

  // Rows are in completion order: each day is a run of them.
  const days = Array.from({ length: SUMMARY_DAYS }, (_, k) => from + k * DAY_MS);
  const dayCounts: PeriodCounts[] = [];
  const completed = prepared.history.deployments.completed;
  let first = 0;
  for (let k = 0; k < SUMMARY_DAYS; k++) {
    let last = first;
    const end = k === SUMMARY_DAYS - 1 ? Number.POSITIVE_INFINITY : days[k] + DAY_MS;
    while (last < rows.length && completed[rows.index[last]] < end) last++;
    dayCounts.push(periodCounts(rows, first, last, days[k], days[k] + DAY_MS));
    first = last;
  }

  return {
    from,
    to,
    historyStart: start,
    targets,
    environments: productionEnvironments(dims, targets),
    rows,
    frequency: whole.frequency,
    failureRate: whole.failureRate,
    leadTime: whole.leadTime,
    recovery: whole.recovery,
    reworkRate: whole.beyondOctopus.reworkRate,
    tiers: tierSummary(whole, options.tierYear, MIN_DEPLOYMENTS, MIN_VALUES),
    days,
    daily: {
      frequency: dayCounts.map((c) => c.successful),
      failureRate: dayCounts.map((c) => periodMetrics(c).failureRate.rate),
      leadTime: dayCounts.map((c) => quantileSorted(c.values.leadTime, 0.5)),
      recovery: dayCounts.map((c) => quantileSorted(c.values.recovery, 0.5)),
      reworkRate: dayCounts.map((c) => periodMetrics(c).beyondOctopus.reworkRate.rate),
    },
  };
}

/**
 * The part of a space's history the summary depends on (lib/metrics/history-part.ts): the deployments to
 * the production environments and the releases their lead times can reach. Every figure of a deployment
 * comes from its own stream, so `spaceSummary(prepare(historyPart(history, summaryPart(dims))))` equals the
 * summary of the whole space — what the popup prepares, a few percent of a big space's deployments.
 *
 * @example
 * summaryPart(history.dims) //=> { environments: [3, 4] }
 */
export function summaryPart(dims: Dimensions): PartSelection {
  return { environments: [...new Set(productionTargets(dims).map((t) => t.environment))] };
}

function productionEnvironments(dims: Dimensions, targets: readonly ProductionTarget[]): ProductionEnvironment[] {
  const counts = new Map<number, number>();
  for (const t of targets) counts.set(t.environment, (counts.get(t.environment) ?? 0) + 1);
  return [...counts]
    .map(([environment, projects]) => ({ environment, name: dims.environments[environment]?.name ?? '', projects }))
    .sort((a, b) => b.projects - a.projects || a.name.localeCompare(b.name));
}
