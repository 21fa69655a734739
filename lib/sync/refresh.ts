/**
 * The background refresh: on a schedule, every space already cached for a server is synced again, but
 * only when the user signed in there now is the one the cache belongs to (another user's cache is left
 * alone, and nothing is fetched without a session).
 */
import { listCaches, openCache } from '@/lib/store/cache';
import { isCheckpoint } from './checkpoint';
import { runSync, type StatusSink, whoAmI } from './service';

export async function refreshCachedSpaces(sink: StatusSink): Promise<{ origin: string; space: string; outcome: string }[]> {
  const done: { origin: string; space: string; outcome: string }[] = [];
  for (const { origin, userId } of await listCaches()) {
    const session = await whoAmI(origin).catch(() => undefined);
    if (session?.userId !== userId) continue;
    const cache = await openCache(origin, userId);
    const spaces: string[] = [];
    try {
      for (const space of await cache.listSpaces()) {
        const meta = await cache.readMeta(space);
        // A first sync that stopped half-way resumes too: its checkpoint says where.
        if (isCheckpoint(meta?.checkpoint)) spaces.push(space);
      }
    } finally {
      cache.close();
    }
    for (const space of spaces) {
      const result = await runSync(origin, space, sink, undefined, session);
      done.push({ origin, space, outcome: result === 'already-running' ? result : result.state });
    }
  }
  return done;
}
