import { FLAG_NAMES, type FlagName, Outcome } from './constants';
import { hotfixStreams, reworkBits, reworkReasons } from './rework';
import { TASK_STATE_NAMES } from './facts';
import { lowerBound } from './lower-bound';
import type { PreparedHistory } from './prepare';
import { resolveWindow } from './resolve-window';
import { streamMask } from './stream-mask';
import type { DeploymentRow, WindowQuery } from './types';

const FAILURE_KINDS = [null, 'taskFailed', 'guidedFailure', 'blocked'] as const;
const DELIVERIES = [null, 'first', 'newChanges', 'redeploy', 'rollback'] as const;

/**
 * Per-deployment rows as columns: the deployments of a window in completion order, each row's computed
 * values as typed arrays (row k is position k of every column), and everything else — names, versions,
 * states, outcomes — read through `index` from the prepared history and its string tables. No object per
 * row: {@link deploymentRowAt} builds one for the few rows a table shows, and lib/export writes the CSV
 * straight from the columns.
 */
export interface DeploymentRowColumns {
  readonly length: number;
  /** The deployment (an index into the history's columns) of each row: completion order, ties by id. */
  readonly index: Uint32Array;
  readonly completed: Float64Array;
  /** NaN: no lead time. */
  readonly leadTimeMs: Float64Array;
  /** The release lead time is calculated from, -1: none. */
  readonly leadTimeFrom: Int32Array;
  /** NaN: no previous successful deployment in the stream. */
  readonly sincePreviousMs: Float64Array;
  /** The previous successful deployment (an index), -1: none. */
  readonly previousSuccess: Int32Array;
  /** NaN: not a recovery. */
  readonly recoveryMs: Float64Array;
  /** Failed deployments in the run recovered from, 0: not a recovery. */
  readonly deploymentsUntilRecovery: Uint32Array;
  /** The run's first failed deployment (an index), -1: not a recovery. */
  readonly recoveredFrom: Int32Array;
  /** {@link Rework} bits (hotfix channels' included), 0: not rework or not counted. */
  readonly rework: Uint8Array;
  readonly prepared: PreparedHistory;
}

/**
 * The rows of the deployments completed in `[from, to)` whose stream passes `mask` (one byte per prepared
 * stream), as {@link DeploymentRowColumns}: one binary search on the completion order, one pass to pick the
 * rows, one pass per column to gather its values. `hotfix` (one byte per stream, `hotfixStreams`) marks the
 * hotfix channels' streams for the rework column.
 *
 * @example
 * rowColumns(prepared, from, to, streamMask(prepared.streams, prepared.history.dims, { projects: [0] })).length
 * //=> 42
 */
export function rowColumns(p: PreparedHistory, from: number, to: number, mask: Uint8Array, hotfix: Uint8Array | null = null): DeploymentRowColumns {
  const d = p.history.deployments;
  const order = p.byCompleted;
  const lo = lowerBound(order, d.completed, from);
  const hi = lowerBound(order, d.completed, to);
  const picked = new Uint32Array(hi - lo);
  let n = 0;
  const { stream } = p;
  for (let j = lo; j < hi; j++) {
    const i = order[j];
    if (mask[stream[i]] !== 0) picked[n++] = i;
  }
  const index = picked.subarray(0, n);
  const completed = new Float64Array(n);
  const leadTimeMs = new Float64Array(n);
  const leadTimeFrom = new Int32Array(n);
  const sincePreviousMs = new Float64Array(n);
  const previousSuccess = new Int32Array(n);
  const recoveryMs = new Float64Array(n);
  const deploymentsUntilRecovery = new Uint32Array(n);
  const recoveredFrom = new Int32Array(n);
  const rework = new Uint8Array(n);
  const c = d.completed;
  for (let k = 0; k < n; k++) {
    const i = index[k];
    completed[k] = c[i];
    leadTimeMs[k] = p.leadTimeMs[i];
    leadTimeFrom[k] = p.leadTimeFrom[i];
    const prev = p.previousSuccess[i];
    previousSuccess[k] = prev;
    sincePreviousMs[k] = prev >= 0 ? c[i] - c[prev] : Number.NaN;
    recoveryMs[k] = p.recoveryMs[i];
    deploymentsUntilRecovery[k] = p.deploymentsUntilRecovery[i];
    recoveredFrom[k] = p.recoveredFrom[i];
    rework[k] = reworkBits(p, i, hotfix);
  }
  return { length: n, index, completed, leadTimeMs, leadTimeFrom, sincePreviousMs, previousSuccess, recoveryMs, deploymentsUntilRecovery, recoveredFrom, rework, prepared: p };
}

/**
 * The rows of every deployment that completed in the query's window `[from, to)` and passes its filter, as
 * columns ({@link rowColumns}), in completion order (ties by id), with Octopus's Insights CSV fields
 * (docs/octopus-api.md §1.6). Unfinished deployments have no completion and no row; canceled and timed-out
 * ones have a row with no metric values. "Since Previous Successful" is filled for failed deployments too
 * (the summary statistics use successful ones only).
 *
 * @example
 * const rows = deploymentRowColumns(prepared, { now, range: { preset: 'lastYear' }, filter: { projects: [0] } });
 * deploymentRowAt(rows, 0).deployment //=> 'Deployments-101'
 */
