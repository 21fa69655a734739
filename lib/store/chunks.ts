/**
 * Packing records into columnar chunks and merging updates into them. Pure: no IndexedDB here, so the
 * packing is tested directly and the database code only moves whole chunks.
 */
import type { DeploymentRecord, ReleaseRecord } from './records';
import { type DeploymentChunk, type InstantColumn, NO_TIME, type ReleaseChunk, type TimeColumn, type UintColumn } from './schema';

/** Ids per chunk bucket. ~16k ids keep a chunk near the ~10k rows measured as the sweet spot. */
export const CHUNK_SPAN = 16_384;
/** Distinct ids a chunk's string table may hold (an index column is at most 16 bits, its top value means "none"). */
const MAX_STRINGS = 0xfffe;

/** The "no tenant" value of a tenant column: its type's largest (0xff, 0xffff; 0xffff in chunks of format 1). */
export const noTenant = (column: UintColumn): number => (column instanceof Uint8Array ? 0xff : column instanceof Uint16Array ? 0xffff : 0xffffffff);

/** The narrowest unsigned column holding `values` (each ≥ 0). */
export function narrowColumn(values: ArrayLike<number>, max: number): UintColumn {
  const column = max <= 0xff ? new Uint8Array(values.length) : max <= 0xffff ? new Uint16Array(values.length) : new Uint32Array(values.length);
  column.set(values as ArrayLike<number>);
  return column;
}

/** Values as offsets from their smallest, in the narrowest column: `[base, column]`. */
function offsets(values: Uint32Array | number[]): [number, UintColumn] {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  if (values.length === 0) return [0, new Uint8Array(0)];
  const shifted = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) shifted[i] = values[i] - min;
  return [min, narrowColumn(shifted, max - min)];
}

/**
 * An instant column as deltas from the previous row when every one is a whole number of milliseconds that
 * fits in 32 bits (±24 days: consecutive deployments or releases nearly always are), else as it is.
 */
function encodeInstants(values: Float64Array): { column: InstantColumn; base?: number } {
  if (values.length === 0) return { column: values };
  const deltas = new Int32Array(values.length);
  for (let i = 1; i < values.length; i++) {
    const delta = values[i] - values[i - 1];
    if (!Number.isInteger(delta) || delta < -0x80000000 || delta > 0x7fffffff) return { column: values };
    deltas[i] = delta;
  }
  if (!Number.isFinite(values[0])) return { column: values };
  return { column: deltas, base: values[0] };
}

const decodedInstants = new WeakMap<InstantColumn, Float64Array>();

/** The absolute times of an instant column (decoded once per stored chunk). */
export function instants(column: InstantColumn, base: number | undefined): Float64Array {
  if (column instanceof Float64Array) return column;
  let times = decodedInstants.get(column);
  if (!times) {
    times = new Float64Array(column.length);
    let at = base ?? 0;
    for (let i = 0; i < column.length; i++) {
      at += column[i];
      times[i] = at;
    }
    decodedInstants.set(column, times);
  }
  return times;
}

/** Row `i`'s number in a column that may hold offsets from `base` (format 2) or the numbers themselves. */
export const numberAt = (column: UintColumn, base: number | undefined, i: number): number => (base ?? 0) + column[i];

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
      if (i >= MAX_STRINGS) throw new Error('Too many distinct ids in one cache chunk');
      this.strings.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/** A deployment chunk's `created` times. */
export const createdTimes = (chunk: DeploymentChunk): Float64Array => instants(chunk.created, chunk.bases?.time);

export function deploymentChunkToRecords(chunk: DeploymentChunk): DeploymentRecord[] {
  const rows: DeploymentRecord[] = new Array(chunk.count);
  for (let i = 0; i < chunk.count; i++) rows[i] = deploymentRecordAt(chunk, i);
  return rows;
}

/** Row `i` of a chunk as a record. */
export function deploymentRecordAt(chunk: DeploymentChunk, i: number): DeploymentRecord {
  const s = chunk.strings;
  const bases = chunk.bases;
  const created = createdTimes(chunk);
  return {
    id: numberAt(chunk.id, bases?.id, i),
    release: numberAt(chunk.release, bases?.release, i),
    task: chunk.task ? numberAt(chunk.task, bases?.task, i) : 0,
    project: s[chunk.project[i]],
    environment: s[chunk.environment[i]],
    channel: s[chunk.channel[i]],
    tenant: chunk.tenant[i] === noTenant(chunk.tenant) ? null : s[chunk.tenant[i]],
    state: chunk.state[i] as DeploymentRecord['state'],
    guidedFailure: chunk.guidedFailure[i] === 1,
    created: created[i],
    queued: timeAt(chunk.queued, created, i),
    started: timeAt(chunk.started, created, i),
    completed: timeAt(chunk.completed, created, i),
  };
}

