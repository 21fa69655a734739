import { FailureKind, FLAG_NAMES, Flag, type FlagName, Exclusion, Has, Outcome, Rework, type ReworkReason } from './constants';
import { lowerBound } from './lower-bound';
import type { PeriodCounts } from './period-metrics';
import type { PreparedHistory, ValueMetric } from './prepare';
import type { RankingDimension, ResolvedWindow } from './types';

export const VALUE_METRICS: readonly ValueMetric[] = [
  'leadTime',
  'sincePrevious',
  'recovery',
  'deploymentsUntilRecovery',
  'duration',
  'queueTime',
];

/** Flags that make a value "flagged" for each metric (left out when the query excludes flagged values). */
export const FLAG_MASK: Record<ValueMetric, number> = {
  leadTime: Flag.LeadTimeNegative | Flag.LeadTimeLong,
  sincePrevious: 0,
  recovery: Flag.RecoveryLong,
  deploymentsUntilRecovery: Flag.RecoveryLong,
  duration: Flag.DurationNegative | Flag.DurationLong,
  queueTime: Flag.QueueTimeNegative | Flag.QueueTimeLong,
};


/** Per-group counts of the current window, for rankings. */
export interface GroupCounts {
  /** Successful + failed deployments (the failure rate's denominator). */
  total: Int32Array;
  /** Successful deployments (the task's own outcome: frequency). */
  successful: Int32Array;
  /** Failures in the failure rate (blocked releases' successes included with the option). */
  failed: Int32Array;
  /** Counted deployments that are rework (hotfix channels included). */
  rework: Int32Array;
  leadTime: Int32Array;
  recovery: Int32Array;
}

/** How many flagged deployments a list keeps (the count is always complete). */
export const FLAGGED_LIST_LIMIT = 1000;

/** A window's part of one of the prepared orders, and what the filter kept of it. */
export interface WindowRows {
  /** The order (`byCompleted` or `byStarted`). */
  order: Uint32Array;
  /** Where the window (previous period included) starts in it. */
  from: number;
  /** The slot of `order[from + j]`; 0 where the filter leaves the deployment out. */
  slots: Int32Array;
  /** The `j` of the deployments the filter keeps, ascending: a narrow filter's few, without a scan. */
  picked: Uint32Array;
}

/** Per release with deployments in the current window: parallel columns, in order of first appearance. */
export interface ReleaseCounts {
  release: Int32Array;
  /** Failed deployments, as the failure rate counts them. */
  failures: Int32Array;
  /** Successful + failed deployments. */
  deployments: Int32Array;
  /** Longest recovery from a failure run the release started (NaN = none), and the recovering deployment. */
  recoveryMs: Float64Array;
  recoveredBy: Int32Array;
}

/**
 * Counts of one query. Slots: 0 = outside or filtered out, 1..B = bucket k-1 of the window, B+1 = the
 * previous period.
 */
export interface WindowCounts {
  buckets: number;
  /** The window's part of `byCompleted` (previous period included). */
  completed: WindowRows;
  /** The same over `byStarted`, for queue time. */
  started: WindowRows;
  /** Successful deployments (the task's own outcome), blocked releases' included. */
  successful: Int32Array;
  taskFailed: Int32Array;
  guidedFailure: Int32Array;
  /** Successful deployments of blocked releases that count as failures in the failure rate (a subset of `successful`). */
  blocked: Int32Array;
  canceled: Int32Array;
  timedOut: Int32Array;
  /** Counted deployments that are rework, each once. */
  rework: Int32Array;
  /** Rework deployments per reason (a deployment with several reasons counts under each). */
  reworkReasons: Record<ReworkReason, Int32Array>;
  values: Record<ValueMetric, Int32Array>;
  groups: Record<RankingDimension, GroupCounts>;
  releases: ReleaseCounts;
  flagged: Record<FlagName, { count: number; deployments: number[] }>;
}

/**
 * One value per metric.
 *
 * @example
 * byMetric((metric) => distributed[metric].whole).leadTime
 */
