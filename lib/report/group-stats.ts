/**
 * Per-group figures of a split in one pass over the deployments completed in the previous and the current
 * window — instead of one full metrics query per group, which for 200 projects would take over a second.
 * The definitions are the metrics' own (lib/metrics/README.md): success / failure / excluded from the
 * prepared classification, period by completion time, lead time and recovery from the stream walk,
 * duration of successful deployments; flagged values are kept, as in the metrics' default.
 * `test/unit/report/group-stats.test.ts` checks every figure against `computeInsights` with the group's filter.
 */
import { DAY_MS, Has, Outcome, Exclusion } from '@/lib/metrics/constants';
import { lowerBound } from '@/lib/metrics/lower-bound';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import { quantileSorted } from '@/lib/metrics/quantile-sorted';
import type { SplitGroups } from './split-groups';

export interface ValueSummary {
  count: number;
  mean: number | null;
  /** Current window only (the previous one needs means for the trend rule). */
  median: number | null;
}

export interface GroupPeriod {
  successful: number;
  failed: number;
  /** Successful + failed (Octopus's `Total`). */
  total: number;
  canceled: number;
  timedOut: number;
  /** `failed / total`, `null` when there are none. */
  failureRate: number | null;
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

/** One group's running figures for one period; `add` applies the metrics' definitions to a deployment. */
export class GroupAccumulator {
  successful = 0;
  failed = 0;
  canceled = 0;
  timedOut = 0;
  lead: number[] = [];
  recovery: number[] = [];
  duration: number[] = [];

  add(p: PreparedHistory, i: number): void {
    const o = p.outcome[i];
    if (o === Outcome.Excluded) {
      if (p.exclusion[i] === Exclusion.Canceled) this.canceled++;
      else if (p.exclusion[i] === Exclusion.TimedOut) this.timedOut++;
      return;
    }
    if (o === Outcome.Success) this.successful++;
    else this.failed++;
    const h = p.has[i];
    if ((h & Has.LeadTime) !== 0) this.lead.push(p.leadTimeMs[i]);
    if ((h & Has.Recovery) !== 0) this.recovery.push(p.recoveryMs[i]);
    if ((h & Has.Duration) !== 0) this.duration.push(p.history.deployments.completed[i] - p.history.deployments.started[i]);
  }

  finish(days: number, withMedians: boolean): GroupPeriod {
    const summary = (values: number[]): ValueSummary => {
      if (values.length === 0) return { count: 0, mean: null, median: null };
      let sum = 0;
      for (const v of values) sum += v;
      return {
        count: values.length,
        mean: sum / values.length,
        median: withMedians ? quantileSorted(Float64Array.from(values).sort(), 0.5) : null,
      };
    };
    const total = this.successful + this.failed;
    return {
      successful: this.successful,
      failed: this.failed,
      total,
      canceled: this.canceled,
      timedOut: this.timedOut,
      failureRate: total > 0 ? this.failed / total : null,
      perWeek: days > 0 ? (this.successful / days) * 7 : 0,
      leadTime: summary(this.lead),
      recovery: summary(this.recovery),
      duration: summary(this.duration),
    };
  }
}

/**
 * @example
 * const split = splitGroups(dims, prepared.streams, mask, resolved, { kind: 'project' });
 * groupStats(prepared, split, { from, to, previousFrom: from - (to - from) }).current[0].successful
 */
export function groupStats(p: PreparedHistory, split: SplitGroups, window: StatsWindow, options: { medians?: boolean } = {}): GroupStats {
  const G = split.groups.length;
  const current = Array.from({ length: G }, () => new GroupAccumulator());
  const previous = Array.from({ length: G }, () => new GroupAccumulator());
  const completed = p.history.deployments.completed;
  const { offsets, members } = split;
  const rows = p.byCompleted;
  const end = lowerBound(rows, completed, window.to);
  for (let j = lowerBound(rows, completed, window.previousFrom); j < end; j++) {
    const i = rows[j];
    const s = p.stream[i];
    const first = offsets[s];
    const last = offsets[s + 1];
    if (first === last) continue;
    const slots = completed[i] < window.from ? previous : current;
    for (let k = first; k < last; k++) slots[members[k]].add(p, i);
  }
  const days = (window.to - window.from) / DAY_MS;
  const previousDays = (window.from - window.previousFrom) / DAY_MS;
  return {
    // Medians cost a sort per group; the trend lists compare means and skip them.
    current: current.map((a) => a.finish(days, options.medians ?? true)),
    previous: previous.map((a) => a.finish(previousDays, false)),
  };
}
