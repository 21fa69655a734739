/**
 * The panel's data: who is signed in (asked of the worker, which has the cookies — and which first decides
 * whether this page may show this server and space at all: nothing is read before it says yes), the cache
 * for that server and user (read directly: it is this extension origin's IndexedDB), and the sync status
 * the worker publishes. Starts a sync when the space was never synced or is stale, and reloads when one finishes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { askWorker, WorkerError } from '@/lib/messages';
import type { History } from '@/lib/metrics/facts';
import { type PreparedHistory, prepare } from '@/lib/metrics/prepare';
import { openCache } from '@/lib/store/cache';
import { isCheckpoint } from '@/lib/sync/checkpoint';
import { type SessionInfo, type SyncError, type SyncStatus, statusKey } from '@/lib/sync/status';

export type SpaceData =
  | { state: 'loading'; message: string }
  | { state: 'error'; error: SyncError }
  /** First sync still running: nothing to show yet but progress. */
  | { state: 'syncing'; session: SessionInfo }
  | { state: 'ready'; session: SessionInfo; history: History; prepared: PreparedHistory; lastSyncedAt?: number; loadMs: number };

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
}

export function useSpaceHistory(server: string, space: string, options: SpaceHistoryOptions): SpaceHistory {
  const [data, setData] = useState<SpaceData>({ state: 'loading', message: 'Checking your Octopus session…' });
  const [status, setStatus] = useState<SyncStatus>();
  const session = useRef<SessionInfo | undefined>(undefined);
  const reload = useRef<() => Promise<void>>(async () => {});

  const [syncError, setSyncError] = useState<SyncError>();
  // With numbers on screen, a sync that cannot start is reported beside them; before any, it replaces them.
  const startSync = () => {
    setSyncError(undefined);
    return askWorker({ type: 'sync', server, space }).then(
      () => undefined,
      (error) => {
        const detail = toSyncError(error);
        setSyncError(detail);
        setData((current) => (current.state === 'ready' ? current : { state: 'error', error: detail }));
      },
    );
  };

  useEffect(() => {
    let cancelled = false;
    let key = '';
    setData({ state: 'loading', message: 'Checking your Octopus session…' });
    const onChanged = (changes: Record<string, browser.Storage.StorageChange>) => {
      const change = changes[key];
      if (!change?.newValue) return;
      const next = change.newValue as SyncStatus;
      setStatus(next);
      if (next.state === 'done') void reload.current();
    };

    reload.current = async () => {
      const who = session.current!;
      const started = performance.now();
      const cache = await openCache(server, who.userId);
      try {
        const meta = await cache.readMeta(space);
        const ready = isCheckpoint(meta?.checkpoint) && meta.checkpoint.phase === 'ready';
        if (!ready) {
          if (!cancelled) setData({ state: 'syncing', session: who });
          return;
        }
        const history = await cache.readHistory(space);
        const prepared = prepare(history, { blockedIsFailure: options.blockedIsFailure });
        if (!cancelled) {
          setData({ state: 'ready', session: who, history, prepared, lastSyncedAt: meta?.lastSyncedAt, loadMs: performance.now() - started });
        }
      } finally {
        cache.close();
      }
    };

    (async () => {
      try {
        const who = await askWorker({ type: 'session', server, space, ticket: options.ticket });
        if (cancelled) return;
        session.current = who;
        key = statusKey(server, who.userId, space);
        browser.storage.local.onChanged.addListener(onChanged);
        const current = (await browser.storage.local.get(key))[key] as SyncStatus | undefined;
        if (current) setStatus(current);
        const cache = await openCache(server, who.userId);
        const meta = await cache.readMeta(space);
        cache.close();
        await reload.current();
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
  }, [server, space, options.blockedIsFailure, options.attempt]);

  return { data, status, syncError, syncNow: () => void startSync() };
}

function toSyncError(error: unknown): SyncError {
  if (error instanceof WorkerError) return error.detail;
  return { kind: 'unexpected', message: `DORA Lens could not load its data: ${String(error)}`, transient: true };
}