export function byMetric(value: (metric: ValueMetric) => Float64Array): Record<ValueMetric, Float64Array> {
  const out = {} as Record<ValueMetric, Float64Array>;
  for (const metric of VALUE_METRICS) out[metric] = value(metric);
  return out;
}

/** A query's counts that `periodMetrics` takes, one column per count, indexed by slot. */
export type SlotCounts = Pick<WindowCounts, 'successful' | 'taskFailed' | 'guidedFailure' | 'blocked' | 'canceled' | 'timedOut' | 'rework' | 'reworkReasons' | 'values'>;

/**
 * {@link SlotCounts} of `size` slots, all zero.
 *
 * @example
 * slotColumns(3).successful //=> Int32Array [0, 0, 0]
 */
export function slotColumns(size: number): SlotCounts {
  const column = () => new Int32Array(size);
  return {
    successful: column(),
    taskFailed: column(),
    guidedFailure: column(),
    blocked: column(),
    canceled: column(),
    timedOut: column(),
    rework: column(),
    reworkReasons: { redeploy: column(), rollback: column(), failureRun: column(), hotfix: column() },
    values: { leadTime: column(), sincePrevious: column(), recovery: column(), deploymentsUntilRecovery: column(), duration: column(), queueTime: column() },
  };
}

/**
 * Slot `s` of `c` as `periodMetrics` takes it, over `[from, to)`, with its history start and sorted values.
 *
 * @example
 * periodMetrics(countsAt(counts, 1, window.edges[0], window.edges[1], historyStart, valuesOfBucket0))
 */
export function countsAt(c: SlotCounts, s: number, from: number, to: number, coveredFrom: number | null, values: Record<ValueMetric, Float64Array>): PeriodCounts {
  const r = c.reworkReasons;
  return {
    from,
    to,
    successful: c.successful[s],
    taskFailed: c.taskFailed[s],
    guidedFailure: c.guidedFailure[s],
    blocked: c.blocked[s],
    canceled: c.canceled[s],
    timedOut: c.timedOut[s],
    coveredFrom,
    rework: c.rework[s],
    reworkReasons: { redeploy: r.redeploy[s], rollback: r.rollback[s], failureRun: r.failureRun[s], hotfix: r.hotfix[s] },
    values,
  };
}

function releaseCounts(size: number): ReleaseCounts {
  return {
    release: new Int32Array(size),
    failures: new Int32Array(size),
    deployments: new Int32Array(size),
    recoveryMs: new Float64Array(size).fill(Number.NaN),
    recoveredBy: new Int32Array(size).fill(-1),
  };
}

/** `counts` in columns twice as long. */
function grown(counts: ReleaseCounts): ReleaseCounts {
  const next = releaseCounts(counts.release.length * 2);
  next.release.set(counts.release);
  next.failures.set(counts.failures);
  next.deployments.set(counts.deployments);
  next.recoveryMs.set(counts.recoveryMs);
  next.recoveredBy.set(counts.recoveredBy);
  return next;
}

function groupCounts(size: number): GroupCounts {
  return {
    total: new Int32Array(size),
    successful: new Int32Array(size),
    failed: new Int32Array(size),
    rework: new Int32Array(size),
    leadTime: new Int32Array(size),
    recovery: new Int32Array(size),
  };
}

/**
 * The query's one linear pass over the deployments completed in `[previousFrom, to)` (by binary search on
 * the completion order) and started in it (for queue time): assigns each deployment that passes the stream
 * mask its slot (bucket or previous period) and counts outcomes, rework, values, groups, releases and
 * flags. `hotfix` (one byte per stream, or `null`) marks the streams of the user's hotfix channels: their
 * counted deployments are rework. Its memory is the window's size, never the history's.
 */
