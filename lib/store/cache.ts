/**
 * The per-server, per-user cache. Opened only from extension contexts (service worker, extension pages),
 * never from a content script: there it would belong to the Octopus site's origin (DESIGN.md decision 1).
 *
 * Writes are one transaction per synced page: the page's rows and the sync checkpoint commit together, so
 * a sync stopped at any point resumes from a checkpoint that matches what is stored.
 */
import { deleteDB, type IDBPDatabase, openDB } from 'idb';
import type { Dimensions, History } from '@/lib/metrics/facts';
import type { PartSelection } from '@/lib/metrics/history-part';
import { byChunk, chunkBytes, deploymentChunkToRecords, finishedOrStuckBetween, mergeDeploymentChunk, mergeReleaseChunk } from './chunks';
import { buildHistory } from './load';
import { partEnvironments, readPartRows } from './part-slices';
import { newStamp, readProjectRows } from './slices';
import type { DeploymentRecord, DimensionRecords, ReleaseRecord } from './records';
import {
  type CacheSchema,
  DB_PREFIX,
  DB_VERSION,
  type DeploymentChunk,
  databaseName,
  keysOfSpace,
  parseDatabaseName,
  type ReleaseChunk,
  type SpaceMeta,
  spaceRange,
  upgrade,
} from './schema';

export interface PageWrite {
  deployments?: readonly DeploymentRecord[];
  releases?: readonly ReleaseRecord[];
  dims?: DimensionRecords;
  /** Opaque to the store: the sync engine's resume point. */
  checkpoint?: unknown;
  /** Other named sync records (sets built while paging), written with the page. */
  syncState?: Record<string, unknown>;
  lastSyncedAt?: number;
}

export interface SpaceInfo extends SpaceMeta {
  checkpoint?: unknown;
}

export interface ReadOptions {
  /** A project's rows are kept apart for its next read (lib/store/slices.ts). */
  keep?: boolean;
  /**
   * Without a project: the part of the space the page computes on (every project's deployments to some
   * environments: the popup's production part). The history read holds at least that part, from the part's
   * slices kept apart for the next read (lib/store/part-slices.ts); cut it with `historyPart`.
   */
  part?: (dims: Dimensions) => PartSelection;
}

export interface Cache {
  readonly name: string;
  /**
   * The space's history; with `project` (an id), only that project's rows (a project's panel); with
   * `options.part`, at least that part's rows. `keep` and `part` are for the pages a user opens, not for
   * background work that would push their kept rows out.
   */
  readHistory(space: string, project?: string, options?: ReadOptions): Promise<History>;
  /** Cuts a project's rows (its id) out of the chunks written since it was last read, for its panel's next opening (lib/store/slices.ts). */
  keepProject(space: string, project: string): Promise<void>;
  readMeta(space: string): Promise<SpaceInfo | undefined>;
  readSyncState(space: string, name: string): Promise<unknown>;
  /** Spaces with anything cached. */
  listSpaces(): Promise<string[]>;
  /** The stored records of some deployments (those not stored are absent from the map). */
  readDeployments(space: string, ids: readonly number[]): Promise<Map<number, DeploymentRecord>>;
  /** Deployments that finished in `[from, to)` (epoch ms), and unfinished ones created in it. */
  readFinishedBetween(space: string, from: number, to: number): Promise<DeploymentRecord[]>;
  /** Stores one page of synced data and the checkpoint after it, atomically. */
  writePage(space: string, page: PageWrite): Promise<void>;
  /** Deletes one space's data (its next sync starts over). */
  clearSpace(space: string): Promise<void>;
  /** Bytes of stored columns and strings (projects' kept rows included), and rows stored. */
  size(): Promise<{ bytes: number; deployments: number; releases: number }>;
  close(): void;
}

/**
 * For `npm run bench:sync`'s breakdown of a page's cache read: IndexedDB's part done, the columns' next. One
 * mark at a time (the worker reads too, for as long as it lives).
 */
function fetched(): void {
  performance.clearMarks('dora-lens:cache-fetched');
  performance.mark('dora-lens:cache-fetched');
}