export function deploymentRowColumns(p: PreparedHistory, query: WindowQuery): DeploymentRowColumns {
  const window = resolveWindow({ ...query, granularity: 'month' });
  return rowColumns(p, window.from, window.to, streamMask(p.streams, p.history.dims, query.filter), hotfixStreams(p.streams, query.hotfixChannels));
}

/**
 * Row `k` of `rows` as an object with Octopus's CSV fields plus, under `beyondOctopus`, how it counted:
 * `outcome` is the task's own, `failureKind` says why the failure rate counts it as failed (`null`: it does
 * not), `delivery` what it delivered, `rework` why it is rework (empty: it is not), `flags` its flagged
 * values. For the rows a table shows.
 *
 * @example
 * deploymentRowAt(rows, 0)
 * //=> { deployment: 'Deployments-101', project: 'Web', release: '1.2.0', state: 'Success', leadTimeMs: 7200000, … }
 */
export function deploymentRowAt(rows: DeploymentRowColumns, k: number): DeploymentRow {
  const p = rows.prepared;
  const d = p.history.deployments;
  const dims = p.history.dims;
  const i = rows.index[k];
  const prev = rows.previousSuccess[k];
  const lead = rows.leadTimeMs[k];
  const recovery = rows.recoveryMs[k];
  const from = rows.recoveredFrom[k];
  const flags: FlagName[] = [];
  for (let bit = 0; bit < FLAG_NAMES.length; bit++) if ((p.flags[i] & (1 << bit)) !== 0) flags.push(FLAG_NAMES[bit]);
  const o = p.outcome[i];
  return {
    index: i,
    deployment: deploymentName(p, i),
    project: dims.projects[d.project[i]]?.name ?? '',
    release: releaseVersion(p, d.release[i]),
    channel: dims.channels[d.channel[i]]?.name ?? '',
    completed: rows.completed[k],
    environment: dims.environments[d.environment[i]]?.name ?? '',
    tenant: d.tenant[i] >= 0 ? (dims.tenants[d.tenant[i]]?.name ?? '') : null,
    state: TASK_STATE_NAMES[d.state[i]] ?? 'Queued',
    hadGuidedFailure: d.guidedFailure[i] === 1,
    leadTimeMs: !Number.isNaN(lead) ? lead : null,
    leadTimeCalculatedFrom: rows.leadTimeFrom[k] >= 0 ? releaseVersion(p, rows.leadTimeFrom[k]) : null,
    sincePreviousSuccessfulMs: prev >= 0 ? rows.sincePreviousMs[k] : null,
    previousSuccessful: prev >= 0 ? deploymentName(p, prev) : null,
    timeToRecoveryMs: !Number.isNaN(recovery) ? recovery : null,
    deploymentsUntilRecovery: rows.deploymentsUntilRecovery[k] > 0 ? rows.deploymentsUntilRecovery[k] : null,
    recoveryFrom: from >= 0 ? deploymentName(p, from) : null,
    recoveryFromVersion: from >= 0 ? releaseVersion(p, d.release[from]) : null,
    beyondOctopus: {
      outcome: o === Outcome.Success ? 'success' : o === Outcome.Failure ? 'failure' : 'excluded',
      failureKind: FAILURE_KINDS[p.failureKind[i] as 0 | 1 | 2 | 3] ?? null,
      delivery: DELIVERIES[p.delivery[i] as 0 | 1 | 2 | 3 | 4] ?? null,
      rework: reworkReasons(rows.rework[k]),
      flags,
    },
  };
}

/**
 * Every row of the query as an object ({@link deploymentRowAt}): for small selections and tests; tables
 * and exports read {@link deploymentRowColumns} instead.
 *
 * @example
 * deploymentRows(prepared, { now, range: { preset: 'lastYear' }, filter: { projects: [0] } })[0]
 * //=> { deployment: 'Deployments-101', project: 'Web', release: '1.2.0', state: 'Success', leadTimeMs: 7200000, … }
 */
export function deploymentRows(p: PreparedHistory, query: WindowQuery): DeploymentRow[] {
  const rows = deploymentRowColumns(p, query);
  return Array.from({ length: rows.length }, (_, k) => deploymentRowAt(rows, k));
}

/**
 * `Deployments-<id>` of deployment `i`.
 *
 * @example
 * deploymentName(prepared, 0) //=> 'Deployments-1'
 */
export function deploymentName(p: PreparedHistory, i: number): string {
  return `Deployments-${p.history.deployments.id[i]}`;
}

/**
 * The version of release `r`, `''` when the release is unknown.
 *
 * @example
 * releaseVersion(prepared, prepared.history.deployments.release[0]) //=> '1.2.0'
 */
export function releaseVersion(p: PreparedHistory, r: number): string {
  const releases = p.history.releases;
  return r >= 0 && r < releases.length ? releases.version[r] : '';
}
