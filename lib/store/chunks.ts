/**
 * Packing records into columnar chunks and merging updates into them. Pure: no IndexedDB here, so the
 * packing is tested directly and the database code only moves whole chunks.
 */
import type { DeploymentRecord, ReleaseRecord } from './records';
import { type DeploymentChunk, NO_TIME, type ReleaseChunk, type TimeColumn } from './schema';

/** Ids per chunk bucket. ~16k ids keep a chunk near the ~10k rows measured as the sweet spot. */
export const CHUNK_SPAN = 16_384;
const NO_TENANT = 0xffff;

export const chunkNo = (id: number): number => Math.floor(id / CHUNK_SPAN);

/** Groups records by the chunk they belong to. */
export function byChunk<T extends { id: number }>(records: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const record of records) {
    const no = chunkNo(record.id);
    const group = groups.get(no);
    if (group) group.push(record);
    else groups.set(no, [record]);
  }
  return groups;
}

class StringTable {
  readonly strings: string[];
  private readonly index = new Map<string, number>();
  constructor(initial: readonly string[] = []) {
    this.strings = [...initial];
    this.strings.forEach((s, i) => this.index.set(s, i));
  }
  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.strings.length;
      if (i >= NO_TENANT) throw new Error('Too many distinct ids in one cache chunk');
      this.strings.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

export function deploymentChunkToRecords(chunk: DeploymentChunk): DeploymentRecord[] {
  const rows: DeploymentRecord[] = new Array(chunk.count);
  for (let i = 0; i < chunk.count; i++) rows[i] = deploymentRecordAt(chunk, i);
  return rows;
}

/** Row `i` of a chunk as a record. */
export function deploymentRecordAt(chunk: DeploymentChunk, i: number): DeploymentRecord {
  const s = chunk.strings;
  return {
    id: chunk.id[i],
    release: chunk.release[i],
    task: chunk.task?.[i] ?? 0,
    project: s[chunk.project[i]],
    environment: s[chunk.environment[i]],
    channel: s[chunk.channel[i]],
    tenant: chunk.tenant[i] === NO_TENANT ? null : s[chunk.tenant[i]],
    state: chunk.state[i] as DeploymentRecord['state'],
    guidedFailure: chunk.guidedFailure[i] === 1,
    created: chunk.created[i],
    queued: timeAt(chunk.queued, chunk.created, i),
    started: timeAt(chunk.started, chunk.created, i),
    completed: timeAt(chunk.completed, chunk.created, i),
  };
}

/**
 * Rows that finished in `[from, to)`, and unfinished rows created in it: what a re-check of that slice
 * asks the server about when the server cannot filter tasks by completion date.
 */
export function finishedOrStuckBetween(chunk: DeploymentChunk, from: number, to: number): DeploymentRecord[] {
  const found: DeploymentRecord[] = [];
  for (let i = 0; i < chunk.count; i++) {
    const completed = timeAt(chunk.completed, chunk.created, i);
    const at = Number.isNaN(completed) ? chunk.created[i] : completed;
    if (at >= from && at < to) found.push(deploymentRecordAt(chunk, i));
  }
  return found;
}

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/** The absolute time of row `i` of a time column. */
export function timeAt(column: TimeColumn, created: Float64Array, i: number): number {
  if (column instanceof Float64Array) return column[i];
  return column[i] === NO_TIME ? Number.NaN : created[i] + column[i];
}

/** Writes a whole time column as absolute times into `out` from `at`. */
export function decodeTimes(column: TimeColumn, created: Float64Array, out: Float64Array, at: number): void {
  if (column instanceof Float64Array) {
    out.set(column, at);
    return;
  }
  for (let i = 0; i < column.length; i++) out[at + i] = column[i] === NO_TIME ? Number.NaN : created[i] + column[i];
}

/** Offsets from `created` when every value fits in 32 bits (they nearly always do), else absolute times. */
function encodeTimes(values: Float64Array, created: Float64Array): TimeColumn {
  const offsets = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) {
      offsets[i] = NO_TIME;
      continue;
    }
    const delta = values[i] - created[i];
    if (!Number.isInteger(delta) || delta <= INT32_MIN || delta > INT32_MAX) return values;
    offsets[i] = delta;
  }
  return offsets;
}

