/**
 * The panel's data: who is signed in (asked of the worker, which has the cookies — and which first decides
 * whether this page may show this server and space at all: nothing is read before it says yes), the cache
 * for that server and user (read directly: it is this extension origin's IndexedDB), and the sync status
 * the worker publishes. Starts a sync when the space was never synced or is stale, and reloads when one finishes.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { askWorker, WorkerError } from '@/lib/ui/ask-worker';
import type { SessionInfo, SyncError } from '@/lib/messages/protocol';
import type { Dimensions, History } from '@/lib/metrics/facts';
import { type PreparedHistory, prepare } from '@/lib/metrics/prepare';
import { historyPart, type PartSelection, projectHistory } from '@/lib/metrics/history-part';
import { findProject } from '@/lib/panel/project-view';
import { type Cache, openCache } from '@/lib/store/cache';
import { isCheckpoint } from '@/lib/sync/checkpoint';
import { type SyncStatus, statusKey } from '@/lib/sync/status';

export type SpaceData =
  | { state: 'loading'; message: string }
  | { state: 'error'; error: SyncError }
  /** First sync still running: nothing to show yet but progress. */
  | { state: 'syncing'; session: SessionInfo }
  /** The cache was cleared (in the options page) while this page was open: the numbers are gone until a sync. */
  | { state: 'cleared'; session: SessionInfo }
  /**
   * Numbers to show. `partial`: the space's first sync is still running, and only the requested project's
   * history is complete (lib/sync/engine.ts reads it first): enough for that project's panel, not for a
   * space-wide view. `history`: what was read — for a project's panel, that project's rows only.
   */
  | { state: 'ready'; session: SessionInfo; history: History; prepared: PreparedHistory; lastSyncedAt?: number; loadMs: number; partial?: boolean };

export interface SpaceHistory {
  data: SpaceData;
  status?: SyncStatus;
  /** Why the last "Sync now" could not start (e.g. the session expired), while older numbers stay shown. */
  syncError?: SyncError;
  /** The space's name, once the cache has it (a first sync stores it in its first step). */
  spaceName?: string;
  syncNow: () => void;
}

export interface SpaceHistoryOptions {
  blockedIsFailure: boolean;
  staleAfterMs: number;
  /** The single-use pass of a tab the worker opened (lib/trust/opened-pages.ts). */
  ticket?: string;
  /** Bumped to ask again (e.g. after the user confirmed a tab the extension did not open). */
  attempt?: number;
  /** The project (slug or id) this page shows: on a space not synced yet, it is read first and shown first. */
  project?: string;
  /**
   * Without a project: the part of the space this page's numbers depend on, to prepare instead of the whole
   * space (lib/metrics/history-part.ts; the popup's `summaryPart`). A module-level function: not watched for
   * changes.
   */
  part?: (dims: Dimensions) => PartSelection;
}

export function useSpaceHistory(server: string, space: string, options: SpaceHistoryOptions): SpaceHistory {
  const [data, setData] = useState<SpaceData>({ state: 'loading', message: 'Checking your Octopus session…' });
  const [status, setStatus] = useState<SyncStatus>();
  const [syncError, setSyncError] = useState<SyncError>();
  const [spaceName, setSpaceName] = useState<string>();
  // With numbers on screen, a sync that cannot start is reported beside them; before any, it replaces them.
  const startSync = () => {
    setSyncError(undefined);
    return askWorker({ type: 'sync', server, space, project: options.project }).then(
      () => setData((current) => (current.state === 'cleared' ? { state: 'syncing', session: current.session } : current)),
      (error) => {
        const detail = toSyncError(error);
        setSyncError(detail);
        setData((current) => (current.state === 'ready' ? current : { state: 'error', error: detail }));
      },
    );
  };
  useEffect(() => openSpace({ server, space, options, setData, setStatus, setSpaceName, startSync }), [server, space, options.blockedIsFailure, options.attempt, options.project]);
  return { data, status, syncError, spaceName, syncNow: () => void startSync() };
}

