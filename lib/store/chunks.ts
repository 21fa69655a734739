/**
 * Packing records into columnar chunks and merging updates into them. Pure: no IndexedDB here, so the
 * packing is tested directly and the database code only moves whole chunks.
 */
import type { DeploymentRecord, ReleaseRecord } from './records';
import type { DeploymentChunk, ReleaseChunk } from './schema';

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
  const s = chunk.strings;
  const rows: DeploymentRecord[] = new Array(chunk.count);
  for (let i = 0; i < chunk.count; i++) {
    rows[i] = {
      id: chunk.id[i],
      release: chunk.release[i],
      project: s[chunk.project[i]],
      environment: s[chunk.environment[i]],
      channel: s[chunk.channel[i]],
      tenant: chunk.tenant[i] === NO_TENANT ? null : s[chunk.tenant[i]],
      state: chunk.state[i] as DeploymentRecord['state'],
      guidedFailure: chunk.guidedFailure[i] === 1,
      created: chunk.created[i],
      queued: chunk.queued[i],
      started: chunk.started[i],
      completed: chunk.completed[i],
    };
  }
  return rows;
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
  const chunk: DeploymentChunk = {
    space,
    kind: 'deployments',
    no,
    count: n,
    strings: strings.strings,
    id: new Uint32Array(n),
    release: new Uint32Array(n),
    project: new Uint16Array(n),
    environment: new Uint16Array(n),
    channel: new Uint16Array(n),
    tenant: new Uint16Array(n),
    state: new Uint8Array(n),
    guidedFailure: new Uint8Array(n),
    created: new Float64Array(n),
    queued: new Float64Array(n),
    started: new Float64Array(n),
    completed: new Float64Array(n),
  };
  rows.forEach((r, i) => {
    chunk.id[i] = r.id;
    chunk.release[i] = r.release;
    chunk.project[i] = strings.of(r.project);
    chunk.environment[i] = strings.of(r.environment);
    chunk.channel[i] = strings.of(r.channel);
    chunk.tenant[i] = r.tenant === null ? NO_TENANT : strings.of(r.tenant);
    chunk.state[i] = r.state;
    chunk.guidedFailure[i] = r.guidedFailure ? 1 : 0;
    chunk.created[i] = r.created;
    chunk.queued[i] = r.queued;
    chunk.started[i] = r.started;
    chunk.completed[i] = r.completed;
  });
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
