/**
 * Turns a space's stored chunks into the columnar {@link History} the metrics run on: columns are
 * concatenated and chunk-local string references become indices into the dimension arrays.
 */
import type { DeploymentFacts, Dimensions, History, ReleaseFacts } from '@/lib/metrics/facts';
import { deploymentColumns, releaseColumns } from '@/lib/metrics/facts-columns';
import { assembledTimes, createdTimes, decodeTimes, deploymentChunkRows, noTenant, releaseChunkRows, rowsOfProject } from './chunks';
import type { DimensionRecords } from './records';
import type { DeploymentChunk, ReleaseChunk } from './schema';

type ListKind = Exclude<keyof Dimensions, 'space'>;

/** Builds index-based dimensions; ids seen in the data but missing from the dimensions get a placeholder. */
class DimensionIndex {
  readonly dims: Dimensions;
  private readonly maps = {
    projects: new Map<string, number>(),
    projectGroups: new Map<string, number>(),
    environments: new Map<string, number>(),
    channels: new Map<string, number>(),
    tenants: new Map<string, number>(),
    lifecycles: new Map<string, number>(),
  };

  constructor(records: DimensionRecords | undefined) {
    const r: DimensionRecords = records ?? { projects: [], projectGroups: [], environments: [], channels: [], tenants: [], lifecycles: [] };
    this.dims = { space: r.space, projects: [], projectGroups: [], environments: [], channels: [], tenants: [], lifecycles: [] };
    r.projectGroups.forEach((g) => this.add('projectGroups', g.id, { id: g.id, name: g.name }));
    r.environments
      .slice()
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .forEach((e) => this.add('environments', e.id, { id: e.id, name: e.name, sortOrder: e.sortOrder }));
    r.lifecycles.forEach((l) =>
      this.add('lifecycles', l.id, {
        id: l.id,
        name: l.name,
        // Environments the user may not see are not in the list Octopus returned: leave them out of the
        // phases too, rather than inventing them (their names would leak and they hold no deployments).
        phases: l.phases.map((p) => ({
          name: p.name,
          environments: p.environmentIds.filter((id) => this.maps.environments.has(id)).map((id) => this.environment(id)),
        })),
      }),
    );
    r.projects.forEach((p) =>
      this.add('projects', p.id, {
        id: p.id,
        name: p.name,
        slug: p.slug,
        group: this.group(p.groupId),
        lifecycle: this.lifecycle(p.lifecycleId),
        tenantedMode: p.tenantedMode,
      }),
    );
    r.channels.forEach((c) =>
      this.add('channels', c.id, {
        id: c.id,
        name: c.name,
        project: this.project(c.projectId),
        lifecycle: c.lifecycleId ? this.lifecycle(c.lifecycleId) : -1,
        isDefault: c.isDefault,
      }),
    );
    r.tenants.forEach((t) => this.add('tenants', t.id, { id: t.id, name: t.name, tags: [...t.tags] }));
  }

  private add<K extends ListKind>(kind: K, id: string, value: Dimensions[K][number]): number {
    const existing = this.maps[kind].get(id);
    if (existing !== undefined) return existing;
    const index = (this.dims[kind] as Dimensions[K][number][]).push(value) - 1;
    this.maps[kind].set(id, index);
    return index;
  }

  group = (id: string) => this.maps.projectGroups.get(id) ?? this.add('projectGroups', id, { id, name: id });
  environment = (id: string) => this.maps.environments.get(id) ?? this.add('environments', id, { id, name: id, sortOrder: Number.MAX_SAFE_INTEGER });
  lifecycle = (id: string) => this.maps.lifecycles.get(id) ?? this.add('lifecycles', id, { id, name: id, phases: [] });
  project = (id: string) =>
    this.maps.projects.get(id) ?? this.add('projects', id, { id, name: id, slug: id, group: this.group(''), lifecycle: this.lifecycle(''), tenantedMode: 'TenantedOrUntenanted' });
  channel = (id: string, project: number) =>
    this.maps.channels.get(id) ?? this.add('channels', id, { id, name: id, project, lifecycle: -1, isDefault: false });
  tenant = (id: string) => this.maps.tenants.get(id) ?? this.add('tenants', id, { id, name: id, tags: [] });
}

