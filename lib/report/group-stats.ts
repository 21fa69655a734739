/**
 * Per-group figures of a split in one pass over the deployments completed in the previous and the current
 * window — instead of one full metrics query per group, which for 200 projects would take over a second.
 * The definitions are the metrics' own (lib/metrics/README.md): success / excluded from the prepared
 * classification (the task's own outcome), failures as the failure rate counts them (`failureKind`),
 * period by completion time, lead time and recovery from the stream walk, duration of successful
 * deployments; flagged values are kept, as in the metrics' default.
 * `test/unit/report/split.test.ts` checks every figure against `computeInsights` with the group’s filter.
 */
import { DAY_MS, Exclusion, FailureKind, Has, Outcome } from '@/lib/metrics/constants';
import { lowerBound } from '@/lib/metrics/lower-bound';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import { quantileSorted } from '@/lib/metrics/quantile-sorted';
import type { SplitGroups } from './split-groups';
import { leadTimeOf, recoveryOf } from '@/lib/metrics/deployment-values';

export interface ValueSummary {
  count: number;
  mean: number | null;
  /** Current window only (the previous one needs means for the trend rule). */
  median: number | null;
  /** The values, sorted, where they were kept (`groupStats`' `values`: the trend lists' rank test). */
  values?: Float64Array;
}

export interface GroupPeriod {
  /** Successful deployments by the task's own outcome (frequency), blocked releases' included. */
  successful: number;
  /** Failures in the failure rate: blocked releases' successes included while that option is on. */
  failed: number;
  /** Successful + failed, each deployment once (Octopus's `Total`, the failure rate's denominator). */
  total: number;
  /** Of `total`, the unplanned ones (lib/metrics/README.md decision 10; no hotfix channels in a report). */
  rework: number;
  canceled: number;
  timedOut: number;
  /** `failed / total`, `null` when there are none. */
  failureRate: number | null;
  /** `rework / total`, `null` when there are none. */
  reworkRate: number | null;
  /** Successful deployments per week over the period. */
  perWeek: number;
  leadTime: ValueSummary;
  recovery: ValueSummary;
  duration: ValueSummary;
}

export interface GroupStats {
  current: GroupPeriod[];
  previous: GroupPeriod[];
}

export interface StatsWindow {
  from: number;
  to: number;
  previousFrom: number;
}

/** Count and sum of a value, and the values themselves when a median is wanted. */
class ValueAccumulator {
  count = 0;
  sum = 0;
  readonly values: number[] | null;
  constructor(keepValues: boolean) {
    this.values = keepValues ? [] : null;
  }
  add(v: number): void {
    this.count++;
    this.sum += v;
    this.values?.push(v);
  }
  summary(): ValueSummary {
    if (this.count === 0) return { count: 0, mean: null, median: null, ...(this.values ? { values: new Float64Array(0) } : {}) };
    if (!this.values) return { count: this.count, mean: this.sum / this.count, median: null };
    const sorted = Float64Array.from(this.values).sort();
    return { count: this.count, mean: this.sum / this.count, median: quantileSorted(sorted, 0.5), values: sorted };
  }
}

/**
 * One group's running figures for one period; `add` applies the metrics' definitions to a deployment.
 * Without medians it keeps only counts and sums (the previous period and the trend lists need means).
 */
export class GroupAccumulator {
  successful = 0;
  failed = 0;
  total = 0;
  rework = 0;
  canceled = 0;
  timedOut = 0;
  readonly lead: ValueAccumulator;
  readonly recovery: ValueAccumulator;
  readonly duration: ValueAccumulator;

  constructor(medians = true) {
    this.lead = new ValueAccumulator(medians);
    this.recovery = new ValueAccumulator(medians);
    this.duration = new ValueAccumulator(medians);
  }

  add(p: PreparedHistory, i: number, hotfix = false): void {
    const o = p.outcome[i];
    if (o === Outcome.Excluded) {
      if (p.exclusion[i] === Exclusion.Canceled) this.canceled++;
      else if (p.exclusion[i] === Exclusion.TimedOut) this.timedOut++;
      return;
    }
    this.total++;
    if (o === Outcome.Success) this.successful++;
    if (p.failureKind[i] !== FailureKind.None) this.failed++;
    if (p.rework[i] !== 0 || hotfix) this.rework++;
    const h = p.has[i];
    if ((h & Has.LeadTime) !== 0) this.lead.add(leadTimeOf(p, i));
    if ((h & Has.Recovery) !== 0) this.recovery.add(recoveryOf(p, i));
    if ((h & Has.Duration) !== 0) this.duration.add(p.history.deployments.completed[i] - p.history.deployments.started[i]);
  }

  finish(days: number): GroupPeriod {
    const total = this.total;
    return {
      successful: this.successful,
      failed: this.failed,
      total,
      rework: this.rework,
      canceled: this.canceled,
      timedOut: this.timedOut,
      failureRate: total > 0 ? this.failed / total : null,
      reworkRate: total > 0 ? this.rework / total : null,
      perWeek: days > 0 ? (this.successful / days) * 7 : 0,
      leadTime: this.lead.summary(),
      recovery: this.recovery.summary(),
      duration: this.duration.summary(),
    };
  }
}

/**
 * @example
 * const split = splitGroups(dims, prepared.streams, mask, resolved, { kind: 'project' });
 * groupStats(prepared, split, { from, to, previousFrom: from - (to - from) }).current[0].successful
 */
export function groupStats(
  p: PreparedHistory,
  split: SplitGroups,
  window: StatsWindow,
  options: { medians?: boolean; values?: boolean; hotfix?: Uint8Array | null } = {},
): GroupStats {
  const G = split.groups.length;
  // Medians cost a sort per group; the previous period compares means only — unless `values` asks for both
  // periods' values (the trend lists test each change for noise).
  const current = Array.from({ length: G }, () => new GroupAccumulator(options.values || (options.medians ?? true)));
  const previous = Array.from({ length: G }, () => new GroupAccumulator(options.values ?? false));
  const completed = p.history.deployments.completed;
  const { offsets, members } = split;
  // The user's hotfix channels' streams (lib/metrics hotfixStreams): their counted deployments are rework.
  const hotfix = options.hotfix ?? null;
  const rows = p.byCompleted;
  const end = lowerBound(rows, completed, window.to);
  for (let j = lowerBound(rows, completed, window.previousFrom); j < end; j++) {
    const i = rows[j];
    const s = p.stream[i];
    const first = offsets[s];
    const last = offsets[s + 1];
    if (first === last) continue;
    const slots = completed[i] < window.from ? previous : current;
    const hot = hotfix !== null && hotfix[s] !== 0;
    for (let k = first; k < last; k++) slots[members[k]].add(p, i, hot);
  }
  const days = (window.to - window.from) / DAY_MS;
  const previousDays = (window.from - window.previousFrom) / DAY_MS;
  return {
    current: current.map((a) => a.finish(days)),
    previous: previous.map((a) => a.finish(previousDays)),
  };
}
