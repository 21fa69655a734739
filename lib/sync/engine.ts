/**
 * Syncs one space's deployment history from Octopus into the cache.
 *
 * Every sync starts from what the server offers (./server-record.ts: the API root, read by the first sync and
 * remembered): an unsupported Octopus (no Spaces: 2018.x and older) stops there with `UnsupportedServer`,
 * before any request it would fail; the capabilities choose the re-check strategy (./recheck.ts).
 *
 * First sync, in steps (each page stored with its checkpoint, see ./checkpoint.ts):
 *   dims         projects, groups, environments, channels, tenants, lifecycles (a few requests)
 *   guided       every interruption, to know which tasks had a guided failure
 *   defects      DefectReported/DefectResolved events, to know which releases are blocked
 *   releases     every release, deployed or not (lead time needs the never-deployed ones)
 *   deployments  every deployment, joined with its task fetched by ids in batches
 * Requests grow with history ÷ page size: one per page, plus one per 300 tasks of a page.
 *
 * Later syncs read the event feed since the last one (new releases and deployments, finished tasks,
 * guided failures, defects) and re-check the tasks that finished three days ago, because Octopus lets a
 * finished task's state be edited after the fact. With nothing new that is at most two requests: the feed,
 * and the re-check or (when due, see ./server-record.ts) the API root — three with the caller's "who is
 * signed in", on every supported version.
 */
import { TaskState } from '@/lib/metrics/facts';
import type { OctopusClient } from '@/lib/octopus/client';
import { deploymentPages, getDeploymentsByIds } from '@/lib/octopus/deployments';
import { eventPages } from '@/lib/octopus/events';
import { interruptionPages } from '@/lib/octopus/interruptions';
import { listChannels, listEnvironments, listLifecycles, listProjectGroups, listProjects, listTenants } from '@/lib/octopus/projects';
import { getReleasesByIds, listDefects, projectReleasePages, releasePages } from '@/lib/octopus/releases';
import { getSpace } from '@/lib/octopus/root';
import { eventAutoId, isGuidedFailure, type OctopusEvent, type Task } from '@/lib/octopus/schemas';
import { requireSupported, type ServerInfo } from '@/lib/octopus/server-info';
import { getTasksByIds } from '@/lib/octopus/tasks';
import type { Cache } from '@/lib/store/cache';
import { type DeploymentRecord, idNumber, type ReleaseRecord } from '@/lib/store/records';
import { type Checkpoint, type InitialCheckpoint, isCheckpoint, type ReadyCheckpoint, type SyncSets } from './checkpoint';
import { ChunkBuffer } from './chunk-buffer';
import { deploymentRecord, dimensionRecords, releaseRecord } from './normalise';
import { RECHECK_WINDOW_MS, recheckCandidates, recheckTasks } from './recheck';
import { type KnownServer, readServer, rememberedServer, rootDue } from './server-record';

export { RECHECK_WINDOW_MS } from './recheck';

/** Items per page: large pages keep the request count low; Octopus serves 1000 comfortably. */
export const PAGE_SIZE = 1000;

/** Event categories that mean something in the history changed. */
export const CHANGE_CATEGORIES = [
  'ReleaseCreated',
  'DeploymentQueued',
  'DeploymentStarted',
  'DeploymentResumed',
  'DeploymentSucceeded',
  'DeploymentFailed',
  'DeploymentCanceled',
  'DeploymentTimedOut',
  'TaskCanceled',
  'TaskStateChanged',
  'GuidedFailureInterruptionRaised',
  'DefectReported',
  'DefectResolved',
  // A task state edited after the fact (`POST /api/tasks/{id}/state`) is recorded as a modification.
  'Modified',
];

export interface SyncProgress {
  phase: 'dims' | 'project' | 'guided' | 'defects' | 'releases' | 'deployments' | 'changes';
  done: number;
  /** Octopus's `TotalResults` for the step, when known. */
  total?: number;
  /** Items per second over the step so far. */
  rate?: number;
  /** Projects (ids) whose whole history is stored while the rest of the space's first sync goes on. */
  projectsReady?: string[];
}

export interface SyncOptions {
  client: OctopusClient;
  cache: Cache;
  space: string;
  signal?: AbortSignal;
  now?: () => number;
  onProgress?: (progress: SyncProgress) => void;
  pageSize?: number;
  /**
   * On a space not synced yet: the project the user is looking at (id or slug). Its whole history is read
   * first, so its panel can show numbers in seconds while the rest of the space follows.
   */
  firstProject?: string;
}

