/**
 * Reading what DORA Lens keeps for the options page: cache sizes straight from IndexedDB (this page is in
 * the extension's origin, like the worker), saved reports from storage, user names from the worker, which
 * holds the session.
 */
import type { CacheRow } from '@/lib/display/cache-row';
import { askWorker } from '@/lib/ui/ask-worker';
import { countReports } from '@/lib/store/report-store';
import { isServerEnabled } from '@/lib/servers/grants';
import { listCaches, openCache } from '@/lib/store/cache';
import type { SessionInfo } from '@/lib/messages/protocol';

async function readRow(server: string, userId: string): Promise<CacheRow> {
  try {
    const cache = await openCache(server, userId);
    try {
      return { server, userId, ...(await cache.size()) };
    } finally {
      // An open connection would block deleting the database and any schema upgrade from another page.
      cache.close();
    }
  } catch (error) {
    return { server, userId, error: `Could not read this cache (${error instanceof Error ? error.message : String(error)}).` };
  }
}

/** Every server and user with a cache or saved reports (either may exist without the other). */
export async function readCacheRows(): Promise<CacheRow[]> {
  const [caches, reports] = await Promise.all([listCaches(), countReports()]);
  const rows = await Promise.all(caches.map(({ server, userId }) => readRow(server, userId)));
  const withCache = new Set(rows.map((row) => `${row.server}\n${row.userId}`));
  for (const [owner, count] of reports) {
    const [server, userId] = owner.split('\n');
    if (!withCache.has(owner) && count > 0) rows.push({ server, userId, cached: false });
  }
  const enabled = new Map(await Promise.all([...new Set(rows.map((r) => r.server))].map(async (server) => [server, await isServerEnabled(server).catch(() => false)] as const)));
  return rows
    .map((row) => ({ ...row, reports: reports.get(`${row.server}\n${row.userId}`) ?? 0, enabled: enabled.get(row.server) }))
    .sort((a, b) => a.server.localeCompare(b.server) || a.userId.localeCompare(b.userId));
}

/**
 * Who is signed in now on each server, for servers DORA Lens may still reach; servers that do not answer
 * (signed out, offline, access revoked) are left out: their rows show the bare user id.
 */
export async function signedInUsers(servers: readonly string[]): Promise<Map<string, SessionInfo>> {
  const sessions = await Promise.all(
    [...new Set(servers)].map(async (server) => {
      try {
        return (await isServerEnabled(server)) ? await askWorker({ type: 'session', server }) : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return new Map(sessions.flatMap((session) => (session ? [[session.server, session] as const] : [])));
}

export function withUserNames(rows: readonly CacheRow[], sessions: Map<string, SessionInfo>): CacheRow[] {
  return rows.map((row) => {
    const session = sessions.get(row.server);
    return session?.userId === row.userId ? { ...row, userName: session.displayName } : row;
  });
}