/** What the cache holds for `userId` (read, not yet shown). */
async function readSpace(server: string, space: string, options: SpaceHistoryOptions, userId: string): Promise<SpaceRead> {
  const started = performance.now();
  const cache = await openCache(server, userId);
  try {
    const meta = await cache.readMeta(space);
    const ready = isCheckpoint(meta?.checkpoint) && meta.checkpoint.phase === 'ready';
    const partial = !ready && (await projectIsReady(cache, space, meta?.dims?.projects, options.project));
    if (!ready && !partial) return { userId, meta };
    // A project's panel reads only that project's rows (when the cache's dimensions name it).
    const projectId = meta?.dims?.projects.find((p) => p.slug === options.project || p.id === options.project)?.id;
    const { history, prepared } = await readPrepared(cache, space, options, projectId);
    return { userId, meta, numbers: { history, prepared, partial, loadMs: performance.now() - started } };
  } finally {
    cache.close();
  }
}

/** The cache as read for one user: its metadata, and the numbers when there are some to show. */
interface SpaceRead {
  userId: string;
  meta: { lastSyncedAt?: number; dims?: { space?: { name: string }; projects: readonly { id: string; slug: string }[] } } | undefined;
  numbers?: { history: History; prepared: PreparedHistory; partial: boolean; loadMs: number };
}

interface OpenSpace {
  server: string;
  space: string;
  options: SpaceHistoryOptions;
  setData: (data: SpaceData) => void;
  setStatus: (status: SyncStatus | undefined) => void;
  setSpaceName: (name: string | undefined) => void;
  startSync: () => Promise<void>;
}

/**
 * Asks who is signed in, then reads the cache and watches the sync status, reading the cache again when a
 * sync finishes (or, during a first sync, when this page's project is complete). Returns the cleanup.
 */
function openSpace({ server, space, options, setData, setStatus, setSpaceName, startSync }: OpenSpace): () => void {
  let cancelled = false;
  let key = '';
  let session: SessionInfo | undefined;
  const seen: Seen = { showingProject: false, projectsSeen: 0, awaitingName: false };
  setData({ state: 'loading', message: 'Checking your Octopus session…' });

  // Reads and statuses can arrive out of order (a reload after a sync's end may finish before the first
  // read; the stored status read at start may be older than a change already delivered): the newest wins.
  const newest: { issued: number; shown: number; status?: SyncStatus; lastSyncedAt?: number } = { issued: 0, shown: 0 };
  const read = async (userId: string): Promise<{ ticket: number; result: SpaceRead }> => {
    const ticket = ++newest.issued;
    return { ticket, result: await readSpace(server, space, options, userId) };
  };
  const show = (who: SessionInfo, { ticket, result }: { ticket: number; result: SpaceRead }): void => {
    if (cancelled || ticket < newest.shown) return;
    newest.shown = ticket;
    newest.lastSyncedAt = result.meta?.lastSyncedAt;
    setSpaceName(result.meta?.dims?.space?.name);
    if (!result.numbers) {
      seen.awaitingName = !result.meta?.dims?.space?.name;
      setData({ state: 'syncing', session: who });
      return;
    }
    seen.showingProject = result.numbers.partial;
    const { history, prepared, partial, loadMs } = result.numbers;
    setData({ state: 'ready', session: who, history, prepared, lastSyncedAt: result.meta?.lastSyncedAt, loadMs, partial });
  };
  const reload = async (): Promise<void> => {
    const who = session!;
    show(who, await read(who.userId));
  };
  const clearedNow = (who: SessionInfo) => {
    Object.assign(seen, { showingProject: false, projectsSeen: 0 });
    setStatus(undefined);
    setData({ state: 'cleared', session: who });
  };
  const onChanged = (changes: Record<string, browser.Storage.StorageChange>) => {
    const change = changes[key];
    // The status went with the cache (the options page's "Clear"): what is on screen no longer exists.
    if (change && change.newValue === undefined && change.oldValue !== undefined && session) return clearedNow(session);
    if (!change?.newValue) return;
    const next = change.newValue as SyncStatus;
    newest.status = next;
    setStatus(next);
    if (readAgain(next, seen, options.project)) void reload();
  };

  (async () => {
    try {
      // May this page show this server and space? (No network: the worker checks its context.) Its answer
      // names who was signed in last time, whose cache is read while Octopus is asked who is signed in now;
      // it is shown only if the answer is the same user.
      const grant = await askWorker({ type: 'authorize', server, space, ticket: options.ticket });
      performance.mark('dora-lens:authorized');
      const early = grant.lastUserId ? read(grant.lastUserId) : undefined;
      early?.catch(() => undefined);
      const who = await askWorker({ type: 'session', server, space });
      performance.mark('dora-lens:session');
      if (cancelled) return;
      session = who;
      key = statusKey(server, who.userId, space);
      browser.storage.local.onChanged.addListener(onChanged);
      const [stored, result] = await Promise.all([browser.storage.local.get(key), early && grant.lastUserId === who.userId ? early : read(who.userId)]);
      show(who, result);
      // A change delivered while the cache was read is newer than what was read before it.
      const current = newest.status ?? (stored[key] as SyncStatus | undefined);
      if (current) setStatus(current);
      const stale = !newest.lastSyncedAt || Date.now() - newest.lastSyncedAt > options.staleAfterMs;
      if (stale && current?.state !== 'running') await startSync();
    } catch (error) {
      if (!cancelled) setData({ state: 'error', error: toSyncError(error) });
    }
  })();
  return () => {
    cancelled = true;
    browser.storage.local.onChanged.removeListener(onChanged);
  };
}

