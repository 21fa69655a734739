/** Server tasks: a deployment's state, queue/start/completion times. */
import { type BatchOptions, getByIds } from './batch';
import type { OctopusClient, Page, PagesOptions } from './client';
import { apiPath, isoDate } from './paths';
import { type OctopusTaskState, type Task, TaskSchema } from './schemas';

/** Tasks by id, ≤ 300 ids a request, batches concurrent within the client's bound. */
export const getTasksByIds = (
  client: OctopusClient,
  spaceId: string,
  ids: readonly string[],
  options?: BatchOptions,
): Promise<Task[]> => getByIds(client, apiPath(spaceId, 'tasks'), ids, TaskSchema, options);

export interface TaskQuery {
  /** Completed at or after, epoch ms. */
  completedFrom?: number;
  /** Completed before, epoch ms. Octopus does not document whether its bounds are inclusive. */
  completedTo?: number;
  states?: readonly OctopusTaskState[];
  /** Task kind; default `Deploy` (excludes runbooks, health checks, retention, …). `null` for every kind. */
  name?: string | null;
  project?: string;
  environment?: string;
  tenant?: string;
}

/** Tasks in the space, newest first, a page at a time: e.g. every deployment completed in a window. */
export const taskPages = (
  client: OctopusClient,
  spaceId: string,
  query: TaskQuery = {},
  options?: PagesOptions,
): AsyncGenerator<Page<Task>, void, undefined> =>
  client.pages(
    apiPath(spaceId, 'tasks'),
    {
      name: query.name === undefined ? 'Deploy' : query.name,
      states: query.states,
      fromCompletedDate: isoDate(query.completedFrom),
      toCompletedDate: isoDate(query.completedTo),
      project: query.project,
      environment: query.environment,
      tenant: query.tenant,
    },
    TaskSchema,
    options,
  );
