/**
 * The popup's space summary: DORA's five metrics over the last 30 days across the space's production
 * environments. Pure: a prepared history and `now` in, numbers out.
 *
 * "Production" is per project: the last environment of its default channel's lifecycle, the same default
 * the project panel opens on (`lifecycleEnvironments`). A deployment counts when its (project,
 * environment) is one of those pairs — whatever its channel or tenant, so a hotfix channel deploying to
 * production counts too.
 *
 * Why not one `computeInsights` call: its filter ANDs dimensions, so "A → Production, B → Prod-EU" is not
 * expressible, and medians of several calls cannot be merged. Instead the per-deployment rows of the streams
 * whose (project, environment) is one of those pairs (`rowColumns`, one pass in completion order) give the
 * statistics, computed with the engine's own `periodMetrics` and `tierSummary`. The CSV export is then
 * exactly the rows behind the numbers.
 */
import { DAY_MS } from '@/lib/metrics/constants';
import { type DeploymentRowColumns, rowColumns } from '@/lib/metrics/deployment-rows';
import { Exclusion, FailureKind, Outcome } from '@/lib/metrics/constants';
import { hotfixStreams, reworkBits, reworkReasons as reasonsOf } from '@/lib/metrics/rework';
import type { Dimensions } from '@/lib/metrics/facts';
import { type PeriodCounts, periodMetrics } from '@/lib/metrics/period-metrics';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import { quantileSorted } from '@/lib/metrics/quantile-sorted';
import { tierSummary } from '@/lib/metrics/tier-summary';
import type { DeliveryMetric, DoraMetric, FailureRateStats, FrequencyStats, ReworkRateStats, SampleStats, TierResult, TierYear } from '@/lib/metrics/types';
import { lifecycleEnvironments } from '@/lib/panel/project-view';

/** Length of the summary window, in days of 24 hours; one sparkline point per day. */
export const SUMMARY_DAYS = 30;
/** Sample minimums for tiers: the same defaults as `computeInsights` (`RankingOptions`). */
const MIN_DEPLOYMENTS = 10;
const MIN_VALUES = 5;

export interface ProductionTarget {
  project: number;
  /** The default channel whose lifecycle decided the environment (-1 when the project has no channel). */
  channel: number;
  environment: number;
}

export interface ProductionEnvironment {
  environment: number;
  name: string;
  /** Projects whose production environment this is. */
  projects: number;
}

export interface SpaceSummary {
  /** The window `[from, to)`: the last {@link SUMMARY_DAYS} × 24 h ending at `now`. */
  from: number;
  to: number;
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

/**
 * Each project's production environment: the last environment of its default channel's lifecycle (the
 * first channel by name when none is marked default). Projects whose lifecycle reaches no environment are
 * left out.
 *
 * @example
 * productionTargets(history.dims)
 * //=> [{ project: 0, channel: 1, environment: 3 }, { project: 1, channel: 2, environment: 4 }]
 */
export function productionTargets(dims: Dimensions): ProductionTarget[] {
  const targets: ProductionTarget[] = [];
  dims.projects.forEach((_, project) => {
    const channel = defaultChannel(dims, project);
    const environments = lifecycleEnvironments(dims, project, channel);
    const environment = environments[environments.length - 1];
    if (environment !== undefined) targets.push({ project, channel, environment });
  });
  return targets;
}

function defaultChannel(dims: Dimensions, project: number): number {
  let best = -1;
  dims.channels.forEach((c, i) => {
    if (c.project !== project) return;
    const b = dims.channels[best];
    if (!b || (c.isDefault && !b.isDefault) || (c.isDefault === b.isDefault && c.name.localeCompare(b.name) < 0)) best = i;
  });
  return best;
}

/**
 * The rows of deployments completed in `[from, to)` to their project's production environment, in completion
 * order (ties by deployment id): the streams whose (project, environment) is a target pair, whatever their
 * channel or tenant, then one pass over the completion order.
 *
 * @example
 * productionRows(prepared, productionTargets(prepared.history.dims), now - 30 * DAY_MS, now).length
 * //=> 42
 */
export function productionRows(prepared: PreparedHistory, targets: readonly ProductionTarget[], from: number, to: number): DeploymentRowColumns {
  const pairs = new Set(targets.map((t) => `${t.project},${t.environment}`));
  const { streams } = prepared;
  const mask = new Uint8Array(streams.count);
  for (let s = 0; s < streams.count; s++) if (pairs.has(`${streams.project[s]},${streams.environment[s]}`)) mask[s] = 1;
  return rowColumns(prepared, from, to, mask);
}

/** Counts and sorted values of rows `[first, last)`, as `periodMetrics` takes them (only the DORA metrics' values). */
function periodCounts(rows: DeploymentRowColumns, first: number, last: number, from: number, to: number, hotfix: Uint8Array | null): PeriodCounts {
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
    const bits = reworkBits(p, i, hotfix);
    if (bits !== 0) {
      c.rework++;
      for (const reason of reasonsOf(bits)) reworkReasons[reason]++;
    }
    if (!Number.isNaN(rows.leadTimeMs[k])) lead.push(rows.leadTimeMs[k]);
    if (!Number.isNaN(rows.recoveryMs[k])) recovery.push(rows.recoveryMs[k]);
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
 * counted back from `now` rather than by calendar, so no day is cut short and the time zone does not matter.
 *
 * @example
 * const s = spaceSummary(prepare(history), { now: Date.now(), tierYear: 2024 });
 * s.frequency.successful; s.failureRate.rate; s.leadTime.median; s.daily.frequency.length //=> 30
 */
export function spaceSummary(prepared: PreparedHistory, options: { now: number; tierYear: TierYear; hotfixChannels?: readonly number[] }): SpaceSummary {
  const to = options.now;
  const from = to - SUMMARY_DAYS * DAY_MS;
  const dims = prepared.history.dims;
  const targets = productionTargets(dims);
  const rows = productionRows(prepared, targets, from, to);
  const hotfix = hotfixStreams(prepared.streams, options.hotfixChannels);
  const whole = periodMetrics(periodCounts(rows, 0, rows.length, from, to, hotfix));

  // Rows are in completion order: each day is a run of them.
  const days = Array.from({ length: SUMMARY_DAYS }, (_, k) => from + k * DAY_MS);
  const dayCounts: PeriodCounts[] = [];
  let first = 0;
  for (let k = 0; k < SUMMARY_DAYS; k++) {
    let last = first;
    const end = k === SUMMARY_DAYS - 1 ? Number.POSITIVE_INFINITY : days[k] + DAY_MS;
    while (last < rows.length && rows.completed[last] < end) last++;
    dayCounts.push(periodCounts(rows, first, last, days[k], days[k] + DAY_MS, hotfix));
    first = last;
  }

  return {
    from,
    to,
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

function productionEnvironments(dims: Dimensions, targets: readonly ProductionTarget[]): ProductionEnvironment[] {
  const counts = new Map<number, number>();
  for (const t of targets) counts.set(t.environment, (counts.get(t.environment) ?? 0) + 1);
  return [...counts]
    .map(([environment, projects]) => ({ environment, name: dims.environments[environment]?.name ?? '', projects }))
    .sort((a, b) => b.projects - a.projects || a.name.localeCompare(b.name));
}
