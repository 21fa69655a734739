/**
 * The cache's IndexedDB schema: one database per (Octopus server base URL, Octopus user id), opened only
 * from extension contexts (DESIGN.md decision 1). Deployments and releases are stored as columnar chunks,
 * not one object per deployment: ~100x faster to read and write and ~5x smaller (docs/toolchain.md).
 *
 * Upgrades are cumulative `if (oldVersion < N)` blocks; never edit a released block.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { DimensionRecords } from './records';

export const DB_VERSION = 3;
export const DB_PREFIX = 'dora-lens';

/** `kind` of a chunk. */
export type ChunkKind = 'deployments' | 'releases';

/**
 * An unsigned integer column, in the narrowest width its values need (the cache on disk is held to 50
 * bytes per deployment: DESIGN.md budgets). Read it by index; the width never changes a value.
 */
export type UintColumn = Uint8Array | Uint16Array | Uint32Array;

/**
 * Numbers the chunk's `id`, `release` and `task` columns are offsets from (format 2). Chunks written before
 * have none: their columns hold the numbers themselves, in 32 bits.
 */
export interface ChunkBases {
  id: number;
  release?: number;
  task?: number;
  /** The first row's time, when the time column holds deltas ({@link InstantColumn}). */
  time?: number;
}

/**
 * Epoch milliseconds of each row: absolute (`Float64Array`), or — half the bytes — milliseconds since the
 * previous row (the first since `bases.time`), rows being in id order and ids growing with time.
 */
export type InstantColumn = Float64Array | Int32Array;

/**
 * A chunk holds the rows whose id falls in one id bucket (`no = floor(id / CHUNK_SPAN)`), sorted by id.
 * Octopus ids only grow, so new deployments land in the newest chunk and an update rewrites one chunk.
 */
export interface DeploymentChunk {
  space: string;
  kind: 'deployments';
  no: number;
  count: number;
  /** Ids (projects, environments, channels, tenants) referenced by the chunk; columns index into it. */
  strings: string[];
  bases?: ChunkBases;
  /** N of `Deployments-N` (minus `bases.id`). */
  id: UintColumn;
  /** N of `Releases-N` (minus `bases.release`). */
  release: UintColumn;
  /** N of `ServerTasks-N` (minus `bases.task`); absent from chunks written before the column existed (read as 0, unknown). */
  task?: UintColumn;
  project: UintColumn;
  environment: UintColumn;
  channel: UintColumn;
  /** The column type's largest value (0xff, 0xffff) when untenanted. */
  tenant: UintColumn;
  state: Uint8Array;
  guidedFailure: Uint8Array;
  created: InstantColumn;
  /** Milliseconds after `created` (a few bytes less per row on disk), or absolute times when a value does not fit. */
  queued: TimeColumn;
  started: TimeColumn;
  completed: TimeColumn;
}

/**
 * A time column: a signed integer array holds milliseconds relative to the row's `created`, in the narrowest
 * width the chunk's offsets need (queue times are often a few milliseconds after creation), with the type's
 * smallest value for "not happened"; `Float64Array` holds absolute epoch milliseconds (NaN for "not
 * happened"), used for a chunk where some offset does not fit in 32 bits (a deployment scheduled weeks ahead).
 */
export type TimeColumn = Int8Array | Int16Array | Int32Array | Float64Array;
/** "Not happened" in a 32-bit time column (chunks written before narrower ones existed use only these). */
export const NO_TIME = -0x80000000;

export interface ReleaseChunk {
  space: string;
  kind: 'releases';
  no: number;
  count: number;
  strings: string[];
  bases?: ChunkBases;
  id: UintColumn;
  project: UintColumn;
  channel: UintColumn;
  version: string[];
  assembled: InstantColumn;
  blocked: Uint8Array;
}

export type Chunk = DeploymentChunk | ReleaseChunk;

export interface SpaceMeta {
  space: string;
  dims?: DimensionRecords;
  lastSyncedAt?: number;
}

/**
 * The sync's own records (its checkpoint, the sets it builds while paging), kept apart from the space's
 * dimensions so that the per-page checkpoint write stays a few bytes.
 */
export interface SyncRecord {
  space: string;
  name: string;
  value: unknown;
}

/**
 * A chunk's write stamp: a new random number each time the chunk is written (in the same transaction).
 * Chunks written before stamps existed have none, read as 0.
 */
export interface StampRecord {
  space: string;
  kind: ChunkKind;
  no: number;
  stamp: number;
}

/**
 * One project's rows of one chunk (lib/store/slices.ts), cut when that chunk had stamp `stamp`; `rows` is
 * absent when the chunk holds none of the project's rows.
 */
export interface SliceRecord {
  space: string;
  project: string;
  kind: ChunkKind;
  no: number;
  stamp: number;
  rows?: Chunk;
}

export interface CacheSchema extends DBSchema {
  chunks: { key: [string, ChunkKind, number]; value: Chunk };
  spaces: { key: string; value: SpaceMeta };
  sync: { key: [string, string]; value: SyncRecord };
  stamps: { key: [string, ChunkKind, number]; value: StampRecord };
  slices: { key: [string, string, ChunkKind, number]; value: SliceRecord };
}

/** Every chunk (or stamp) of one kind of one space, by chunk number. */
export const spaceRange = (space: string, kind: ChunkKind): IDBKeyRange => IDBKeyRange.bound([space, kind, -Infinity], [space, kind, Infinity]);

/** Every key of one space in the stores keyed by arrays that start with the space (all but `spaces`). */
export const keysOfSpace = (space: string): IDBKeyRange => IDBKeyRange.bound([space], [space, []]);

export function upgrade(db: IDBPDatabase<CacheSchema>, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('chunks', { keyPath: ['space', 'kind', 'no'] });
    db.createObjectStore('spaces', { keyPath: 'space' });
  }
  if (oldVersion < 2) {
    db.createObjectStore('sync', { keyPath: ['space', 'name'] });
  }
  if (oldVersion < 3) {
    db.createObjectStore('stamps', { keyPath: ['space', 'kind', 'no'] });
    db.createObjectStore('slices', { keyPath: ['space', 'project', 'kind', 'no'] });
  }
}

/**
 * The database name for one server (its base URL, lib/host/server-url.ts) and user: a second user on the same
 * browser gets another database, and so does a second server under another path of the same host. A
 * server at the root of its host has its origin as base URL, so caches made before base URLs keep their name.
 */
export function databaseName(server: string, userId: string): string {
  return `${DB_PREFIX}:${server}:${userId}`;
}

export function parseDatabaseName(name: string): { server: string; userId: string } | undefined {
  const match = /^dora-lens:(.+):([^:]+)$/.exec(name);
  return match ? { server: match[1], userId: match[2] } : undefined;
}
