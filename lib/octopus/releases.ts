/** Releases (lead time starts at `Assembled`) and their defects (Octopus's "prevent progression"). */
import { type BatchOptions, getByIds } from './batch';
import type { OctopusClient, Page, PagesOptions } from './client';
import { apiPath } from './paths';
import { type Defect, DefectSchema, type Release, ReleaseSchema } from './schemas';

/** Every release in the space, newest first, a page at a time (resume with `skip`). */
export const releasePages = (
  client: OctopusClient,
  spaceId: string,
  options?: PagesOptions,
): AsyncGenerator<Page<Release>, void, undefined> =>
  client.pages(apiPath(spaceId, 'releases'), undefined, ReleaseSchema, options);

export const getReleasesByIds = (
  client: OctopusClient,
  spaceId: string,
  ids: readonly string[],
  options?: BatchOptions,
): Promise<Release[]> => getByIds(client, apiPath(spaceId, 'releases'), ids, ReleaseSchema, options);

/** A release's defects, resolved ones included; an `Unresolved` one means the release is blocked. */
export const listDefects = (
  client: OctopusClient,
  spaceId: string,
  releaseId: string,
  options?: PagesOptions,
): Promise<Defect[]> => client.getAll(apiPath(spaceId, 'releases', releaseId, 'defects'), undefined, DefectSchema, options);
