/**
 * Octopus lets a finished task's state be edited (`POST /api/tasks/{id}/state`); servers that record no
 * event for it are covered by re-checking each deployment task once, {@link RECHECK_WINDOW_MS} after it
 * finished: every later sync asks about the tasks that crossed that age since the previous re-check (a
 * thin slice), and a deployment whose task differs from the cache is refetched.
 *
 * The slice's candidates come from the cache: deployments that finished in it, and unfinished ones
 * created in it (a task that ended with no event, e.g. canceled). None, no request. Otherwise the server
 * is asked according to what it offers (lib/octopus/server-info.ts):
 * - by completion date (`fromCompletedDate`/`toCompletedDate`, Octopus 2021.2 and later): a page of up to
 *   1,000 tasks a request, every task that finished in the slice (an unfinished candidate's task only if it
 *   did; otherwise its end arrives as a feed event);
 * - otherwise by the candidates' task ids, 300 a request. Asking an older server by date would not work: it
 *   ignores parameters it does not know and answers with every deployment task it has.
 */
import type { OctopusClient } from '@/lib/octopus/client';
import { getDeploymentsByIds } from '@/lib/octopus/deployments';
import type { Task } from '@/lib/octopus/schemas';
import type { ServerCapabilities } from '@/lib/octopus/server-info';
import { completedTaskPages, getTasksByIds } from '@/lib/octopus/tasks';
import type { Cache } from '@/lib/store/cache';
import type { DeploymentRecord } from '@/lib/store/records';

export const RECHECK_WINDOW_MS = 3 * 24 * 3600 * 1000;

export interface RecheckSlice {
  /** Completion times from (inclusive), epoch ms. */
  from: number;
  /** To (exclusive). */
  to: number;
}

export interface RecheckContext {
  client: OctopusClient;
  space: string;
  signal?: AbortSignal;
  pageSize: number;
}

/** The cached deployments the slice is about (no request). */
export const recheckCandidates = (cache: Cache, space: string, slice: RecheckSlice): Promise<DeploymentRecord[]> =>
  slice.to > slice.from ? cache.readFinishedBetween(space, slice.from, slice.to) : Promise.resolve([]);

/** The candidates' tasks as the server has them now, to compare with the cache. */
export async function recheckTasks(
  ctx: RecheckContext,
  slice: RecheckSlice,
  candidates: readonly DeploymentRecord[],
  capabilities: ServerCapabilities,
): Promise<Task[]> {
  const { client, space, signal, pageSize } = ctx;
  if (candidates.length === 0) return [];
  if (capabilities.taskCompletedDateFilter) {
    const tasks: Task[] = [];
    for await (const page of completedTaskPages(client, space, slice, { signal, pageSize })) tasks.push(...page.items);
    return tasks;
  }
  const taskIds = candidates.filter((d) => d.task > 0).map((d) => `ServerTasks-${d.task}`);
  // Rows cached before the task column existed: their deployments name their tasks.
  const unknown = candidates.filter((d) => d.task === 0).map((d) => `Deployments-${d.id}`);
  if (unknown.length) for (const d of await getDeploymentsByIds(client, space, unknown, { signal })) taskIds.push(d.TaskId);
  return getTasksByIds(client, space, taskIds, { signal });
}
