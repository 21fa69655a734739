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
import type { History } from '@/lib/metrics/facts';
import { type PreparedHistory, prepare } from '@/lib/metrics/prepare';
import { projectHistory } from '@/lib/metrics/history-part';
import { findProject } from '@/lib/panel/project-view';
import { type Cache, openCache } from '@/lib/store/cache';
import { isCheckpoint } from '@/lib/sync/checkpoint';
import { type SyncStatus, statusKey } from '@/lib/sync/status';

export type SpaceData =
  | { state: 'loading'; message: string }
  | { state: 'error'; error: SyncError }
  /** First sync still running: nothing to show yet but progress. */
  | { state: 'syncing'; session: SessionInfo }
  /**
   * Numbers to show. `partial`: the space's first sync is still running, and only the requested project's
   * history is complete (lib/sync/engine.ts reads it first): enough for that project's panel, not for a
   * space-wide view.
   */
  | { state: 'ready'; session: SessionInfo; history: History; prepared: PreparedHistory; lastSyncedAt?: number; loadMs: number; partial?: boolean };

export interface SpaceHistory {
  data: SpaceData;
  status?: SyncStatus;
  /** Why the last "Sync now" could not start (e.g. the session expired), while older numbers stay shown. */
  syncError?: SyncError;
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
}

export function useSpaceHistory(server: string, space: string, options: SpaceHistoryOptions): SpaceHistory {
  const [data, setData] = useState<SpaceData>({ state: 'loading', message: 'Checking your Octopus session…' });
  const [status, setStatus] = useState<SyncStatus>();
  const [syncError, setSyncError] = useState<SyncError>();
  // With numbers on screen, a sync that cannot start is reported beside them; before any, it replaces them.
  const startSync = () => {
    setSyncError(undefined);
    return askWorker({ type: 'sync', server, space, project: options.project }).then(
      () => undefined,
      (error) => {
        const detail = toSyncError(error);
        setSyncError(detail);
        setData((current) => (current.state === 'ready' ? current : { state: 'error', error: detail }));
      },
    );
  };
  useEffect(() => openSpace({ server, space, options, setData, setStatus, startSync }), [server, space, options.blockedIsFailure, options.attempt, options.project]);
  return { data, status, syncError, syncNow: () => void startSync() };
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
    const { history, prepared } = await readPrepared(cache, space, options.blockedIsFailure, options.project);
    return { userId, meta, numbers: { history, prepared, partial, loadMs: performance.now() - started } };
  } finally {
    cache.close();
  }
}

/** The cache as read for one user: its metadata, and the numbers when there are some to show. */
interface SpaceRead {
  userId: string;
  meta: { lastSyncedAt?: number; dims?: { projects: readonly { id: string; slug: string }[] } } | undefined;
  numbers?: { history: History; prepared: PreparedHistory; partial: boolean; loadMs: number };
}

interface OpenSpace {
  server: string;
  space: string;
  options: SpaceHistoryOptions;
  setData: (data: SpaceData) => void;
  setStatus: (status: SyncStatus) => void;
  startSync: () => Promise<void>;
}

/**
 * Asks who is signed in, then reads the cache and watches the sync status, reading the cache again when a
 * sync finishes (or, during a first sync, when this page's project is complete). Returns the cleanup.
 */
function openSpace({ server, space, options, setData, setStatus, startSync }: OpenSpace): () => void {
  let cancelled = false;
  let key = '';
  let session: SessionInfo | undefined;
  /** The first sync's early numbers of this page's project are on screen. */
  let showingProject = false;
  /** How many projects the first sync had completed early when this page last looked. */
  let projectsSeen = 0;
  setData({ state: 'loading', message: 'Checking your Octopus session…' });

  const read = (userId: string) => readSpace(server, space, options, userId);
  const show = (who: SessionInfo, result: SpaceRead): void => {
    if (cancelled) return;
    if (!result.numbers) {
      setData({ state: 'syncing', session: who });
      return;
    }
    showingProject = result.numbers.partial;
    const { history, prepared, partial, loadMs } = result.numbers;
    setData({ state: 'ready', session: who, history, prepared, lastSyncedAt: result.meta?.lastSyncedAt, loadMs, partial });
  };
  const reload = async (): Promise<void> => {
    const who = session!;
    show(who, await read(who.userId));
  };
  const onChanged = (changes: Record<string, browser.Storage.StorageChange>) => {
    const change = changes[key];
    if (!change?.newValue) return;
    const next = change.newValue as SyncStatus;
    setStatus(next);
    // Done, or (first sync) another project is complete — this page's, perhaps: time to read the cache.
    const readyNow = next.progress?.projectsReady?.length ?? 0;
    if (next.state === 'done') void reload();
    else if (options.project && !showingProject && readyNow > projectsSeen) {
      projectsSeen = readyNow;
      void reload();
    }
  };

  (async () => {
    try {
      // May this page show this server and space? (No network: the worker checks its context.) Its answer
      // names who was signed in last time, whose cache is read while Octopus is asked who is signed in now;
      // it is shown only if the answer is the same user.
      const grant = await askWorker({ type: 'authorize', server, space, ticket: options.ticket });
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
      const meta = result.meta;
      const current = stored[key] as SyncStatus | undefined;
      if (current) setStatus(current);
      const stale = !meta?.lastSyncedAt || Date.now() - meta.lastSyncedAt > options.staleAfterMs;
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

/**
 * The space's history from the cache, prepared for the metrics: for a project's panel, only that project's
 * part (every figure of a project is its own: lib/metrics/history-part.ts), a few thousand rows to sort
 * and walk instead of the whole space's.
 */
async function readPrepared(cache: Cache, space: string, blockedIsFailure: boolean, project?: string): Promise<{ history: History; prepared: PreparedHistory }> {
  const history = await cache.readHistory(space);
  // For `npm run bench:sync`'s breakdown of a warm panel's first chart.
  performance.mark('dora-lens:history-read');
  const index = project === undefined ? -1 : findProject(history.dims, project);
  const prepared = prepare(index >= 0 ? projectHistory(history, index) : history, { blockedIsFailure });
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
