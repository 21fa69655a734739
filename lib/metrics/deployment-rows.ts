import { FLAG_NAMES, type FlagName, Outcome } from './constants';
import { TASK_STATE_NAMES } from './facts';
import { lowerBound } from './lower-bound';
import type { PreparedHistory } from './prepare';
import { resolveWindow } from './resolve-window';
import { streamMask } from './stream-mask';
import type { DeploymentRow, WindowQuery } from './types';

const FAILURE_KINDS = [null, 'taskFailed', 'guidedFailure', 'blocked'] as const;
const DELIVERIES = [null, 'first', 'newChanges', 'redeploy', 'rollback'] as const;

/**
 * One row per deployment that completed in the window `[from, to)` and passes the filter, in completion
 * order (ties by id), with Octopus's Insights CSV fields (docs/octopus-api.md §1.6): Deployment, Project,
 * Release, Channel, Completed, Environment, Tenant, State, Had Guided Failure, Lead Time, Lead Time
 * Calculated From, Since Previous Successful, Previous Successful, Time to Recovery, Deployments Until
 * Recovery, Recovery From, Recovery From Version — plus, under `beyondOctopus`, how it counted (outcome,
 * failure kind, what it delivered, flags). Unfinished deployments have no completion and no row; canceled
 * and timed-out ones have a row with no metric values. "Since Previous Successful" is filled for failed
 * deployments too (the summary statistics use successful ones only).
 *
 * @example
 * deploymentRows(prepared, { now, range: { preset: 'lastYear' }, filter: { projects: [0] } })[0]
 * //=> { deployment: 'Deployments-101', project: 'Web', release: '1.2.0', state: 'Success', leadTimeMs: 7200000, … }
 */
export function deploymentRows(p: PreparedHistory, query: WindowQuery): DeploymentRow[] {
  const window = resolveWindow({ ...query, granularity: 'month' });
  const mask = streamMask(p.streams, p.history.dims, query.filter);
  const d = p.history.deployments;
  const r = p.history.releases;
  const dims = p.history.dims;
  const rows: DeploymentRow[] = [];
  const version = (release: number) => (release >= 0 && release < r.length ? r.version[release] : '');
  const deploymentId = (i: number) => `Deployments-${d.id[i]}`;
  const order = p.byCompleted;
  for (let j = lowerBound(order, d.completed, window.from), end = lowerBound(order, d.completed, window.to); j < end; j++) {
    const i = order[j];
    if (mask[p.stream[i]] === 0) continue;
    const prev = p.previousSuccess[i];
    const lead = p.leadTimeMs[i];
    const recovery = p.recoveryMs[i];
    const from = p.recoveredFrom[i];
    const flags: FlagName[] = [];
    for (let bit = 0; bit < FLAG_NAMES.length; bit++) if ((p.flags[i] & (1 << bit)) !== 0) flags.push(FLAG_NAMES[bit]);
    const o = p.outcome[i];
    rows.push({
      index: i,
      deployment: deploymentId(i),
      project: dims.projects[d.project[i]]?.name ?? '',
      release: version(d.release[i]),
      channel: dims.channels[d.channel[i]]?.name ?? '',
      completed: d.completed[i],
      environment: dims.environments[d.environment[i]]?.name ?? '',
      tenant: d.tenant[i] >= 0 ? (dims.tenants[d.tenant[i]]?.name ?? '') : null,
      state: TASK_STATE_NAMES[d.state[i]] ?? 'Queued',
      hadGuidedFailure: d.guidedFailure[i] === 1,
      leadTimeMs: !Number.isNaN(lead) ? lead : null,
      leadTimeCalculatedFrom: p.leadTimeFrom[i] >= 0 ? version(p.leadTimeFrom[i]) : null,
      sincePreviousSuccessfulMs: prev >= 0 ? d.completed[i] - d.completed[prev] : null,
      previousSuccessful: prev >= 0 ? deploymentId(prev) : null,
      timeToRecoveryMs: !Number.isNaN(recovery) ? recovery : null,
      deploymentsUntilRecovery: p.deploymentsUntilRecovery[i] > 0 ? p.deploymentsUntilRecovery[i] : null,
      recoveryFrom: from >= 0 ? deploymentId(from) : null,
      recoveryFromVersion: from >= 0 ? version(d.release[from]) : null,
      beyondOctopus: {
        outcome: o === Outcome.Success ? 'success' : o === Outcome.Failure ? 'failure' : 'excluded',
        failureKind: FAILURE_KINDS[p.failureKind[i] as 0 | 1 | 2 | 3] ?? null,
        delivery: DELIVERIES[p.delivery[i] as 0 | 1 | 2 | 3 | 4] ?? null,
        flags,
      },
    });
  }
  return rows;
}

