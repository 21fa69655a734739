/** Interruptions: a guided failure on a deployment's task turns its `Success` into a failure (DESIGN 4). */
import type { OctopusClient, Page, PagesOptions } from './client';
import { apiPath } from './paths';
import { type Interruption, InterruptionSchema } from './schemas';

/** Every interruption in the space, most recently created first, a page at a time. */
export const interruptionPages = (
  client: OctopusClient,
  spaceId: string,
  options?: PagesOptions,
): AsyncGenerator<Page<Interruption>, void, undefined> =>
  client.pages(apiPath(spaceId, 'interruptions'), undefined, InterruptionSchema, options);
