/**
 * Reading the cache list for the options page: sizes straight from IndexedDB (this page is in the
 * extension's origin, like the worker), user names from the worker, which holds the session.
 */
import type { CacheRow } from '@/components/OptionsCaches';
import { askWorker } from '@/lib/messages';
import { isServerEnabled } from '@/lib/servers';
import { listCaches, openCache } from '@/lib/store/cache';
import type { SessionInfo } from '@/lib/sync/service';

async function readRow(origin: string, userId: string): Promise<CacheRow> {
  try {
    const cache = await openCache(origin, userId);
    try {
      return { origin, userId, ...(await cache.size()) };
    } finally {
      // An open connection would block deleting the database and any schema upgrade from another page.
      cache.close();
    }
  } catch (error) {
    return { origin, userId, error: `Could not read this cache (${error instanceof Error ? error.message : String(error)}).` };
  }
}

export async function readCacheRows(): Promise<CacheRow[]> {
  const caches = await listCaches();
  const rows = await Promise.all(caches.map(({ origin, userId }) => readRow(origin, userId)));
  return rows.sort((a, b) => a.origin.localeCompare(b.origin) || a.userId.localeCompare(b.userId));
}

/**
 * Who is signed in now on each server, for servers DORA Lens may still reach; servers that do not answer
 * (signed out, offline, access revoked) are left out: their rows show the bare user id.
 */
export async function signedInUsers(origins: readonly string[]): Promise<Map<string, SessionInfo>> {
  const sessions = await Promise.all(
    [...new Set(origins)].map(async (origin) => {
      try {
        return (await isServerEnabled(origin)) ? await askWorker({ type: 'session', origin }) : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return new Map(sessions.flatMap((session) => (session ? [[session.origin, session] as const] : [])));
}

export function withUserNames(rows: readonly CacheRow[], sessions: Map<string, SessionInfo>): CacheRow[] {
  return rows.map((row) => {
    const session = sessions.get(row.origin);
    return session?.userId === row.userId ? { ...row, userName: session.displayName } : row;
  });
}