export interface SyncResult {
  kind: 'initial' | 'incremental';
  deployments: number;
  releases: number;
  /** Deployments whose task the user may not see: left out rather than stored with made-up state. */
  skippedWithoutTask: number;
  /** The server's version and what it offers, as this sync used them. */
  server?: ServerInfo;
}

/** Throws `UnsupportedServer` (lib/octopus/errors.ts) for an Octopus version DORA Lens cannot sync. */
export async function syncSpace(options: SyncOptions): Promise<SyncResult> {
  const now = options.now ?? Date.now;
  const server = await rememberedServer(options.client, options.cache, options.space, now(), options.signal);
  requireSupported(server.info, `${options.client.origin}/api`);
  const meta = await options.cache.readMeta(options.space);
  const checkpoint = isCheckpoint(meta?.checkpoint) ? meta.checkpoint : undefined;
  return checkpoint?.phase === 'ready' ? incrementalSync(options, checkpoint, server) : initialSync(options, checkpoint, server);
}

async function initialSync(options: SyncOptions, resumed: InitialCheckpoint | undefined, server: KnownServer): Promise<SyncResult> {
  const { client, cache, space, signal } = options;
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const result: SyncResult = { kind: 'initial', deployments: 0, releases: 0, skippedWithoutTask: 0 };
  let cp: InitialCheckpoint = resumed ?? {
    v: 1,
    phase: 'initial',
    step: 'dims',
    skip: 0,
    startedAt: now(),
    eventMark: await latestEventId(client, space, signal),
    maxRelease: 0,
  };
  const save = (next: InitialCheckpoint, page: Parameters<Cache['writePage']>[1] = {}) => {
    cp = next;
    return cache.writePage(space, { ...page, checkpoint: next });
  };
  const set = async <K extends keyof SyncSets>(name: K): Promise<SyncSets[K]> => ((await cache.readSyncState(space, name)) as SyncSets[K] | undefined) ?? [];

  if (cp.step === 'dims') {
    options.onProgress?.({ phase: 'dims', done: 0 });
    const dims = await fetchDimensions(client, space, signal);
    await save({ ...cp, step: 'guided', skip: 0 }, { dims, syncState: server.syncState });
  }

  const projectsReady = await syncFirstProject(options);
  // Every later progress report says which projects can be shown already.
  const report = options.onProgress;
  if (report && projectsReady.length) options = { ...options, onProgress: (progress) => report({ ...progress, projectsReady }) };

  if (cp.step === 'guided') {
    const guided = new Set(await set('guided'));
    const progress = progressReporter(options, 'guided', cp.skip);
    for await (const page of interruptionPages(client, space, { signal, skip: cp.skip, pageSize })) {
      for (const i of page.items) if (isGuidedFailure(i) && i.TaskId) guided.add(i.TaskId);
      await save({ ...cp, skip: page.skip + page.items.length }, { syncState: { guided: [...guided] } });
      progress(cp.skip, page.totalResults);
    }
    await save({ ...cp, step: 'defects', skip: 0 });
  }

  if (cp.step === 'defects') {
    // Events come newest first: the first report or resolution seen for a release decides whether it is
    // blocked; older ones are history. The `settled` set carries that across a resumed sync.
    const settled = new Set(await set('settled'));
    const blocked = new Set(await set('blocked'));
    const progress = progressReporter(options, 'defects', cp.skip);
    const query = { categories: ['DefectReported', 'DefectResolved'] };
    for await (const page of eventPages(client, space, query, { signal, skip: cp.skip, pageSize })) {
      settleDefects(page.items, settled, blocked);
      await save({ ...cp, skip: page.skip + page.items.length }, { syncState: { blocked: [...blocked], settled: [...settled] } });
      progress(cp.skip, page.totalResults);
    }
    await save({ ...cp, step: 'releases', skip: 0 }, { syncState: { settled: [] } });
  }

  if (cp.step === 'releases') {
    const blocked = new Set(await set('blocked'));
    let maxRelease = cp.maxRelease;
    const progress = progressReporter(options, 'releases', cp.skip);
    const held = new ChunkBuffer<ReleaseRecord>();
    let listed = cp.skip;
    for await (const page of releasePages(client, space, { signal, skip: cp.skip, pageSize })) {
      const releases = page.items.map((r) => releaseRecord(r, blocked.has(idNumber(r.Id))));
      for (const r of releases) maxRelease = Math.max(maxRelease, r.id);
      result.releases += releases.length;
      held.add(releases, page.skip);
      listed = page.skip + page.items.length;
      const complete = held.takeComplete();
      // Nothing complete yet: nothing to store, and the resume point has not moved.
      if (complete.length) await save({ ...cp, skip: held.resumeAt(listed), maxRelease }, { releases: complete });
      progress(listed, page.totalResults);
    }
    await save({ ...cp, step: 'deployments', skip: 0, maxRelease }, { releases: held.takeAll() });
  }

  if (cp.step === 'deployments') {
    const guided = new Set(await set('guided'));
    const progress = progressReporter(options, 'deployments', cp.skip);
    const held = new ChunkBuffer<DeploymentRecord>();
    let listed = cp.skip;
    for await (const page of deploymentPages(client, space, { signal, skip: cp.skip, pageSize })) {
      const tasks = await tasksById(client, space, page.items.map((d) => d.TaskId), signal);
      const deployments: DeploymentRecord[] = [];
      const positions: number[] = [];
      page.items.forEach((d, i) => {
        const task = tasks.get(d.TaskId);
        if (!task) return void result.skippedWithoutTask++;
        deployments.push(deploymentRecord(d, task, guided.has(d.TaskId)));
        positions.push(page.skip + i);
      });
      result.deployments += deployments.length;
      held.add(deployments, positions);
      listed = page.skip + page.items.length;
      const complete = held.takeComplete();
      if (complete.length) await save({ ...cp, skip: held.resumeAt(listed) }, { deployments: complete });
      progress(listed, page.totalResults);
    }
    await save({ ...cp, skip: listed }, { deployments: held.takeAll() });
  }

  const ready: ReadyCheckpoint = {
    v: 1,
    phase: 'ready',
    eventMark: cp.eventMark,
    syncedAt: cp.startedAt,
    // Tasks that finished before the first sync began were read fresh then; those that finish later are
    // re-checked once they are three days old.
    recheckedTo: cp.startedAt - RECHECK_WINDOW_MS,
    blockedReleases: await set('blocked'),
    maxRelease: cp.maxRelease,
  };
  // The sets were only needed while paging.
  await cache.writePage(space, { checkpoint: ready, lastSyncedAt: now(), syncState: { guided: [], blocked: [], settled: [], projectsReady: [] } });
  // Whatever changed while the first sync was paging is picked up right away.
  const catchUp = await incrementalSync(options, ready, server);
  return { ...result, deployments: result.deployments + catchUp.deployments, releases: result.releases + catchUp.releases, server: catchUp.server };
}