export async function openCache(server: string, userId: string): Promise<Cache> {
  const name = databaseName(server, userId);
  const db: IDBPDatabase<CacheSchema> = await openDB<CacheSchema>(name, DB_VERSION, {
    upgrade,
    // Another tab upgrading the schema: let it, and reopen on next use.
    blocking: () => db.close(),
  });

  return {
    name,
    async readHistory(space, project, options) {
      if (project !== undefined && options?.keep) {
        const { meta, deployments, releases, kept } = await readProjectRows(db, space, project);
        kept.catch((error) => console.warn('DORA Lens could not keep a project’s rows for its next opening:', error));
        fetched();
        return buildHistory(meta?.dims, deployments, releases);
      }
      const part = project === undefined ? options?.part : undefined;
      const partRows = part ? await readPartRows(db, space, (records) => partEnvironments(part, records)) : undefined;
      if (partRows) {
        partRows.kept.catch((error) => console.warn('DORA Lens could not keep a part of a space’s rows for its next reading:', error));
        fetched();
        return buildHistory(partRows.meta?.dims, partRows.deployments, partRows.releases);
      }
      const tx = db.transaction(['chunks', 'spaces'], 'readonly');
      const [deployments, releases, meta] = await Promise.all([
        tx.objectStore('chunks').getAll(spaceRange(space, 'deployments')) as Promise<DeploymentChunk[]>,
        tx.objectStore('chunks').getAll(spaceRange(space, 'releases')) as Promise<ReleaseChunk[]>,
        tx.objectStore('spaces').get(space),
      ]);
      fetched();
      return buildHistory(meta?.dims, deployments, releases, project);
    },

    keepProject: async (space, project) => (await readProjectRows(db, space, project)).kept,

    async readMeta(space) {
      const tx = db.transaction(['spaces', 'sync'], 'readonly');
      const [meta, checkpoint] = await Promise.all([tx.objectStore('spaces').get(space), tx.objectStore('sync').get([space, 'checkpoint']), tx.done]);
      if (!meta && !checkpoint) return undefined;
      return { ...meta, space, checkpoint: checkpoint?.value };
    },

    readSyncState: async (space, name) => (await db.get('sync', [space, name]))?.value,

    async listSpaces() {
      // A first sync stopped before it stored dimensions has only its checkpoint.
      const [withMeta, syncKeys] = await Promise.all([db.getAllKeys('spaces'), db.getAllKeys('sync')]);
      return [...new Set([...withMeta, ...syncKeys.map(([space]) => space)])];
    },

    async readDeployments(space, ids) {
      const found = new Map<number, DeploymentRecord>();
      const tx = db.transaction('chunks', 'readonly');
      await Promise.all(
        [...byChunk(ids.map((id) => ({ id })))].map(async ([no, wanted]) => {
          const chunk = (await tx.store.get([space, 'deployments', no])) as DeploymentChunk | undefined;
          if (!chunk) return;
          const want = new Set(wanted.map((w) => w.id));
          for (const record of deploymentChunkToRecords(chunk)) if (want.has(record.id)) found.set(record.id, record);
        }),
      );
      return found;
    },

    async readFinishedBetween(space, from, to) {
      // Every chunk: a deployment created long ago can finish late (scheduled, or queued behind others).
      // Only servers without task date filters ask this, once per sync.
      const found: DeploymentRecord[] = [];
      let cursor = await db.transaction('chunks').store.openCursor(spaceRange(space, 'deployments'));
      while (cursor) {
        found.push(...finishedOrStuckBetween(cursor.value as DeploymentChunk, from, to));
        cursor = await cursor.continue();
      }
      return found;
    },

    async writePage(space, page) {
      // Read-modify-write of the touched chunks inside one transaction: never await anything but
      // IndexedDB requests here, or the transaction auto-commits half-way.
      const tx = db.transaction(['chunks', 'spaces', 'sync', 'stamps'], 'readwrite');
      const chunks = tx.objectStore('chunks');
      const stamps = tx.objectStore('stamps');
      const work: Promise<unknown>[] = [];
      // Each chunk written gets a new stamp with it: slices cut from its earlier contents are then stale.
      for (const [no, rows] of byChunk(page.deployments ?? [])) {
        work.push(
          chunks.get([space, 'deployments', no]).then((existing) => chunks.put(mergeDeploymentChunk(space, no, existing as DeploymentChunk | undefined, rows))),
          stamps.put(newStamp(space, 'deployments', no)),
        );
      }
      for (const [no, rows] of byChunk(page.releases ?? [])) {
        work.push(
          chunks.get([space, 'releases', no]).then((existing) => chunks.put(mergeReleaseChunk(space, no, existing as ReleaseChunk | undefined, rows))),
          stamps.put(newStamp(space, 'releases', no)),
        );
      }
      if (page.dims !== undefined || page.lastSyncedAt !== undefined) {
        const spaces = tx.objectStore('spaces');
        work.push(
          spaces.get(space).then((meta) => {
            const next: SpaceMeta = { ...meta, space };
            if (page.dims !== undefined) next.dims = page.dims;
            if (page.lastSyncedAt !== undefined) next.lastSyncedAt = page.lastSyncedAt;
            return spaces.put(next);
          }),
        );
      }
      const records = { ...page.syncState, ...(page.checkpoint === undefined ? {} : { checkpoint: page.checkpoint }) };
      for (const [name, value] of Object.entries(records)) work.push(tx.objectStore('sync').put({ space, name, value }));
      await Promise.all([...work, tx.done]);
    },

    async clearSpace(space) {
      const tx = db.transaction(['chunks', 'spaces', 'sync', 'stamps', 'slices'], 'readwrite');
      await Promise.all([
        ...(['chunks', 'sync', 'stamps', 'slices'] as const).map((store) => tx.objectStore(store).delete(keysOfSpace(space))),
        tx.objectStore('spaces').delete(space),
        tx.done,
      ]);
    },

    async size() {
      let bytes = 0;
      let deployments = 0;
      let releases = 0;
      let cursor = await db.transaction('chunks').store.openCursor();
      while (cursor) {
        const chunk = cursor.value;
        bytes += chunkBytes(chunk);
        if (chunk.kind === 'deployments') deployments += chunk.count;
        else releases += chunk.count;
        cursor = await cursor.continue();
      }
      // The projects' kept rows (slices.ts) take room too, though they add no deployments.
      let slice = await db.transaction('slices').store.openCursor();
      while (slice) {
        if (slice.value.rows) bytes += chunkBytes(slice.value.rows);
        slice = await slice.continue();
      }
      return { bytes, deployments, releases };
    },

    close: () => db.close(),
  };
}

/** Every DORA Lens cache in this browser profile (extension origin), by server and user. */
export async function listCaches(): Promise<{ name: string; server: string; userId: string }[]> {
  const all = await indexedDB.databases();
  return all.flatMap(({ name }) => {
    const parsed = name?.startsWith(`${DB_PREFIX}:`) ? parseDatabaseName(name) : undefined;
    return parsed && name ? [{ name, ...parsed }] : [];
  });
}

export function deleteCache(server: string, userId: string): Promise<void> {
  return deleteDB(databaseName(server, userId));
}
