/** The options page's list of what DORA Lens keeps per server and user, kept fresh after every deletion. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CacheRow } from '@/lib/display/cache-row';
import { deleteCache } from '@/lib/store/cache';
import { deleteServerReports } from '@/lib/store/report-store';
import { readCacheRows, signedInUsers, withUserNames } from './cache-rows';

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

  const clear = (row: CacheRow) => deleteCache(row.server, row.userId).finally(load);
  const deleteReports = (row: CacheRow) => deleteServerReports((server, userId) => server === row.server && userId === row.userId).finally(load);
  const clearAll = async () => {
    try {
      await Promise.all((rows ?? []).filter((row) => row.cached !== false).map((row) => deleteCache(row.server, row.userId)));
    } finally {
      await load();
    }
  };
  return { rows, clear, deleteReports, clearAll, reload: load };
}