/**
 * The project first (issue: a user opening a project on a never-synced space should not wait for the
 * whole space): its guided failures, defects, releases and deployments with their tasks, by the API's
 * per-project filters, stored in one write and listed in the `projectsReady` sync record. The space-wide
 * steps then read it again with everything else (the same rows, merged by id). Not resumed part-way: it
 * is a few requests, and a stopped one starts over.
 */
async function syncFirstProject(options: SyncOptions): Promise<string[]> {
  const { client, cache, space, signal, firstProject } = options;
  const ready = ((await cache.readSyncState(space, 'projectsReady')) as string[] | undefined) ?? [];
  const project = firstProject ? (await cache.readMeta(space))?.dims?.projects.find((p) => p.id === firstProject || p.slug === firstProject) : undefined;
  if (!project || ready.includes(project.id)) return ready;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const progress = progressReporter(options, 'project', 0);

  const guided = new Set<string>();
  for await (const page of interruptionPages(client, space, { signal, pageSize }, project.id)) {
    for (const i of page.items) if (isGuidedFailure(i) && i.TaskId) guided.add(i.TaskId);
  }
  const settled = new Set<number>();
  const blocked = new Set<number>();
  for await (const page of eventPages(client, space, { categories: ['DefectReported', 'DefectResolved'], projects: [project.id] }, { signal, pageSize })) {
    settleDefects(page.items, settled, blocked);
  }
  const releases: ReleaseRecord[] = [];
  for await (const page of projectReleasePages(client, space, project.id, { signal, pageSize })) {
    for (const r of page.items) releases.push(releaseRecord(r, blocked.has(idNumber(r.Id))));
  }
  const deployments: DeploymentRecord[] = [];
  for await (const page of deploymentPages(client, space, { signal, pageSize }, [project.id])) {
    const tasks = await tasksById(client, space, page.items.map((d) => d.TaskId), signal);
    for (const d of page.items) {
      const task = tasks.get(d.TaskId);
      if (task) deployments.push(deploymentRecord(d, task, guided.has(d.TaskId)));
    }
    progress(deployments.length, page.totalResults);
  }
  const projectsReady = [...ready, project.id];
  await cache.writePage(space, { releases, deployments, syncState: { projectsReady } });
  options.onProgress?.({ phase: 'project', done: deployments.length, total: deployments.length, projectsReady });
  return projectsReady;
}

