/** Server tasks: a deployment's state, queue/start/completion times. */
import { type BatchOptions, getByIds } from './batch';
import type { OctopusClient, Page, PagesOptions } from './client';
import { apiPath, isoDate } from './paths';
import { type Task, TaskSchema } from './schemas';

/** Tasks by id, ≤ 300 ids a request, batches concurrent within the client's bound. */
export const getTasksByIds = (
  client: OctopusClient,
  spaceId: string,
  ids: readonly string[],
  options?: BatchOptions,
): Promise<Task[]> => getByIds(client, apiPath(spaceId, 'tasks'), ids, TaskSchema, options);

export interface CompletionWindow {
  /** Completed at or after, epoch ms. */
  from: number;
  /** Completed before, epoch ms. Octopus does not document whether its bounds are inclusive. */
  to: number;
}

/**
 * Deployment tasks completed in a window, newest first, a page at a time. Only for servers whose task link
 * offers `fromCompletedDate`/`toCompletedDate` (../server-info.ts): an older Octopus ignores them and
 * answers with every deployment task it has.
 */
export const completedTaskPages = (
  client: OctopusClient,
  spaceId: string,
  window: CompletionWindow,
  options?: PagesOptions,
): AsyncGenerator<Page<Task>, void, undefined> =>
  client.pages(
    apiPath(spaceId, 'tasks'),
    { name: 'Deploy', fromCompletedDate: isoDate(window.from), toCompletedDate: isoDate(window.to) },
    TaskSchema,
    options,
  );