/**
 * Rows that finished in `[from, to)`, and unfinished rows created in it: what a re-check of that slice
 * asks the server about when the server cannot filter tasks by completion date.
 */
export function finishedOrStuckBetween(chunk: DeploymentChunk, from: number, to: number): DeploymentRecord[] {
  const found: DeploymentRecord[] = [];
  for (let i = 0; i < chunk.count; i++) {
    const created = createdTimes(chunk);
    const completed = timeAt(chunk.completed, created, i);
    const at = Number.isNaN(completed) ? created[i] : completed;
    if (at >= from && at < to) found.push(deploymentRecordAt(chunk, i));
  }
  return found;
}

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/** The "not happened" value of an offset time column: its type's smallest. */
const noTime = (column: Int8Array | Int16Array | Int32Array): number => (column instanceof Int8Array ? -0x80 : column instanceof Int16Array ? -0x8000 : NO_TIME);

/** The absolute time of row `i` of a time column. */
export function timeAt(column: TimeColumn, created: Float64Array, i: number): number {
  if (column instanceof Float64Array) return column[i];
  return column[i] === noTime(column) ? Number.NaN : created[i] + column[i];
}

/** Writes a whole time column as absolute times into `out` from `at`. */
export function decodeTimes(column: TimeColumn, created: Float64Array, out: Float64Array, at: number, scratch?: Int32Array): void {
  if (column instanceof Float64Array) {
    out.set(column, at);
    return;
  }
  const none = noTime(column);
  // Widened first with a native copy when a scratch column is given: the loop then reads one array type
  // whatever the chunk's width (8, 16 or 32 bits), and stays monomorphic.
  const offsets = scratch && scratch.length >= column.length ? scratch : column;
  if (offsets !== column) offsets.set(column);
  for (let i = 0; i < column.length; i++) out[at + i] = offsets[i] === none ? Number.NaN : created[i] + offsets[i];
}

/**
 * Offsets from `created` in the narrowest signed width that holds them all (they nearly always fit in 32
 * bits; queue times often in 8 or 16), else absolute times.
 */
function encodeTimes(values: Float64Array, created: Float64Array): TimeColumn {
  let low = 0;
  let high = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    const delta = values[i] - created[i];
    if (!Number.isInteger(delta) || delta <= INT32_MIN || delta > INT32_MAX) return values;
    low = Math.min(low, delta);
    high = Math.max(high, delta);
  }
  // The type's smallest value is kept for "not happened".
  const offsets = low > -0x80 && high <= 0x7f ? new Int8Array(values.length) : low > -0x8000 && high <= 0x7fff ? new Int16Array(values.length) : new Int32Array(values.length);
  const none = noTime(offsets);
  for (let i = 0; i < values.length; i++) offsets[i] = Number.isNaN(values[i]) ? none : values[i] - created[i];
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
  const project = new Uint32Array(n);
  const environment = new Uint32Array(n);
  const channel = new Uint32Array(n);
  const tenant = new Uint32Array(n);
  const state = new Uint8Array(n);
  const guidedFailure = new Uint8Array(n);
  const created = new Float64Array(n);
  const queued = new Float64Array(n);
  const started = new Float64Array(n);
  const completed = new Float64Array(n);
  rows.forEach((r, i) => {
    project[i] = strings.of(r.project);
    environment[i] = strings.of(r.environment);
    channel[i] = strings.of(r.channel);
    tenant[i] = r.tenant === null ? -1 : strings.of(r.tenant);
    state[i] = r.state;
    guidedFailure[i] = r.guidedFailure ? 1 : 0;
    created[i] = r.created;
    queued[i] = r.queued;
    started[i] = r.started;
    completed[i] = r.completed;
  });
  // Index columns as narrow as the chunk's string table allows; the top value is "no tenant".
  const top = strings.strings.length;
  const tenantColumn = narrowColumn([], top);
  const none = noTenant(tenantColumn);
  const [idBase, id] = offsets(rows.map((r) => r.id));
  const [releaseBase, release] = offsets(rows.map((r) => r.release));
  const [taskBase, task] = offsets(rows.map((r) => r.task));
  const time = encodeInstants(created);
  return {
    space,
    kind: 'deployments',
    no,
    count: n,
    strings: strings.strings,
    bases: { id: idBase, release: releaseBase, task: taskBase, time: time.base },
    id,
    release,
    task,
    project: narrowColumn(project, top),
    environment: narrowColumn(environment, top),
    channel: narrowColumn(channel, top),
    tenant: narrowColumn(tenant.map((t) => (t === 0xffffffff ? none : t)), none),
    state,
    guidedFailure,
    created: time.column,
    queued: encodeTimes(queued, created),
    started: encodeTimes(started, created),
    completed: encodeTimes(completed, created),
  };
}

