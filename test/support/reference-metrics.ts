/**
 * DORA metrics written straight from Octopus's published definitions (docs/octopus-api.md §1.2-1.4) and
 * DORA Lens's documented decisions for the cases Octopus leaves open (lib/metrics/README.md), over the
 * ground-truth records of test/support/ground-truth.ts. Deliberately naive (objects, sorts, filters) and
 * independent of lib/metrics: the browser tests compare what the extension shows with this.
 *
 * Blocked releases (decision 5): frequency, lead time and recovery follow the deployment's own task
 * ("the total number of successful deployments"); the failure rate is "the percentage of deployments that
 * fail to deploy, require guided failure or have their release marked as 'Do not promote'" — with
 * `blockedIsFailure` (default on), a successful deployment of a blocked release is in its numerator, and
 * every finished deployment once in its denominator.
 *
 * Deployment rework rate (lib/metrics/README.md decision 10, DORA's fifth metric): among successful + failed
 * deployments, one is rework when its release is at or below the newest release already delivered to its
 * stream, when it comes after a failure in its stream up to and including the recovery, or when its channel
 * is marked as a hotfix channel (`hotfix`).
 */
import type { ExpectedDeployment, ExpectedRelease } from './ground-truth';

export interface ReferenceFilter {
  project: string;
  channel: string;
  environment: string;
  /** 'all' = untenanted and every tenant; 'untenanted'; or a tenant id. */
  tenant: string;
  from: number;
  to: number;
  blockedIsFailure?: boolean;
  /** The filter's channel is one the user marks as a hotfix channel. */
  hotfix?: boolean;
}

export interface ReferenceRow {
  id: string;
  completed: number;
  /** The deployment's own outcome (its task and guided failures). */
  outcome: 'success' | 'failure' | 'excluded';
  /** Counted as failed in the failure rate. */
  failsTheRate: boolean;
  leadTimeMs: number | null;
  recoveryMs: number | null;
  /** Unplanned: a redeploy or rollback, inside a failure run, or of a hotfix channel (counted deployments only). */
  rework: boolean;
}

const num = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1));

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
}

export function referenceMetrics(deployments: ExpectedDeployment[], releases: ExpectedRelease[], f: ReferenceFilter) {
  const blockedIsFailure = f.blockedIsFailure ?? true;
  const releaseById = new Map(releases.map((r) => [r.id, r]));
  // Release order within a project and channel: creation time, then id.
  const channelReleases = releases
    .filter((r) => r.project === f.project && r.channel === f.channel)
    .sort((a, b) => a.assembled - b.assembled || num(a.id) - num(b.id));
  const ordinal = new Map(channelReleases.map((r, i) => [r.id, i]));

  const tenantOk = (t: string | null) => f.tenant === 'all' || (f.tenant === 'untenanted' ? t === null : t === f.tenant);
  const inScope = deployments.filter((d) => d.project === f.project && d.channel === f.channel && d.environment === f.environment && tenantOk(d.tenant));

  const outcome = (d: ExpectedDeployment): ReferenceRow['outcome'] => {
    if (d.state === 'Failed') return 'failure';
    if (d.state !== 'Success') return 'excluded';
    if (d.guidedFailure) return 'failure';
    return 'success';
  };
  const failsTheRate = (d: ExpectedDeployment): boolean =>
    outcome(d) === 'failure' || (outcome(d) === 'success' && blockedIsFailure && releaseById.get(d.release)?.blocked === true);

  // Walk each stream (tenant) in completion order.
  const rows = new Map<string, ReferenceRow>();
  const streams = new Map<string, ExpectedDeployment[]>();
  for (const d of inScope) {
    if (d.completed === null) continue;
    const key = d.tenant ?? '(untenanted)';
    streams.set(key, [...(streams.get(key) ?? []), d]);
  }
  for (const stream of streams.values()) {
    stream.sort((a, b) => a.completed! - b.completed! || num(a.id) - num(b.id));
    let delivered: number | null = null;
    let earliestAttempted: number | null = null;
    let runStart: number | null = null;
    for (const d of stream) {
      const o = outcome(d);
      const row: ReferenceRow = { id: d.id, completed: d.completed!, outcome: o, failsTheRate: failsTheRate(d), leadTimeMs: null, recoveryMs: null, rework: false };
      rows.set(d.id, row);
      if (o === 'excluded') continue;
      const ord = ordinal.get(d.release)!;
      // Judged on the stream as it was when the deployment ran: what was delivered, whether a run was open.
      row.rework = (delivered !== null && ord <= delivered) || runStart !== null || f.hotfix === true;
      earliestAttempted = earliestAttempted === null ? ord : Math.min(earliestAttempted, ord);
      if (o === 'failure') {
        runStart ??= d.completed!;
        continue;
      }
      // Success: lead time from the earliest release whose changes had not reached the environment.
      if (delivered === null) row.leadTimeMs = d.completed! - channelReleases[earliestAttempted].assembled;
      else if (ord > delivered) row.leadTimeMs = d.completed! - channelReleases[delivered + 1].assembled;
      delivered = delivered === null ? ord : Math.max(delivered, ord);
      if (runStart !== null) {
        row.recoveryMs = d.completed! - runStart;
        runStart = null;
      }
    }
  }

  const inWindow = [...rows.values()].filter((r) => r.completed >= f.from && r.completed < f.to).sort((a, b) => a.completed - b.completed || num(a.id) - num(b.id));
  const successful = inWindow.filter((r) => r.outcome === 'success').length;
  const failed = inWindow.filter((r) => r.failsTheRate).length;
  const total = inWindow.filter((r) => r.outcome !== 'excluded').length;
  const blocked = inWindow.filter((r) => r.outcome === 'success' && r.failsTheRate).length;
  const leadTimes = inWindow.flatMap((r) => (r.leadTimeMs === null ? [] : [r.leadTimeMs]));
  const recoveries = inWindow.flatMap((r) => (r.recoveryMs === null ? [] : [r.recoveryMs]));
  const rework = inWindow.filter((r) => r.rework).length;
  return {
    rows: inWindow,
    /** Successful deployments (frequency), blocked releases' included. */
    successful,
    /** Failures in the failure rate. */
    failed,
    /** Of `successful`, those the failure rate counts as failed. */
    blocked,
    total,
    rate: total ? failed / total : null,
    rework,
    reworkRate: total ? rework / total : null,
    leadTimeMedian: median(leadTimes),
    leadTimeCount: leadTimes.length,
    recoveryMedian: median(recoveries),
    recoveryCount: recoveries.length,
  };
}

/** RFC 4180 parsing for the exported file (quotes doubled inside quoted fields; CRLF rows). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/**
 * The Wilson score interval of `k` successes in `n` trials at 95 % (z = 1.96, two-sided), from its formula
 * (Wilson 1927): centre (k + z²/2) / (n + z²), half-width z·√(k(n−k)/n + z²/4) / (n + z²).
 */
export function wilson95(k: number, n: number): { lower: number; upper: number } | null {
  if (n === 0) return null;
  const z = 1.959963984540054;
  const centre = (k + (z * z) / 2) / (n + z * z);
  const half = (z * Math.sqrt((k * (n - k)) / n + (z * z) / 4)) / (n + z * z);
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * A goal "at most `target`" against a rate and its interval: met when the value is at most the target;
 * confident when the whole interval is on that side (the target itself meets the goal).
 */
export function rateGoal(value: number, interval: { lower: number; upper: number }, target: number): { state: 'met' | 'missed'; confident: boolean } {
  const met = value <= target;
  return { state: met ? 'met' : 'missed', confident: met ? interval.upper <= target : interval.lower > target };
}
