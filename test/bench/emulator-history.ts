/**
 * The emulator's generated installation as the {@link History} the extension holds after a first sync,
 * for the benchmarks: 100k (`large`) and 1M (`huge`) deployments without Octopus JSON per deployment (the
 * emulator's `history()` is gigabytes at `huge`).
 *
 * It follows the extension's path from the records on: catalog resources are parsed with lib/octopus's
 * zod schemas and turned into dimension records by lib/sync/normalise (in the order the API lists them);
 * releases and deployments become the store's records straight from the emulator's columns — each
 * deployment joined with its task's state and times as the API shows them at the emulator's `now`, the
 * guided-failure flag from its task's GuidedFailure interruptions, `blocked` from an unresolved defect of
 * the release — then are packed by lib/store (`byChunk` → `mergeDeploymentChunk` / `mergeReleaseChunk`)
 * into the cache's chunks and loaded with `buildHistory`, as the panel loads a space.
 *
 * The sync writes pages of 1,000 into the chunks; here each chunk is packed in one merge. The chunks are
 * the same (rows sorted by id, same string tables), only the work of re-packing a chunk per page is
 * skipped.
 *
 * `referenceRecords` does the same from `history()` — Octopus JSON, parsed with the zod schemas, joined by
 * lib/sync/normalise as the sync joins them — so `npm run bench -- large --verify` can check the two agree.
 */
import {
  ChannelSchema,
  DeploymentSchema,
  EnvironmentSchema,
  InterruptionSchema,
  isGuidedFailure,
  LifecycleSchema,
  ProjectGroupSchema,
  ProjectSchema,
  ReleaseSchema,
  SpaceSchema,
  TaskSchema,
  TenantSchema,
} from '../../lib/octopus/schemas';
import type { History } from '../../lib/metrics/facts';
import { byChunk, chunkNo, mergeDeploymentChunk, mergeReleaseChunk } from '../../lib/store/chunks';
import { buildHistory } from '../../lib/store/load';
import type { DeploymentRecord, DimensionRecords, ReleaseRecord } from '../../lib/store/records';
import type { DeploymentChunk, ReleaseChunk } from '../../lib/store/schema';
import { deploymentRecord, dimensionRecords, releaseRecord, taskStateCode } from '../../lib/sync/normalise';
import { buildHistory as buildHistoryFile } from '../emulator/history-write';
import type { HistoryFile, HistorySpace } from '../emulator/history-file';
import { channelFamily } from '../emulator/routes/catalog';
import { stateName, type Store } from '../emulator/store';

/** Which spaces: one space id, or every space merged into one History (ids are unique installation-wide). */
export type SpaceSelection = string | 'all';

export interface ConvertedHistory {
  history: History;
  /** The space key the chunks were written under. */
  space: string;
  /** How long each step took, ms. */
  timings: { dims: number; pack: number; load: number };
  chunks: { deployments: number; releases: number };
}

// The emulator's list orders (test/emulator/routes/catalog.ts): the extension indexes dimensions in them.
const byName = (a: { Name: string }, b: { Name: string }) =>
  a.Name.localeCompare(b.Name, 'en', { sensitivity: 'base' }) || a.Name.localeCompare(b.Name);
const bySortOrder = (a: { SortOrder: number; Name: string }, b: { SortOrder: number; Name: string }) => a.SortOrder - b.SortOrder || byName(a, b);

function spaceIndexes(store: Store, selection: SpaceSelection): number[] {
  if (selection === 'all') return store.spaces.map((_, s) => s);
  const s = store.spaces.findIndex((space) => space.Id === selection);
  if (s < 0) throw new Error(`no space ${selection} (have ${store.spaces.map((x) => x.Id).join(', ')})`);
  return [s];
}