/** The dimensions of a space's records, as the History built from them holds them (ids the data names but the records do not come after). */
export const dimensionsOf = (records: DimensionRecords | undefined): Dimensions => new DimensionIndex(records).dims;

/**
 * The History of a space's chunks; with `project` (its id), only that project's deployments and releases,
 * with the whole space's dimensions: what a project's panel needs (every figure of a project is its own,
 * lib/metrics/history-part.ts), decoded from a twentieth of the rows of a space of many projects.
 */
export function buildHistory(dimRecords: DimensionRecords | undefined, deploymentChunks: DeploymentChunk[], releaseChunks: ReleaseChunk[], project?: string): History {
  const index = new DimensionIndex(dimRecords);
  const releases = concatReleases(project === undefined ? releaseChunks : ofProject(releaseChunks, project, releaseChunkRows), index);
  const deployments = concatDeployments(project === undefined ? deploymentChunks : ofProject(deploymentChunks, project, deploymentChunkRows), index, releaseLookup(releases.id));
  return { deployments, releases, dims: index.dims };
}

/** The chunks cut down to the rows of `project`, leaving out those that hold none. */
function ofProject<C extends DeploymentChunk | ReleaseChunk>(chunks: C[], project: string, rowsOf: (chunk: C, rows: Uint32Array) => C): C[] {
  const out: C[] = [];
  for (const chunk of chunks) {
    const rows = rowsOfProject(chunk, project);
    if (rows.length > 0) out.push(rowsOf(chunk, rows));
  }
  return out;
}

function concatReleases(chunks: ReleaseChunk[], index: DimensionIndex): ReleaseFacts {
  const n = chunks.reduce((sum, c) => sum + c.count, 0);
  const out = releaseColumns(n);
  const wide = wideColumns(chunks, 2);
  const [projectAt, channelAt] = wide.columns;
  let at = 0;
  for (const c of chunks) {
    setNumbers(out.id, c.id, c.bases?.id, at);
    out.assembled.set(assembledTimes(c), at);
    out.blocked.set(c.blocked, at);
    projectAt.set(c.project);
    channelAt.set(c.channel);
    const projectOf = wide.memo(c.strings.length, 0);
    const channelOf = wide.memo(c.strings.length, 1);
    const { strings, version } = c;
    for (let i = 0; i < c.count; i++) {
      const local = projectAt[i];
      let project = projectOf[local];
      if (project === UNRESOLVED) project = projectOf[local] = index.project(strings[local]);
      out.project[at + i] = project;
      // A channel belongs to a project: resolved with the first row's project, once per chunk-local id.
      const channel = channelAt[i];
      if (channelOf[channel] === UNRESOLVED) channelOf[channel] = index.channel(strings[channel], project);
      out.channel[at + i] = channelOf[channel];
      out.version[at + i] = version[i];
    }
    at += c.count;
  }
  return out;
}

/** A chunk-local string not resolved to a dimension index yet. */
const UNRESOLVED = -2;

/**
 * Scratch columns as long as the longest chunk, into which a chunk's narrow columns (8, 16 or 32 bits,
 * chunk by chunk) are widened with `set` — a native copy —, so that the decoding loops read one array type
 * and stay monomorphic; and memo tables of chunk-local string → dimension index.
 */
function wideColumns(chunks: readonly { count: number; strings: readonly string[] }[], count: number) {
  let rows = 0;
  let strings = 0;
  for (const c of chunks) {
    rows = Math.max(rows, c.count);
    strings = Math.max(strings, c.strings.length);
  }
  const columns = Array.from({ length: count }, () => new Int32Array(rows));
  const memos: Int32Array[] = [];
  return {
    columns,
    /** Memo table `k`, reset for a chunk of `size` strings. */
    memo(size: number, k: number): Int32Array {
      memos[k] ??= new Int32Array(strings);
      return memos[k].fill(UNRESOLVED, 0, size);
    },
  };
}

