/** The options page's list of what DORA Lens keeps per server and user, kept fresh after every deletion. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { CacheRow } from '@/lib/display/cache-row';
import { deleteCache } from '@/lib/store/cache';
import { deleteServerReports } from '@/lib/store/report-store';
import { isStatusKeyOf } from '@/lib/sync/status';
import { readCacheRows, signedInUsers, withUserNames } from './cache-rows';

/**
 * Deletes a cache and its sync status records: an open panel or popup watching them learns the numbers it
 * shows are gone (lib/ui/use-space-history.ts), instead of showing them as synced.
 */
async function clearCache(server: string, userId: string): Promise<void> {
  await deleteCache(server, userId);
  const stored = await browser.storage.local.get(null);
  await browser.storage.local.remove(Object.keys(stored).filter(isStatusKeyOf(server, userId)));
}

export function useCaches() {
  const [rows, setRows] = useState<CacheRow[]>();
  // Only the latest load may write: a slow name lookup must not bring back rows cleared meanwhile.
  const generation = useRef(0);
  const load = useCallback(async () => {
    const mine = ++generation.current;
    const found = await readCacheRows().catch((error: unknown): CacheRow[] => {
      console.error('DORA Lens: listing caches failed', error);
      return [];
    });
    if (mine !== generation.current) return;
    setRows(found);
    const sessions = await signedInUsers(found.map((row) => row.server));
    if (mine === generation.current && sessions.size) setRows(withUserNames(found, sessions));
  }, []);
  useEffect(() => void load(), [load]);

  const clear = (row: CacheRow) => clearCache(row.server, row.userId).finally(load);
  const deleteReports = (row: CacheRow) => deleteServerReports((server, userId) => server === row.server && userId === row.userId).finally(load);
  const clearAll = async () => {
    try {
      await Promise.all((rows ?? []).filter((row) => row.cached !== false).map((row) => clearCache(row.server, row.userId)));
    } finally {
      await load();
    }
  };
  return { rows, clear, deleteReports, clearAll, reload: load };
}
