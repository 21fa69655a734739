/** Interruptions: a guided failure on a deployment's task turns its `Success` into a failure (DESIGN 4). */
import type { OctopusClient, Page, PagesOptions } from './client';
import { apiPath } from './paths';
import { type Interruption, InterruptionSchema } from './schemas';

export interface InterruptionQuery {
  /** A task, deployment, project or environment id the interruptions relate to. */
  regarding?: string;
  pendingOnly?: boolean;
  ids?: readonly string[];
}

/** Interruptions in the space, most recently created first, a page at a time. */
export const interruptionPages = (
  client: OctopusClient,
  spaceId: string,
  query: InterruptionQuery = {},
  options?: PagesOptions,
): AsyncGenerator<Page<Interruption>, void, undefined> =>
  client.pages(
    apiPath(spaceId, 'interruptions'),
    { regarding: query.regarding, pendingOnly: query.pendingOnly, ids: query.ids },
    InterruptionSchema,
    options,
  );

/** All interruptions of one task or deployment. */
export const listInterruptionsRegarding = (
  client: OctopusClient,
  spaceId: string,
  documentId: string,
  options?: PagesOptions,
): Promise<Interruption[]> =>
  client.getAll(apiPath(spaceId, 'interruptions'), { regarding: documentId }, InterruptionSchema, options);
