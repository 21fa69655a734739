/**
 * The user is on a project's pages in Octopus, so its Insights panel may well be next: the worker cuts that
 * project's rows out of the cache now (lib/store/slices.ts), off the page's thread, and the panel's first
 * opening reads them instead of every chunk of the space (at a million deployments most of a second).
 *
 * It asks Octopus nothing. The cache is that of the user the worker last saw signed in on the server, or —
 * after the worker was restarted — the server's only cache in this browser; with several and none known,
 * nothing is done (the panel cuts the rows itself). Only a space whose first sync is complete is read. The
 * content script's hint decides nothing else: the worker has checked the caller and the grant before this.
 */
import { listCaches, openCache } from '@/lib/store/cache';
import { isCheckpoint } from './checkpoint';

export interface KeepAheadDeps {
  /** Who the worker last found signed in on the server (its memory). */
  lastUser(server: string): string | undefined;
}

/** Hints being acted on, and when each last ran: the same project's pages hint on every route change. */
const recent = new Map<string, number>();
const AGAIN_AFTER_MS = 60_000;

/** Resolves when done (or nothing was to do); never rejects: a hint that fails costs only the panel's time. */
export async function keepProjectAhead(server: string, space: string, project: string, deps: KeepAheadDeps, now = Date.now()): Promise<void> {
  const key = `${server}\n${space}\n${project}`;
  const last = recent.get(key);
  if (last !== undefined && now - last < AGAIN_AFTER_MS) return;
  recent.set(key, now);
  try {
    const userId = deps.lastUser(server) ?? (await onlyCacheOf(server));
    if (!userId) return;
    const cache = await openCache(server, userId);
    try {
      const meta = await cache.readMeta(space);
      if (!isCheckpoint(meta?.checkpoint) || meta.checkpoint.phase !== 'ready') return;
      const id = meta.dims?.projects.find((p) => p.slug === project || p.id === project)?.id;
      if (id) await cache.keepProject(space, id);
    } finally {
      cache.close();
    }
  } catch (error) {
    console.warn('DORA Lens could not prepare a project’s rows ahead of its panel:', error);
  }
}

async function onlyCacheOf(server: string): Promise<string | undefined> {
  const users = (await listCaches()).filter((c) => c.server === server);
  return users.length === 1 ? users[0].userId : undefined;
}

/** Forgets the hints seen (tests). */
export function forgetHints(): void {
  recent.clear();
}