/** Catalog resources as the extension reads them: listed per space in the API's order, parsed, normalised. */
function catalogDimensions(
  catalog: {
    spaces: { Id: string; Name: string }[];
    projects: unknown[];
    projectGroups: unknown[];
    environments: unknown[];
    channels: unknown[];
    tenants: unknown[];
    lifecycles: unknown[];
  },
  selection: SpaceSelection,
): DimensionRecords {
  const parts = catalog.spaces.map((space) => {
    const inSpace = <T>(items: T[]) => items.filter((x) => (x as { SpaceId: string }).SpaceId === space.Id);
    return dimensionRecords({
      space: SpaceSchema.parse(space),
      projects: inSpace(catalog.projects as { Name: string }[]).sort(byName).map((p) => ProjectSchema.parse(p)),
      projectGroups: inSpace(catalog.projectGroups as { Name: string }[]).sort(byName).map((g) => ProjectGroupSchema.parse(g)),
      environments: inSpace(catalog.environments as { Name: string; SortOrder: number }[]).sort(bySortOrder).map((e) => EnvironmentSchema.parse(e)),
      channels: inSpace(catalog.channels as Parameters<typeof channelFamily.order>[0][]).sort(channelFamily.order).map((c) => ChannelSchema.parse(c)),
      tenants: inSpace(catalog.tenants as { Name: string }[]).sort(byName).map((t) => TenantSchema.parse(t)),
      lifecycles: inSpace(catalog.lifecycles as { Name: string }[]).sort(byName).map((l) => LifecycleSchema.parse(l)),
    });
  });
  if (selection !== 'all') return parts[0];
  return {
    space: { id: 'all', name: 'All spaces' },
    projects: parts.flatMap((p) => p.projects),
    projectGroups: parts.flatMap((p) => p.projectGroups),
    environments: parts.flatMap((p) => p.environments),
    channels: parts.flatMap((p) => p.channels),
    tenants: parts.flatMap((p) => p.tenants),
    lifecycles: parts.flatMap((p) => p.lifecycles),
  };
}

export function storeDimensions(store: Store, selection: SpaceSelection): DimensionRecords {
  const spaces = spaceIndexes(store, selection).map((s) => store.spaces[s]);
  return catalogDimensions(
    {
      spaces,
      projects: store.projects,
      projectGroups: store.projectGroups,
      environments: store.environments,
      channels: store.channels,
      tenants: store.tenants,
      lifecycles: store.lifecycles,
    },
    selection,
  );
}

/** Rows of a table for the selected spaces, in ascending row (= id) order. */
function rowsOf(lists: { length: number; data: Int32Array }[], spaces: number[], total: number): Int32Array {
  if (spaces.length === lists.length) {
    const all = new Int32Array(total);
    for (let i = 0; i < total; i++) all[i] = i;
    return all;
  }
  return lists[spaces[0]].data.subarray(0, lists[spaces[0]].length);
}

/** Release `r` as the sync records it: `blocked` while a defect of it is unresolved. */
export function storeReleaseRecord(store: Store, r: number): ReleaseRecord {
  const rel = store.releases;
  return {
    id: rel.id[r],
    project: store.projects[rel.project[r]].Id,
    channel: store.channels[rel.channel[r]].Id,
    version: rel.version[r],
    assembled: rel.assembled[r],
    blocked: store.unresolvedDefect(r) >= 0,
  };
}

/**
 * Deployment `d` joined with its task as the API shows both at the store's `now` (deploymentJson and
 * taskJson in test/emulator/resources.ts): the state the clock makes visible, times not reached yet are
 * NaN, `QueueTime` is the task's, guided failure when the task raised a GuidedFailure interruption.
 */
export function storeDeploymentRecord(store: Store, d: number): DeploymentRecord {
  const deps = store.deployments;
  const tasks = store.tasks;
  const t = deps.task[d];
  const now = store.now;
  const tenant = deps.tenant[d];
  const start = tasks.start[t];
  const completed = tasks.completed[t];
  return {
    id: deps.id[d],
    project: store.projects[deps.project[d]].Id,
    environment: store.environments[deps.environment[d]].Id,
    channel: store.channels[deps.channel[d]].Id,
    tenant: tenant >= 0 ? store.tenants[tenant].Id : null,
    release: store.releases.id[deps.release[d]],
    task: tasks.id[t],
    state: taskStateCode(stateName(store.taskState(t))),
    guidedFailure: store.hadGuidedFailure(t),
    created: deps.created[d],
    queued: tasks.queueTime[t],
    started: start <= now ? start : Number.NaN,
    completed: completed <= now ? completed : Number.NaN,
  };
}

