/**
 * Responses as a given Octopus version and hosting layout writes them, applied while serialising: links
 * under the base path and in the version's form, the version's paged envelope, and no fields the version
 * does not have. A `JSON.stringify` replacer, not an edit: a response is often the store's own object.
 */
import { DEFAULT_PROFILE, linkFor, type OctopusProfile } from './profiles';

type Replacer = (key: string, value: unknown) => unknown;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Undefined when nothing changes (today's Octopus at the root of its host): the plain, fastest path. */
export function responseReplacer(profile: OctopusProfile, basePath: string): Replacer | undefined {
  const current = profile.name === DEFAULT_PROFILE;
  if (current && !basePath) return undefined;
  const missing = Object.entries(profile.missingFields);
  return (key, value) => {
    if (!profile.spaces && key === 'SpaceId') return undefined;
    if (!isRecord(value)) return value;
    if (key === 'Links') {
      const links: Record<string, unknown> = {};
      for (const [name, link] of Object.entries(value)) links[name] = typeof link === 'string' && link.startsWith('/') ? basePath + linkFor(profile, link) : link;
      return links;
    }
    if (current) return value;
    if (!profile.pageCounts && 'ItemType' in value && Array.isArray(value.Items)) return legacyEnvelope(value);
    const id = value.Id;
    if (typeof id !== 'string') return value;
    const drop = missing.find(([prefix]) => id.startsWith(prefix))?.[1];
    if (!drop) return value;
    const copy = { ...value };
    for (const field of drop) delete copy[field];
    return copy;
  };
}

/**
 * GUESS: the envelope of Octopus 3.x (a real 2016 page from OctopusClients' canned responses) — `IsStale`,
 * no page counts, no `Page.All`/`Page.Last` — for the versions whose envelope is not documented.
 */
function legacyEnvelope(collection: Record<string, unknown>): Record<string, unknown> {
  const { NumberOfPages: _pages, LastPageNumber: _last, Links, ...rest } = collection;
  const links = isRecord(Links) ? { ...Links } : {};
  delete links['Page.All'];
  delete links['Page.Last'];
  return { ItemType: rest.ItemType, IsStale: false, ...rest, Links: links };
}
