/**
 * What a synced cache must hold, computed straight from the emulator's ground truth (its Octopus-shaped
 * history), independently of lib/sync: each deployment joined with its task, the guided-failure flag from
 * the interruptions, the blocked flag from unresolved defects, every release deployed or not.
 */
import type { History } from '../../lib/metrics/facts';
import { TASK_STATE_NAMES } from '../../lib/metrics/facts';
import type { HistoryFile } from '../emulator/history-file';

export interface ExpectedDeployment {
  id: string;
  project: string;
  environment: string;
  channel: string;
  tenant: string | null;
  release: string;
  state: string;
  guidedFailure: boolean;
  created: number;
  queued: number;
  started: number | null;
  completed: number | null;
}

export interface ExpectedRelease {
  id: string;
  project: string;
  channel: string;
  version: string;
  assembled: number;
  blocked: boolean;
}

const ms = (date: string | null | undefined): number | null => (date ? Date.parse(date) : null);

/** `visible`: deployment ids the user may see (all when omitted). */
export function expectedSpace(history: HistoryFile, spaceId: string, visible?: { deployments: Set<string>; releases: Set<string> }) {
  const space = history.Spaces.find((s) => s.Space.Id === spaceId);
  if (!space) throw new Error(`No ${spaceId} in the history`);
  const tasks = new Map(space.Tasks.map((t) => [t.Id, t]));
  const guided = new Set(space.Interruptions.filter((i) => i.Type === 'GuidedFailure').map((i) => i.TaskId));
  const blocked = new Set(space.Defects.filter((d) => d.Status === 'Unresolved').map((d) => d.ReleaseId));
  const deployments: ExpectedDeployment[] = space.Deployments.filter((d) => !visible || visible.deployments.has(d.Id)).map((d) => {
    const task = tasks.get(d.TaskId)!;
    return {
      id: d.Id,
      project: d.ProjectId,
      environment: d.EnvironmentId,
      channel: d.ChannelId,
      tenant: d.TenantId ?? null,
      release: d.ReleaseId,
      state: task.State,
      guidedFailure: guided.has(d.TaskId),
      created: ms(d.Created)!,
      queued: ms(task.QueueTime)!,
      started: ms(task.StartTime),
      completed: ms(task.CompletedTime),
    };
  });
  const releases: ExpectedRelease[] = space.Releases.filter((r) => !visible || visible.releases.has(r.Id)).map((r) => ({
    id: r.Id,
    project: r.ProjectId,
    channel: r.ChannelId,
    version: r.Version,
    assembled: ms(r.Assembled)!,
    blocked: blocked.has(r.Id),
  }));
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id, 'en', { numeric: true });
  return { deployments: deployments.sort(byId), releases: releases.sort(byId) };
}

/** The same shape read back from a cached {@link History}. */
export function cachedSpace(h: History) {
  const { deployments: d, releases: r, dims } = h;
  const num = (x: number) => (Number.isNaN(x) ? null : x);
  const deployments: ExpectedDeployment[] = [];
  for (let i = 0; i < d.length; i++) {
    deployments.push({
      id: `Deployments-${d.id[i]}`,
      project: dims.projects[d.project[i]].id,
      environment: dims.environments[d.environment[i]].id,
      channel: dims.channels[d.channel[i]].id,
      tenant: d.tenant[i] < 0 ? null : dims.tenants[d.tenant[i]].id,
      release: d.release[i] < 0 ? '(missing)' : `Releases-${r.id[d.release[i]]}`,
      state: TASK_STATE_NAMES[d.state[i]],
      guidedFailure: d.guidedFailure[i] === 1,
      created: d.created[i],
      queued: d.queued[i],
      started: num(d.started[i]),
      completed: num(d.completed[i]),
    });
  }
  const releases: ExpectedRelease[] = [];
  for (let i = 0; i < r.length; i++) {
    releases.push({
      id: `Releases-${r.id[i]}`,
      project: dims.projects[r.project[i]].id,
      channel: dims.channels[r.channel[i]].id,
      version: r.version[i],
      assembled: r.assembled[i],
      blocked: r.blocked[i] === 1,
    });
  }
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id, 'en', { numeric: true });
  return { deployments: deployments.sort(byId), releases: releases.sort(byId) };
}
