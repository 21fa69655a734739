/**
 * A project's rows, kept apart for the next time its panel opens. The chunks hold every project's rows in
 * id order, so reading one project meant reading every chunk of the space — at a million deployments most
 * of a second of the panel's opening, nearly all of it IndexedDB reading values the panel then discards.
 *
 * A slice is one chunk cut down to one project's rows, stored with the chunk's write stamp at the time
 * (schema.ts: every write of a chunk gives it a new random stamp, in the same transaction). Reading a
 * project takes each chunk's slice when the stamps still match and reads and cuts only the chunks written
 * since — after a later sync, the newest one or two. Slices are kept for the few projects opened last in
 * each space; they are a copy, never the only place a row lives, so losing one costs only time.
 */
import type { IDBPDatabase } from 'idb';
import { deploymentChunkRows, releaseChunkRows, rowsOfProject } from './chunks';
import type { CacheSchema, Chunk, ChunkKind, DeploymentChunk, ReleaseChunk, SliceRecord, SpaceMeta, StampRecord } from './schema';

/** Projects per space whose slices are kept (the ones opened last). */
export const SLICED_PROJECTS = 4;
/** The sync record listing a space's sliced projects, most recently opened first. */
const OPENED = 'slicedProjects';

export interface ProjectRows {
  meta: SpaceMeta | undefined;
  deployments: DeploymentChunk[];
  releases: ReleaseChunk[];
  /** Settles when the slices cut by this read are stored (at once when none were). */
  kept: Promise<void>;
}

/** A stamp for a chunk being written: never 0, which stands for "written before stamps existed". */
export function newStamp(space: string, kind: ChunkKind, no: number): StampRecord {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2));
  return { space, kind, no, stamp: (high & 0x1fffff) * 0x1_0000_0000 + low + 1 };
}

const chunkRange = (space: string) => IDBKeyRange.bound([space, 'deployments', -Infinity], [space, 'releases', Infinity]);
/** Every slice of one project (or part: ./part-slices.ts) of a space. */
export const projectRange = (space: string, project: string) => IDBKeyRange.bound([space, project, 'deployments', -Infinity], [space, project, 'releases', Infinity]);
export const keyOf = (kind: ChunkKind, no: number) => `${kind}:${no}`;

/**
 * The rows of `project` (its id) in every chunk of `space`, from its slices where they are current, and
 * the space's metadata, read in one transaction (a sync writing meanwhile is seen entirely or not at all).
 * Slices cut in this read are stored afterwards (`kept`): a panel draws meanwhile.
 */
export async function readProjectRows(db: IDBPDatabase<CacheSchema>, space: string, project: string): Promise<ProjectRows> {
  const tx = db.transaction(['chunks', 'spaces', 'sync', 'stamps', 'slices'], 'readonly');
  const chunks = tx.objectStore('chunks');
  const [keys, stamps, stored, meta, opened] = await Promise.all([
    chunks.getAllKeys(chunkRange(space)),
    tx.objectStore('stamps').getAll(chunkRange(space)),
    tx.objectStore('slices').getAll(projectRange(space, project)),
    tx.objectStore('spaces').get(space),
    tx.objectStore('sync').get([space, OPENED]),
  ]);
  const stampOf = new Map(stamps.map((s) => [keyOf(s.kind, s.no), s.stamp]));
  const keptOf = new Map(stored.map((s) => [keyOf(s.kind, s.no), s]));
  const cut: SliceRecord[] = [];
  // Every request is made before this transaction's last one completes: awaiting anything else would end it.
  const slices = await Promise.all(
    keys.map(async ([, kind, no]): Promise<SliceRecord> => {
      const stamp = stampOf.get(keyOf(kind, no)) ?? 0;
      const slice = keptOf.get(keyOf(kind, no));
      if (slice && slice.stamp === stamp) return slice;
      const chunk = await chunks.get([space, kind, no]);
      const fresh = sliceOf(space, project, kind, no, stamp, chunk, (c) => rowsOfProject(c, project));
      cut.push(fresh);
      return fresh;
    }),
  );
  const openedBefore = projectList(opened?.value);
  const kept = cut.length > 0 || openedBefore[0] !== project ? keepSlices(db, space, project, cut) : Promise.resolve();
  const deployments: DeploymentChunk[] = [];
  const releases: ReleaseChunk[] = [];
  for (const { rows } of slices) {
    if (rows?.kind === 'deployments') deployments.push(rows);
    else if (rows?.kind === 'releases') releases.push(rows);
  }
  return { meta, deployments, releases, kept };
}

/** The rows `rowsOf` picks out of a chunk (with stamp `stamp`), as the slice of `project` (a project's id, or a part's key). */
export function sliceOf<C extends Chunk>(space: string, project: string, kind: ChunkKind, no: number, stamp: number, chunk: C | undefined, rowsOf: (chunk: C) => Uint32Array): SliceRecord {
  const found = chunk ? rowsOf(chunk) : new Uint32Array(0);
  if (!chunk || found.length === 0) return { space, project, kind, no, stamp };
  const rows = chunk.kind === 'deployments' ? deploymentChunkRows(chunk, found) : releaseChunkRows(chunk, found);
  return { space, project, kind, no, stamp, rows };
}

/** Stores fresh slices and moves `project` to the front of the space's list, dropping the slices of projects past the limit. */
async function keepSlices(db: IDBPDatabase<CacheSchema>, space: string, project: string, cut: readonly SliceRecord[]): Promise<void> {
  const tx = db.transaction(['slices', 'sync'], 'readwrite');
  const slices = tx.objectStore('slices');
  const sync = tx.objectStore('sync');
  const work: Promise<unknown>[] = cut.map((slice) => slices.put(slice));
  work.push(
    sync.get([space, OPENED]).then((record) => {
      const list = [project, ...projectList(record?.value).filter((p) => p !== project)];
      // Within the transaction: tx.done waits for these too.
      for (const dropped of list.splice(SLICED_PROJECTS)) void slices.delete(projectRange(space, dropped));
      return sync.put({ space, name: OPENED, value: list });
    }),
  );
  await Promise.all([...work, tx.done]);
}

const projectList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : []);