/**
 * Defect events come newest first: the first report or resolution seen for a release decides whether it is
 * blocked (Octopus's "prevent progression"); older ones are history, skipped through `settled`.
 */
function settleDefects(events: readonly OctopusEvent[], settled: Set<number>, blocked: Set<number>): void {
  for (const event of events) {
    for (const id of event.RelatedDocumentIds.filter((d) => d.startsWith('Releases-'))) {
      const release = idNumber(id);
      if (settled.has(release)) continue;
      settled.add(release);
      if (event.Category === 'DefectReported') blocked.add(release);
    }
  }
}

async function incrementalSync(options: SyncOptions, cp: ReadyCheckpoint, remembered: KnownServer): Promise<SyncResult> {
  const { client, cache, space, signal } = options;
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const startedAt = now();
  const result: SyncResult = { kind: 'incremental', deployments: 0, releases: 0, skippedWithoutTask: 0 };
  options.onProgress?.({ phase: 'changes', done: 0 });

  // 1. What changed since the last sync, from the event feed.
  const touchedDeployments = new Set<string>();
  const touchedTasks = new Set<string>();
  const touchedReleases = new Set<string>();
  const defectReleases = new Set<string>();
  const guidedDeployments = new Set<string>();
  let eventMark = cp.eventMark;
  for await (const page of eventPages(client, space, { fromAutoId: cp.eventMark + 1, categories: CHANGE_CATEGORIES }, { signal, pageSize })) {
    for (const event of page.items) {
      eventMark = Math.max(eventMark, eventAutoId(event.Id) ?? eventMark);
      const related = event.RelatedDocumentIds;
      const deployment = related.find((d) => d.startsWith('Deployments-'));
      const release = related.find((d) => d.startsWith('Releases-'));
      const task = related.find((d) => d.startsWith('ServerTasks-'));
      if (deployment) touchedDeployments.add(deployment);
      else if (task) touchedTasks.add(task);
      if (release) touchedReleases.add(release);
      if (release && event.Category.startsWith('Defect')) defectReleases.add(release);
      if (deployment && event.Category === 'GuidedFailureInterruptionRaised') guidedDeployments.add(deployment);
    }
  }

  let maxRelease = cp.maxRelease;

  // 2. Tasks that finished three days ago: their state may have been edited since we stored them. Besides
  // the feed, a sync makes one more kind of request: the re-check, or the API root when it is due. A sync
  // that reads the root with a re-check pending leaves the re-check to the next sync (never two in a row),
  // whose slice starts where the last re-check ended, so no task is skipped.
  const slice = { from: cp.recheckedTo ?? cp.syncedAt - RECHECK_WINDOW_MS, to: startedAt - RECHECK_WINDOW_MS };
  const candidates = await recheckCandidates(cache, space, slice);
  let server = remembered;
  if (rootDue(server, startedAt, candidates.length > 0, cp.recheckDeferred === true)) {
    server = await readServer(client, startedAt, signal);
    requireSupported(server.info, `${client.origin}/api`);
  }
  const deferred = server.fresh && candidates.length > 0 && cp.recheckDeferred !== true;
  const recheck = deferred ? [] : await recheckTasks({ client, space, signal, pageSize }, slice, candidates, server.info.capabilities);
  const recheckedTo = deferred ? slice.from : Math.max(slice.from, slice.to);
  const tasks = new Map(recheck.map((t) => [t.Id, t]));
  for (const [id, task] of await tasksById(client, space, [...touchedTasks].filter((t) => !tasks.has(t)), signal)) tasks.set(id, task);
  const taskDeployments = [...tasks.values()].filter((t) => t.Arguments?.DeploymentId).map((t) => [t.Arguments!.DeploymentId!, t] as const);
  const stored = await cache.readDeployments(space, taskDeployments.map(([id]) => idNumber(id)));
  for (const [deploymentId, task] of taskDeployments) {
    const record = stored.get(idNumber(deploymentId));
    const changed = !record || record.state !== TaskState[task.State] || !sameTime(record.completed, task.CompletedTime);
    if (changed || touchedTasks.has(task.Id)) touchedDeployments.add(deploymentId);
  }

  // 3. Refetch what changed.
  const blocked = new Set(cp.blockedReleases);
  for (const id of defectReleases) {
    const defects = await listDefects(client, space, id, { signal });
    if (defects.some((d) => d.Status === 'Unresolved')) blocked.add(idNumber(id));
    else blocked.delete(idNumber(id));
  }
  const deployments = await getDeploymentsByIds(client, space, [...touchedDeployments], { signal });
  const known = await cache.readDeployments(space, deployments.map((d) => idNumber(d.Id)));
  // Releases to (re)write: new ones (ReleaseCreated events, or used by a changed deployment), and those
  // whose defects changed.
  for (const d of deployments) if (idNumber(d.ReleaseId) > cp.maxRelease) touchedReleases.add(d.ReleaseId);
  const refetch = [...touchedReleases].filter((id) => defectReleases.has(id) || idNumber(id) > cp.maxRelease);
  const releases = await getReleasesByIds(client, space, refetch, { signal });
  for (const r of releases) maxRelease = Math.max(maxRelease, idNumber(r.Id));
  for (const [id, task] of await tasksById(client, space, deployments.map((d) => d.TaskId).filter((id) => !tasks.has(id)), signal)) tasks.set(id, task);

  const deploymentRecords: DeploymentRecord[] = [];
  for (const d of deployments) {
    const task = tasks.get(d.TaskId);
    if (!task) {
      result.skippedWithoutTask++;
      continue;
    }
    // A guided failure stays a guided failure: the flag only comes from the event that raised it.
    const guided = guidedDeployments.has(d.Id) || known.get(idNumber(d.Id))?.guidedFailure === true;
    deploymentRecords.push(deploymentRecord(d, task, guided));
  }
  const releaseRecords = releases.map((r) => releaseRecord(r, blocked.has(idNumber(r.Id))));
  result.deployments = deploymentRecords.length;
  result.releases = releaseRecords.length;
  result.server = server.info;

  const next: ReadyCheckpoint = { v: 1, phase: 'ready', eventMark, syncedAt: startedAt, recheckedTo, recheckDeferred: deferred, blockedReleases: [...blocked], maxRelease };
  await cache.writePage(space, { deployments: deploymentRecords, releases: releaseRecords, checkpoint: next, lastSyncedAt: now(), syncState: server.syncState });
  return result;
}

