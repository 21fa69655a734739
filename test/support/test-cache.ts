import { openDB } from 'idb';
import { afterEach } from 'vitest';
import { type Cache, deleteCache, listCaches, openCache } from '@/lib/store/cache';
import { type CacheSchema, databaseName, type SliceRecord } from '@/lib/store/schema';

/**
 * One user's cache for a unit test file (fake IndexedDB): the caches it opens are closed, and every cache
 * deleted, after each test. `raw` is the database itself, to see and alter what the cache stored.
 */
export function testCache(origin: string, userId = 'Users-1') {
  const opened: Cache[] = [];
  afterEach(async () => {
    for (const c of opened.splice(0)) c.close();
    for (const { server, userId: user } of await listCaches()) await deleteCache(server, user);
  });
  const raw = () => openDB<CacheSchema>(databaseName(origin, userId));
  return {
    open: async (): Promise<Cache> => {
      const cache = await openCache(origin, userId);
      opened.push(cache);
      return cache;
    },
    raw,
    /** The stored slices of a project (its id) or a part (its key). */
    slicesOf: async (key: string): Promise<SliceRecord[]> => {
      const db = await raw();
      try {
        return (await db.getAll('slices')).filter((s) => s.project === key);
      } finally {
        db.close();
      }
    },
  };
}