/**
 * Packs records into chunks the way the cache's `writePage` does (`byChunk`, then a merge into whatever
 * the chunk holds), one run of same-chunk records at a time so that at most one chunk's records exist.
 */
function packChunks<R extends { id: number }, C>(
  rows: Int32Array,
  record: (row: number) => R,
  merge: (no: number, existing: C | undefined, records: R[]) => C,
): Map<number, C> {
  const chunks = new Map<number, C>();
  let run: R[] = [];
  const flush = () => {
    for (const [no, records] of byChunk(run)) chunks.set(no, merge(no, chunks.get(no), records));
    run = [];
  };
  let lastNo = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = record(rows[i]);
    const no = chunkNo(r.id);
    if (no !== lastNo && run.length > 0) flush();
    lastNo = no;
    run.push(r);
  }
  flush();
  return chunks;
}

const sortedValues = <C extends { no: number }>(chunks: Map<number, C>): C[] => [...chunks.values()].sort((a, b) => a.no - b.no);

/** Packs records (already made) into chunks and loads them: the cache's write and read paths. */
export function historyFromRecords(space: string, dims: DimensionRecords, deployments: DeploymentRecord[], releases: ReleaseRecord[]): History {
  const dChunks = [...byChunk(deployments)].map(([no, rows]) => mergeDeploymentChunk(space, no, undefined, rows));
  const rChunks = [...byChunk(releases)].map(([no, rows]) => mergeReleaseChunk(space, no, undefined, rows));
  return buildHistory(
    dims,
    dChunks.sort((a, b) => a.no - b.no),
    rChunks.sort((a, b) => a.no - b.no),
  );
}

/** The History of the selected space(s) of an emulator store, through the store's records and chunks. */
export function emulatorHistory(store: Store, selection: SpaceSelection = 'all'): ConvertedHistory {
  const spaces = spaceIndexes(store, selection);
  const space = selection;
  let t = performance.now();
  const dims = storeDimensions(store, selection);
  const dimsMs = performance.now() - t;

  t = performance.now();
  const releaseRows = rowsOf(store.releasesBySpace, spaces, store.releases.length);
  const releaseChunks = packChunks(releaseRows, (r) => storeReleaseRecord(store, r), (no, existing: ReleaseChunk | undefined, records) =>
    mergeReleaseChunk(space, no, existing, records));
  const deploymentRows = rowsOf(store.deploymentsBySpace, spaces, store.deployments.length);
  const deploymentChunks = packChunks(deploymentRows, (d) => storeDeploymentRecord(store, d), (no, existing: DeploymentChunk | undefined, records) =>
    mergeDeploymentChunk(space, no, existing, records));
  const packMs = performance.now() - t;

  t = performance.now();
  const history = buildHistory(dims, sortedValues(deploymentChunks), sortedValues(releaseChunks));
  const loadMs = performance.now() - t;
  return {
    history,
    space,
    timings: { dims: dimsMs, pack: packMs, load: loadMs },
    chunks: { deployments: deploymentChunks.size, releases: releaseChunks.size },
  };
}

// ── the reference: Octopus JSON joined by hand, as the sync joins it ─────────────────────────────────

export interface ReferenceRecords {
  dims: DimensionRecords;
  deployments: DeploymentRecord[];
  releases: ReleaseRecord[];
}

/**
 * The records the sync would write, from the emulator's `history()` (Octopus resources exactly as the API
 * serves them to the admin at `Now`): every resource parsed with lib/octopus's schemas, each deployment
 * joined with its task by `TaskId` (lib/sync/normalise's `deploymentRecord`), guided failure from the
 * space's GuidedFailure interruptions by `TaskId`, `blocked` from the release's defects with no
 * `ResolvedOn`. Fine at `large` (~100k deployments); not for `huge`.
 */
