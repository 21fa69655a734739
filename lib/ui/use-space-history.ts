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

  const reload = async (): Promise<{ lastSyncedAt?: number } | undefined> => {
    const who = session!;
    const started = performance.now();
    const cache = await openCache(server, who.userId);
    try {
      const meta = await cache.readMeta(space);
      const ready = isCheckpoint(meta?.checkpoint) && meta.checkpoint.phase === 'ready';
      const partial = !ready && (await projectIsReady(cache, space, meta?.dims?.projects, options.project));
      if (!ready && !partial) {
        if (!cancelled) setData({ state: 'syncing', session: who });
        return meta;
      }
      showingProject = partial;
      const { history, prepared } = await readPrepared(cache, space, options.blockedIsFailure);
      if (!cancelled) setData({ state: 'ready', session: who, history, prepared, lastSyncedAt: meta?.lastSyncedAt, loadMs: performance.now() - started, partial });
      return meta;
    } finally {
      cache.close();
    }
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
      const who = await askWorker({ type: 'session', server, space, ticket: options.ticket });
      performance.mark('dora-lens:session');
      if (cancelled) return;
      session = who;
      key = statusKey(server, who.userId, space);
      browser.storage.local.onChanged.addListener(onChanged);
      // The status and the cache at once: opening a panel waits for the slower of the two only.
      const [stored, meta] = await Promise.all([browser.storage.local.get(key), reload()]);
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

/** The space's history from the cache, prepared for the metrics. */
async function readPrepared(cache: Cache, space: string, blockedIsFailure: boolean): Promise<{ history: History; prepared: PreparedHistory }> {
  const history = await cache.readHistory(space);
  // For `npm run bench:sync`'s breakdown of a warm panel's first chart.
  performance.mark('dora-lens:history-read');
  const prepared = prepare(history, { blockedIsFailure });
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