/** What a page has seen of a first sync, to know when to read the cache again. */
interface Seen {
  /** The first sync's early numbers of this page's project are on screen. */
  showingProject: boolean;
  /** How many projects the first sync had completed early when this page last looked. */
  projectsSeen: number;
  /** A first sync runs with nothing to show yet; its first step stores the space's name. */
  awaitingName: boolean;
}

/** Done, or (first sync) its first step is over (the space's name), or another project is complete — this page's, perhaps. */
function readAgain(next: SyncStatus, seen: Seen, project: string | undefined): boolean {
  if (next.state === 'done') return true;
  if (seen.awaitingName && next.progress && next.progress.phase !== 'dims') {
    seen.awaitingName = false;
    return true;
  }
  const readyNow = next.progress?.projectsReady?.length ?? 0;
  if (!project || seen.showingProject || readyNow <= seen.projectsSeen) return false;
  seen.projectsSeen = readyNow;
  return true;
}

/**
 * The space's history from the cache, prepared for the metrics: for a project's panel, only that project's
 * part (every figure of a project is its own: lib/metrics/history-part.ts), a few thousand rows to decode,
 * sort and walk instead of the whole space's; with `options.part`, that part. `projectId`: the project's
 * rows are all that is decoded.
 */
async function readPrepared(cache: Cache, space: string, options: SpaceHistoryOptions, projectId?: string): Promise<{ history: History; prepared: PreparedHistory }> {
  const { project, part, blockedIsFailure } = options;
  // With a part, the cache reads the part's deployments (kept apart after the first read:
  // lib/store/part-slices.ts) and every release, a superset the part is cut from exactly here.
  const history = await cache.readHistory(space, projectId, { keep: true, part: project === undefined ? part : undefined });
  // For `npm run bench:sync`'s breakdown of a warm panel's first chart.
  performance.mark('dora-lens:history-read');
  const index = project === undefined ? -1 : findProject(history.dims, project);
  const computed = index >= 0 ? projectHistory(history, index) : part && project === undefined ? historyPart(history, part(history.dims)) : history;
  const prepared = prepare(computed, { blockedIsFailure });
  performance.mark('dora-lens:prepared');
  return { history, prepared };
}

/** Whether a first sync has stored the whole history of `project` (slug or id) already. */
async function projectIsReady(cache: Cache, space: string, projects: readonly { id: string; slug: string }[] | undefined, project: string | undefined): Promise<boolean> {
  if (!project || !projects) return false;
  const id = projects.find((p) => p.slug === project || p.id === project)?.id;
  const ready = (await cache.readSyncState(space, 'projectsReady')) as string[] | undefined;
  return id !== undefined && (ready?.includes(id) ?? false);
}

function toSyncError(error: unknown): SyncError {
  if (error instanceof WorkerError) return error.detail;
  return { kind: 'unexpected', message: `DORA Lens could not load its data: ${String(error)}`, transient: true };
}