/** A release chunk's `assembled` times. */
export const assembledTimes = (chunk: ReleaseChunk): Float64Array => instants(chunk.assembled, chunk.bases?.time);

export function releaseChunkToRecords(chunk: ReleaseChunk): ReleaseRecord[] {
  const rows: ReleaseRecord[] = new Array(chunk.count);
  const assembled = assembledTimes(chunk);
  for (let i = 0; i < chunk.count; i++) {
    rows[i] = {
      id: numberAt(chunk.id, chunk.bases?.id, i),
      project: chunk.strings[chunk.project[i]],
      channel: chunk.strings[chunk.channel[i]],
      version: chunk.version[i],
      assembled: assembled[i],
      blocked: chunk.blocked[i] === 1,
    };
  }
  return rows;
}

export function mergeReleaseChunk(space: string, no: number, existing: ReleaseChunk | undefined, updates: readonly ReleaseRecord[]): ReleaseChunk {
  const rows = mergeById(existing ? releaseChunkToRecords(existing) : [], updates);
  const n = rows.length;
  const strings = new StringTable();
  const project = new Uint32Array(n);
  const channel = new Uint32Array(n);
  const assembled = new Float64Array(n);
  const blocked = new Uint8Array(n);
  const version: string[] = new Array(n);
  rows.forEach((r, i) => {
    project[i] = strings.of(r.project);
    channel[i] = strings.of(r.channel);
    version[i] = r.version;
    assembled[i] = r.assembled;
    blocked[i] = r.blocked ? 1 : 0;
  });
  const top = strings.strings.length;
  const [idBase, id] = offsets(rows.map((r) => r.id));
  const time = encodeInstants(assembled);
  return {
    space,
    kind: 'releases',
    no,
    count: n,
    strings: strings.strings,
    bases: { id: idBase, time: time.base },
    id,
    project: narrowColumn(project, top),
    channel: narrowColumn(channel, top),
    version,
    assembled: time.column,
    blocked,
  };
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

/**
 * The rows of a chunk whose project is `project` (its id), ascending; none when the chunk's strings do not
 * name it (the chunk holds none of its rows).
 */
export function rowsOfProject(chunk: DeploymentChunk | ReleaseChunk, project: string): Uint32Array {
  return rowsNaming(chunk, chunk.project, new Set([project]));
}

/** The rows of a chunk whose `column` (one of its string references) names one of `ids`, ascending. */
export function rowsNaming(chunk: DeploymentChunk | ReleaseChunk, column: UintColumn, ids: ReadonlySet<string>): Uint32Array {
  const named = Uint8Array.from(chunk.strings, (s) => (ids.has(s) ? 1 : 0));
  let count = 0;
  for (let i = 0; i < chunk.count; i++) count += named[column[i]] ?? 0;
  const rows = new Uint32Array(count);
  for (let i = 0, k = 0; k < count; i++) if (named[column[i]] === 1) rows[k++] = i;
  return rows;
}

/** The typed array of `column`'s type holding its values at `rows`. */
function pick<T extends UintColumn | TimeColumn | Uint8Array>(column: T, rows: Uint32Array): T {
  const out = new (column.constructor as new (n: number) => T)(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]];
  return out;
}

/**
 * A deployment chunk of only the rows `rows`, for a read that needs one project's rows: references keep
 * the chunk's strings and bases, times keep their offsets from their row's `created`, and `created` itself
 * (deltas from the previous row on disk) is given as absolute times.
 */
export function deploymentChunkRows(chunk: DeploymentChunk, rows: Uint32Array): DeploymentChunk {
  return {
    ...chunk,
    count: rows.length,
    id: pick(chunk.id, rows),
    release: pick(chunk.release, rows),
    task: chunk.task ? pick(chunk.task, rows) : undefined,
    project: pick(chunk.project, rows),
    environment: pick(chunk.environment, rows),
    channel: pick(chunk.channel, rows),
    tenant: pick(chunk.tenant, rows),
    state: pick(chunk.state, rows),
    guidedFailure: pick(chunk.guidedFailure, rows),
    created: pick(createdTimes(chunk), rows),
    queued: pick(chunk.queued, rows),
    started: pick(chunk.started, rows),
    completed: pick(chunk.completed, rows),
  };
}

/** A release chunk of only the rows `rows` (as {@link deploymentChunkRows}). */
export function releaseChunkRows(chunk: ReleaseChunk, rows: Uint32Array): ReleaseChunk {
  return {
    ...chunk,
    count: rows.length,
    id: pick(chunk.id, rows),
    project: pick(chunk.project, rows),
    channel: pick(chunk.channel, rows),
    version: Array.from(rows, (i) => chunk.version[i]),
    assembled: pick(assembledTimes(chunk), rows),
    blocked: pick(chunk.blocked, rows),
  };
}