const sameTime = (stored: number, octopus: number | null): boolean => (octopus === null ? Number.isNaN(stored) : stored === octopus);

async function latestEventId(client: OctopusClient, space: string, signal?: AbortSignal): Promise<number> {
  for await (const page of eventPages(client, space, {}, { signal, pageSize: 1 })) {
    return page.items.length ? (eventAutoId(page.items[0].Id) ?? 0) : 0;
  }
  return 0;
}

async function fetchDimensions(client: OctopusClient, space: string, signal?: AbortSignal) {
  const options = { signal, pageSize: PAGE_SIZE };
  const [spaceResource, projects, projectGroups, environments, channels, tenants, lifecycles] = await Promise.all([
    getSpace(client, space, { signal }),
    listProjects(client, space, options),
    listProjectGroups(client, space, options),
    listEnvironments(client, space, options),
    listChannels(client, space, options),
    listTenants(client, space, options),
    listLifecycles(client, space, options),
  ]);
  return dimensionRecords({ space: spaceResource, projects, projectGroups, environments, channels, tenants, lifecycles });
}

async function tasksById(client: OctopusClient, space: string, ids: string[], signal?: AbortSignal): Promise<Map<string, Task>> {
  const tasks = await getTasksByIds(client, space, ids, { signal });
  return new Map(tasks.map((t) => [t.Id, t]));
}

function progressReporter(options: SyncOptions, phase: SyncProgress['phase'], startDone: number) {
  const started = performance.now();
  return (done: number, total: number) => {
    const seconds = (performance.now() - started) / 1000;
    options.onProgress?.({ phase, done, total, rate: seconds > 0 ? (done - startDone) / seconds : undefined });
  };
}

export type { Checkpoint };