/**
 * Release number → its row, as a dense table over the numbers' range (a hash map per deployment was a
 * measurable part of opening a panel on a million deployments); a map only if the numbers are very sparse.
 */
function releaseLookup(ids: Uint32Array): (id: number) => number {
  let min = Number.POSITIVE_INFINITY;
  let max = -1;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < min) min = ids[i];
    if (ids[i] > max) max = ids[i];
  }
  if (ids.length === 0) return () => -1;
  const span = max - min + 1;
  if (span > 8 * ids.length + 1024) {
    const map = new Map<number, number>();
    for (let i = 0; i < ids.length; i++) map.set(ids[i], i);
    return (id) => map.get(id) ?? -1;
  }
  const table = new Int32Array(span).fill(-1);
  for (let i = 0; i < ids.length; i++) table[ids[i] - min] = i;
  return (id) => (id >= min && id <= max ? table[id - min] : -1);
}

function concatDeployments(chunks: DeploymentChunk[], index: DimensionIndex, releaseOf: (id: number) => number): DeploymentFacts {
  const n = chunks.reduce((sum, c) => sum + c.count, 0);
  const out = deploymentColumns(n);
  const wide = wideColumns(chunks, 6);
  const [projectAt, environmentAt, channelAt, tenantAt, releaseAt, offsets] = wide.columns;
  let at = 0;
  for (const c of chunks) {
    setNumbers(out.id, c.id, c.bases?.id, at);
    out.state.set(c.state, at);
    out.guidedFailure.set(c.guidedFailure, at);
    const created = createdTimes(c);
    out.created.set(created, at);
    decodeTimes(c.queued, created, out.queued, at, offsets);
    decodeTimes(c.started, created, out.started, at, offsets);
    decodeTimes(c.completed, created, out.completed, at, offsets);
    projectAt.set(c.project);
    environmentAt.set(c.environment);
    channelAt.set(c.channel);
    tenantAt.set(c.tenant);
    releaseAt.set(c.release);
    // Chunk-local string index → dimension index, resolved once per distinct string, not per row.
    const projectOf = wide.memo(c.strings.length, 0);
    const environmentOf = wide.memo(c.strings.length, 1);
    const channelOf = wide.memo(c.strings.length, 2);
    const tenantOf = wide.memo(c.strings.length, 3);
    const strings = c.strings;
    // The "no tenant" value as the widened column holds it (0xffffffff of a 32-bit column reads -1).
    const none = noTenant(c.tenant) | 0;
    const releaseBase = c.bases?.release ?? 0;
    for (let i = 0; i < c.count; i++) {
      const p = projectAt[i];
      let project = projectOf[p];
      if (project === UNRESOLVED) project = projectOf[p] = index.project(strings[p]);
      out.project[at + i] = project;
      const e = environmentAt[i];
      if (environmentOf[e] === UNRESOLVED) environmentOf[e] = index.environment(strings[e]);
      out.environment[at + i] = environmentOf[e];
      // A channel belongs to a project: resolved with the first row's project, once per chunk-local id.
      const ch = channelAt[i];
      if (channelOf[ch] === UNRESOLVED) channelOf[ch] = index.channel(strings[ch], project);
      out.channel[at + i] = channelOf[ch];
      const t = tenantAt[i];
      if (t === none) out.tenant[at + i] = -1;
      else {
        if (tenantOf[t] === UNRESOLVED) tenantOf[t] = index.tenant(strings[t]);
        out.tenant[at + i] = tenantOf[t];
      }
      out.release[at + i] = releaseOf(releaseBase + (releaseAt[i] >>> 0));
    }
    at += c.count;
  }
  return out;
}

/** Copies a column of numbers (offsets from `base` in chunks of format 2) into `out` from `at`. */
function setNumbers(out: Uint32Array, column: ArrayLike<number>, base: number | undefined, at: number): void {
  if (!base) {
    out.set(column, at);
    return;
  }
  for (let i = 0; i < column.length; i++) out[at + i] = base + column[i];
}