export function referenceRecords(file: HistoryFile, selection: SpaceSelection = 'all'): ReferenceRecords {
  const spaces: HistorySpace[] = selection === 'all' ? file.Spaces : file.Spaces.filter((s) => s.Space.Id === selection);
  if (spaces.length === 0) throw new Error(`no space ${selection} in the history`);
  const dims = catalogDimensions(
    {
      spaces: spaces.map((s) => s.Space),
      projects: spaces.flatMap((s) => s.Projects),
      projectGroups: spaces.flatMap((s) => s.ProjectGroups),
      environments: spaces.flatMap((s) => s.Environments),
      channels: spaces.flatMap((s) => s.Channels),
      tenants: spaces.flatMap((s) => s.Tenants),
      lifecycles: spaces.flatMap((s) => s.Lifecycles),
    },
    selection,
  );
  const deployments: DeploymentRecord[] = [];
  const releases: ReleaseRecord[] = [];
  for (const s of spaces) {
    const guided = new Set<string>();
    for (const raw of s.Interruptions) {
      const i = InterruptionSchema.parse(raw);
      if (isGuidedFailure(i) && i.TaskId) guided.add(i.TaskId);
    }
    const blocked = new Set<string>();
    for (const defect of s.Defects) if (defect.ResolvedOn === null) blocked.add(defect.ReleaseId);
    for (const raw of s.Releases) {
      const r = ReleaseSchema.parse(raw);
      releases.push(releaseRecord(r, blocked.has(r.Id)));
    }
    const tasks = new Map<string, ReturnType<typeof TaskSchema.parse>>();
    for (const raw of s.Tasks) {
      const task = TaskSchema.parse(raw);
      tasks.set(task.Id, task);
    }
    for (const raw of s.Deployments) {
      const d = DeploymentSchema.parse(raw);
      const task = tasks.get(d.TaskId);
      if (!task) throw new Error(`${d.Id}: no task ${d.TaskId} in the history`);
      deployments.push(deploymentRecord(d, task, guided.has(d.TaskId)));
    }
  }
  return { dims, deployments, releases };
}

/** The emulator's `history()` of a store, without starting a server. */
export const historyFile = (store: Store): HistoryFile => buildHistoryFile(store);

/** Every difference between two lists of records (by id), up to `limit` described. */
export function diffRecords<R extends { id: number }>(what: string, actual: readonly R[], expected: readonly R[], limit = 10): string[] {
  const problems: string[] = [];
  const byId = new Map<number, R>();
  for (const r of actual) byId.set(r.id, r);
  if (byId.size !== actual.length) problems.push(`${what}: ${actual.length - byId.size} duplicate ids in the conversion`);
  if (actual.length !== expected.length) problems.push(`${what}: ${actual.length} converted, ${expected.length} in history()`);
  let different = 0;
  for (const e of expected) {
    const a = byId.get(e.id);
    if (!a) {
      if (different++ < limit) problems.push(`${what} ${e.id}: missing from the conversion`);
      continue;
    }
    for (const key of Object.keys(e) as (keyof R)[]) {
      if (!Object.is(a[key], e[key])) {
        if (different++ < limit) problems.push(`${what} ${e.id}.${String(key)}: converted ${String(a[key])}, history() ${String(e[key])}`);
        break;
      }
    }
  }
  if (different > limit) problems.push(`${what}: ${different - limit} more differences`);
  return problems;
}

/** Every column of two Histories compared (NaN equals NaN), and the dimensions as JSON. */
export function diffHistories(actual: History, expected: History): string[] {
  const problems: string[] = [];
  for (const part of ['deployments', 'releases'] as const) {
    const a = actual[part] as unknown as Record<string, ArrayLike<unknown> | number>;
    const e = expected[part] as unknown as Record<string, ArrayLike<unknown> | number>;
    if (a.length !== e.length) {
      problems.push(`${part}: ${a.length} rows, expected ${e.length}`);
      continue;
    }
    for (const key of Object.keys(e)) {
      if (key === 'length') continue;
      const x = a[key] as ArrayLike<unknown>;
      const y = e[key] as ArrayLike<unknown>;
      for (let i = 0; i < y.length; i++) {
        if (!Object.is(x[i], y[i])) {
          problems.push(`${part}.${key}[${i}]: ${String(x[i])}, expected ${String(y[i])}`);
          break;
        }
      }
    }
  }
  if (JSON.stringify(actual.dims) !== JSON.stringify(expected.dims)) problems.push('dims differ');
  return problems;
}
