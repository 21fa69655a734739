/** The audit event feed: what happened since the last sync, without re-reading history. */
import type { OctopusClient, Page, PagesOptions } from './client';
import { apiPath } from './paths';
import { EventSchema, type OctopusEvent } from './schemas';

export interface EventQuery {
  /** `eventCategories`, any of. */
  categories?: readonly string[];
  /** Events whose auto id (the N of `Events-N`, see `eventAutoId`) is at least this. */
  fromAutoId?: number;
}

/** Events in the space, newest first, a page at a time. */
export const eventPages = (
  client: OctopusClient,
  spaceId: string,
  query: EventQuery = {},
  options?: PagesOptions,
): AsyncGenerator<Page<OctopusEvent>, void, undefined> =>
  client.pages(apiPath(spaceId, 'events'), { eventCategories: query.categories, fromAutoId: query.fromAutoId }, EventSchema, options);