/** Rows of `existing` with `updates` put over them (same id replaces), sorted by id. */
function mergeById<T extends { id: number }>(existing: readonly T[], updates: readonly T[]): T[] {
  const merged = new Map<number, T>();
  for (const row of existing) merged.set(row.id, row);
  for (const row of updates) merged.set(row.id, row);
  return [...merged.values()].sort((a, b) => a.id - b.id);
}

export function mergeDeploymentChunk(
  space: string,
  no: number,
  existing: DeploymentChunk | undefined,
  updates: readonly DeploymentRecord[],
): DeploymentChunk {
  const rows = mergeById(existing ? deploymentChunkToRecords(existing) : [], updates);
  const n = rows.length;
  const strings = new StringTable();
  const task = new Uint32Array(n);
  const chunk: DeploymentChunk = {
    space,
    kind: 'deployments',
    no,
    count: n,
    strings: strings.strings,
    id: new Uint32Array(n),
    release: new Uint32Array(n),
    task,
    project: new Uint16Array(n),
    environment: new Uint16Array(n),
    channel: new Uint16Array(n),
    tenant: new Uint16Array(n),
    state: new Uint8Array(n),
    guidedFailure: new Uint8Array(n),
    created: new Float64Array(n),
    queued: new Int32Array(0),
    started: new Int32Array(0),
    completed: new Int32Array(0),
  };
  const queued = new Float64Array(n);
  const started = new Float64Array(n);
  const completed = new Float64Array(n);
  rows.forEach((r, i) => {
    chunk.id[i] = r.id;
    chunk.release[i] = r.release;
    task[i] = r.task;
    chunk.project[i] = strings.of(r.project);
    chunk.environment[i] = strings.of(r.environment);
    chunk.channel[i] = strings.of(r.channel);
    chunk.tenant[i] = r.tenant === null ? NO_TENANT : strings.of(r.tenant);
    chunk.state[i] = r.state;
    chunk.guidedFailure[i] = r.guidedFailure ? 1 : 0;
    chunk.created[i] = r.created;
    queued[i] = r.queued;
    started[i] = r.started;
    completed[i] = r.completed;
  });
  chunk.queued = encodeTimes(queued, chunk.created);
  chunk.started = encodeTimes(started, chunk.created);
  chunk.completed = encodeTimes(completed, chunk.created);
  return chunk;
}

export function releaseChunkToRecords(chunk: ReleaseChunk): ReleaseRecord[] {
  const rows: ReleaseRecord[] = new Array(chunk.count);
  for (let i = 0; i < chunk.count; i++) {
    rows[i] = {
      id: chunk.id[i],
      project: chunk.strings[chunk.project[i]],
      channel: chunk.strings[chunk.channel[i]],
      version: chunk.version[i],
      assembled: chunk.assembled[i],
      blocked: chunk.blocked[i] === 1,
    };
  }
  return rows;
}

export function mergeReleaseChunk(space: string, no: number, existing: ReleaseChunk | undefined, updates: readonly ReleaseRecord[]): ReleaseChunk {
  const rows = mergeById(existing ? releaseChunkToRecords(existing) : [], updates);
  const n = rows.length;
  const strings = new StringTable();
  const chunk: ReleaseChunk = {
    space,
    kind: 'releases',
    no,
    count: n,
    strings: strings.strings,
    id: new Uint32Array(n),
    project: new Uint16Array(n),
    channel: new Uint16Array(n),
    version: new Array(n),
    assembled: new Float64Array(n),
    blocked: new Uint8Array(n),
  };
  rows.forEach((r, i) => {
    chunk.id[i] = r.id;
    chunk.project[i] = strings.of(r.project);
    chunk.channel[i] = strings.of(r.channel);
    chunk.version[i] = r.version;
    chunk.assembled[i] = r.assembled;
    chunk.blocked[i] = r.blocked ? 1 : 0;
  });
  return chunk;
}

/** Approximate bytes a chunk occupies (its columns and strings), for the per-server cache size. */
export function chunkBytes(chunk: DeploymentChunk | ReleaseChunk): number {
  let bytes = 0;
  for (const value of Object.values(chunk)) {
    if (ArrayBuffer.isView(value)) bytes += value.byteLength;
  }
  for (const s of chunk.strings) bytes += s.length * 2;
  if (chunk.kind === 'releases') for (const v of chunk.version) bytes += v.length * 2;
  return bytes;
}