export function windowPass(
  p: PreparedHistory,
  window: ResolvedWindow,
  mask: Uint8Array,
  excludeFlagged: boolean,
  hotfix: Uint8Array | null = null,
): WindowCounts {
  const d = p.history.deployments;
  const dims = p.history.dims;
  const B = window.edges.length - 1;
  const S = B + 2;
  const edges = window.edges;
  const completed = d.completed;
  const { stream, outcome, failureKind, exclusion, has, flags, rework } = p;
  const rows = p.byCompleted;
  const lo = lowerBound(rows, completed, window.previousFrom);
  const hi = lowerBound(rows, completed, window.to);
  const srows = p.byStarted;
  const slo = lowerBound(srows, d.started, window.previousFrom);
  const shi = lowerBound(srows, d.started, window.to);
  const c: WindowCounts = {
    buckets: B,
    completed: { order: rows, from: lo, slots: new Int32Array(hi - lo), picked: new Uint32Array(hi - lo) },
    started: { order: srows, from: slo, slots: new Int32Array(shi - slo), picked: new Uint32Array(shi - slo) },
    ...slotColumns(S),
    groups: {
      project: groupCounts(dims.projects.length),
      environment: groupCounts(dims.environments.length),
      tenant: groupCounts(dims.tenants.length + 1),
    },
    releases: releaseCounts(0),
    flagged: Object.fromEntries(FLAG_NAMES.map((name) => [name, { count: 0, deployments: [] as number[] }])) as Record<
      FlagName,
      { count: number; deployments: number[] }
    >,
  };
  const leadMask = excludeFlagged ? FLAG_MASK.leadTime : 0;
  const recoveryMask = excludeFlagged ? FLAG_MASK.recovery : 0;
  const durationMask = excludeFlagged ? FLAG_MASK.duration : 0;
  const queueMask = excludeFlagged ? FLAG_MASK.queueTime : 0;
  const vLead = c.values.leadTime;
  const vSince = c.values.sincePrevious;
  const vRecovery = c.values.recovery;
  const vUntil = c.values.deploymentsUntilRecovery;
  const vDuration = c.values.duration;
  const gp = c.groups.project;
  const ge = c.groups.environment;
  const gt = c.groups.tenant;
  const releaseCount = p.history.releases.length;
  const projectCount = dims.projects.length;
  const environmentCount = dims.environments.length;
  const tenantSlots = dims.tenants.length + 1;

  // Releases touched in the window: 1 + their place in `rc`, 0 for none (a typed array of zeros costs
  // nothing for the releases never touched); `rc` grows as releases are touched.
  const releaseAt = new Int32Array(releaseCount);
  let rc = releaseCounts(256);
  let touched = 0;
  const releaseSlot = (rel: number) => {
    let at = releaseAt[rel] - 1;
    if (at < 0) {
      at = touched++;
      if (at === rc.release.length) rc = grown(rc);
      rc.release[at] = rel;
      releaseAt[rel] = at + 1;
    }
    return at;
  };
  const reworkAt = c.rework;
  const reasons = c.reworkReasons;
  const from = window.from;
  const picked = c.completed.picked;
  let kept = 0;
  let b = 0;
  for (let j = lo; j < hi; j++) {
    const i = rows[j];
    const st = stream[i];
    if (mask[st] === 0) continue;
    const t = completed[i];
    let s: number;
    if (t < from) s = B + 1;
    else {
      while (t >= edges[b + 1]) b++;
      s = b + 1;
    }
    c.completed.slots[j - lo] = s;
    picked[kept++] = j - lo;
    const o = outcome[i];
    if (o === Outcome.Excluded) {
      const e = exclusion[i];
      if (e === Exclusion.Canceled) c.canceled[s]++;
      else if (e === Exclusion.TimedOut) c.timedOut[s]++;
      continue;
    }
    const h = has[i];
    const f = flags[i];
    const success = o === Outcome.Success;
    if (success) c.successful[s]++;
    // The failure rate's failures: the task's failures plus, with the option, successes of blocked releases.
    const k = failureKind[i];
    const failed = k !== FailureKind.None;
    if (k === FailureKind.TaskFailed) c.taskFailed[s]++;
    else if (k === FailureKind.GuidedFailure) c.guidedFailure[s]++;
    else if (k === FailureKind.Blocked) c.blocked[s]++;
    const rw = rework[i] | (hotfix !== null && hotfix[st] !== 0 ? Rework.Hotfix : 0);
    if (rw !== 0) {
      reworkAt[s]++;
      if ((rw & Rework.Redeploy) !== 0) reasons.redeploy[s]++;
      if ((rw & Rework.Rollback) !== 0) reasons.rollback[s]++;
      if ((rw & Rework.FailureRun) !== 0) reasons.failureRun[s]++;
      if ((rw & Rework.Hotfix) !== 0) reasons.hotfix[s]++;
    }
    const lead = (h & Has.LeadTime) !== 0 && (f & leadMask) === 0;
    const recovery = (h & Has.Recovery) !== 0 && (f & recoveryMask) === 0;
    if (lead) vLead[s]++;
    if ((h & Has.SincePrevious) !== 0) vSince[s]++;
    if (recovery) {
      vRecovery[s]++;
      vUntil[s]++;
    }
    if ((h & Has.Duration) !== 0 && (f & durationMask) === 0) vDuration[s]++;
    if (s > B) continue;

    // Current window only: groups, releases, flags.
    const pr = d.project[i];
    const en = d.environment[i];
    const te = d.tenant[i] + 1;
    if (pr >= 0 && pr < projectCount) {
      gp.total[pr]++;
      if (success) gp.successful[pr]++;
      if (failed) gp.failed[pr]++;
      if (rw !== 0) gp.rework[pr]++;
      if (lead) gp.leadTime[pr]++;
      if (recovery) gp.recovery[pr]++;
    }
    if (en >= 0 && en < environmentCount) {
      ge.total[en]++;
      if (success) ge.successful[en]++;
      if (failed) ge.failed[en]++;
      if (rw !== 0) ge.rework[en]++;
      if (lead) ge.leadTime[en]++;
      if (recovery) ge.recovery[en]++;
    }
    if (te >= 0 && te < tenantSlots) {
      gt.total[te]++;
      if (success) gt.successful[te]++;
      if (failed) gt.failed[te]++;
      if (rw !== 0) gt.rework[te]++;
      if (lead) gt.leadTime[te]++;
      if (recovery) gt.recovery[te]++;
    }
    const rel = d.release[i];
    if (rel >= 0 && rel < releaseCount) {
      const at = releaseSlot(rel);
      rc.deployments[at]++;
      if (failed) rc.failures[at]++;
    }
    if (recovery) {
      const first = p.recoveredFrom[i];
      const failedRelease = d.release[first];
      if (failedRelease >= 0 && failedRelease < releaseCount) {
        const at = releaseSlot(failedRelease);
        const ms = completed[i] - completed[first];
        if (!(rc.recoveryMs[at] >= ms)) {
          rc.recoveryMs[at] = ms;
          rc.recoveredBy[at] = i;
        }
      }
    }
    if (f !== 0) {
      for (let bit = 0; bit < FLAG_NAMES.length; bit++) {
        if ((f & (1 << bit)) !== 0) {
          const entry = c.flagged[FLAG_NAMES[bit]];
          entry.count++;
          if (entry.deployments.length < FLAGGED_LIST_LIMIT) entry.deployments.push(i);
        }
      }
    }
  }

  c.completed.picked = picked.subarray(0, kept);
  c.releases = {
    release: rc.release.subarray(0, touched),
    failures: rc.failures.subarray(0, touched),
    deployments: rc.deployments.subarray(0, touched),
    recoveryMs: rc.recoveryMs.subarray(0, touched),
    recoveredBy: rc.recoveredBy.subarray(0, touched),
  };

  const started = d.started;
  const startedPicked = c.started.picked;
  let startedKept = 0;
  const vQueue = c.values.queueTime;
  b = 0;
  for (let j = slo; j < shi; j++) {
    const i = srows[j];
    if (mask[stream[i]] === 0) continue;
    const t = started[i];
    let s: number;
    if (t < from) s = B + 1;
    else {
      while (t >= edges[b + 1]) b++;
      s = b + 1;
    }
    c.started.slots[j - slo] = s;
    startedPicked[startedKept++] = j - slo;
    if ((has[i] & Has.QueueTime) !== 0 && (flags[i] & queueMask) === 0) vQueue[s]++;
  }
  c.started.picked = startedPicked.subarray(0, startedKept);
  return c;
}
