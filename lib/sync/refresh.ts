/**
 * The background refresh: on a schedule, every space already cached for a server is synced again — but
 * only while DORA Lens is still enabled for that server (asked of the browser each time, before anything
 * is sent) and only when the user signed in there now is the one the cache belongs to (another user's
 * cache is left alone, and nothing is fetched without a session).
 */
import { listCaches, openCache } from '@/lib/store/cache';
import { isCheckpoint } from './checkpoint';
import { runSync, whoAmI } from './service';
import type { StatusSink } from './status';

export interface RefreshOutcome {
  server: string;
  /** Whose cache: the user signed in there. */
  userId: string;
  space: string;
  outcome: string;
}

export async function refreshCachedSpaces(sink: StatusSink, isEnabled: (server: string) => Promise<boolean>): Promise<RefreshOutcome[]> {
  const done: RefreshOutcome[] = [];
  for (const { server, userId } of await listCaches()) {
    if (!(await isEnabled(server))) continue;
    const session = await whoAmI(server).catch(() => undefined);
    if (session?.userId !== userId) continue;
    const cache = await openCache(server, userId);
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
      // The grant may be revoked while earlier spaces sync.
      if (!(await isEnabled(server))) break;
      const result = await runSync(server, space, sink, undefined, session);
      done.push({ server, userId, space, outcome: result === 'already-running' ? result : result.state });
    }
  }
  return done;
}
