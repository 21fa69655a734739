import { FLAG_NAMES, type FlagName, Outcome } from './constants';
import { hotfixStreams, reworkBits, reworkReasons } from './rework';
import { TASK_STATE_NAMES } from './facts';
import { lowerBound } from './lower-bound';
import type { PreparedHistory } from './prepare';
import { resolveWindow } from './resolve-window';
import { streamMask } from './stream-mask';
import type { DeploymentRow, WindowQuery } from './types';
import { leadTimeOf, recoveryOf } from './deployment-values';

const FAILURE_KINDS = [null, 'taskFailed', 'guidedFailure', 'blocked'] as const;
const DELIVERIES = [null, 'first', 'newChanges', 'redeploy', 'rollback'] as const;

/**
 * Per-deployment rows as columns, without copying: the deployments of a window in completion order
 * (`index`), each row's values read where `prepare` computed them — the prepared history's per-deployment
 * columns at `index[k]` (`prepared.leadTimeMs[index[k]]`, …) — and names, versions and states through its
 * string tables. No object per row and no gathered copy of a column: {@link deploymentRowAt} builds an object
 * for the few rows a table shows, and lib/export writes the CSV straight from the columns.
 */
export interface DeploymentRowColumns {
  readonly length: number;
  /** The deployment (an index into the history's columns) of each row: completion order, ties by id. */
  readonly index: Uint32Array;
  /** One byte per prepared stream marking the user's hotfix channels (their counted deployments are rework), or `null`. */
  readonly hotfix: Uint8Array | null;
  readonly prepared: PreparedHistory;
}

/**
 * The rows of the deployments completed in `[from, to)` whose stream passes `mask` (one byte per prepared
 * stream), as {@link DeploymentRowColumns}: one binary search on the completion order and one pass to pick
 * the rows (none when every stream passes: the rows are then a part of the completion order, shared). `hotfix` (one byte per stream, `hotfixStreams`) marks the hotfix channels' streams for rework
 * ({@link rowRework}).
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
  // Every stream passes (no filter): the rows are that part of the completion order itself, read-only.
  if (mask.length === p.streams.count && mask.indexOf(0) < 0) return { length: hi - lo, index: order.subarray(lo, hi), hotfix, prepared: p };
  const picked = new Uint32Array(hi - lo);
  let n = 0;
  const { stream } = p;
  for (let j = lo; j < hi; j++) {
    const i = order[j];
    if (mask[stream[i]] !== 0) picked[n++] = i;
  }
  return { length: n, index: picked.subarray(0, n), hotfix, prepared: p };
}

/**
 * Row `k`'s {@link Rework} bits, the hotfix channels' included: 0 = not rework, or not counted.
 *
 * @example
 * rowRework(rows, 0) //=> 1 (Redeploy)
 */
export function rowRework(rows: DeploymentRowColumns, k: number): number {
  return reworkBits(rows.prepared, rows.index[k], rows.hotfix);
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
  const prev = p.previousSuccess[i];
  const lead = leadTimeOf(p, i);
  const recovery = recoveryOf(p, i);
  const from = p.recoveredFrom[i];
  const until = p.deploymentsUntilRecovery[i];
  const flags: FlagName[] = [];
  for (let bit = 0; bit < FLAG_NAMES.length; bit++) if ((p.flags[i] & (1 << bit)) !== 0) flags.push(FLAG_NAMES[bit]);
  const o = p.outcome[i];
  return {
    index: i,
    deployment: deploymentName(p, i),
    project: dims.projects[d.project[i]]?.name ?? '',
    release: releaseVersion(p, d.release[i]),
    channel: dims.channels[d.channel[i]]?.name ?? '',
    completed: d.completed[i],
    environment: dims.environments[d.environment[i]]?.name ?? '',
    tenant: d.tenant[i] >= 0 ? (dims.tenants[d.tenant[i]]?.name ?? '') : null,
    state: TASK_STATE_NAMES[d.state[i]] ?? 'Queued',
    hadGuidedFailure: d.guidedFailure[i] === 1,
    leadTimeMs: !Number.isNaN(lead) ? lead : null,
    leadTimeCalculatedFrom: p.leadTimeFrom[i] >= 0 ? releaseVersion(p, p.leadTimeFrom[i]) : null,
    sincePreviousSuccessfulMs: prev >= 0 ? d.completed[i] - d.completed[prev] : null,
    previousSuccessful: prev >= 0 ? deploymentName(p, prev) : null,
    timeToRecoveryMs: !Number.isNaN(recovery) ? recovery : null,
    deploymentsUntilRecovery: until > 0 ? until : null,
    recoveryFrom: from >= 0 ? deploymentName(p, from) : null,
    recoveryFromVersion: from >= 0 ? releaseVersion(p, d.release[from]) : null,
    beyondOctopus: {
      outcome: o === Outcome.Success ? 'success' : o === Outcome.Failure ? 'failure' : 'excluded',
      failureKind: FAILURE_KINDS[p.failureKind[i] as 0 | 1 | 2 | 3] ?? null,
      delivery: DELIVERIES[p.delivery[i] as 0 | 1 | 2 | 3 | 4] ?? null,
      rework: reworkReasons(rowRework(rows, k)),
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
 * `Releases-<id>` of the release deployment `i` deployed; `null` when the release is unknown.
 *
 * @example
 * releaseName(prepared, 0) //=> 'Releases-1'
 */
export function releaseName(p: PreparedHistory, i: number): string | null {
  const r = p.history.deployments.release[i];
  const releases = p.history.releases;
  return r >= 0 && r < releases.length ? `Releases-${releases.id[r]}` : null;
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
