/** State for the options page's sections, each kept in step with changes made from other pages. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { ServerSupport } from '@/lib/messages';
import { errorText, type StatusNote } from '@/components/StatusMessage';
import type { CacheRow } from '@/components/OptionsCaches';
import { disableServer, enabledServers, enableServer } from '@/lib/servers';
import { getSettings, type Settings, updateSettings, watchSettings } from '@/lib/settings';
import { deleteServerReports } from '@/lib/report/report-storage';
import { serverOrigin } from '@/lib/server-url';
import { deleteCache, listCaches } from '@/lib/store/cache';
import { readCacheRows, signedInUsers, withUserNames } from './caches';

/** Servers DORA Lens found too old to support (recorded by the worker when it read their version). */
async function readUnsupported(): Promise<{ server: string; reason: string }[]> {
  const all = await browser.storage.local.get(null);
  return Object.entries(all).flatMap(([key, value]) => {
    const support = value as Partial<ServerSupport> | undefined;
    return key.startsWith('server-info:') && support?.supported === false && typeof support.reason === 'string' ? [{ server: key.slice('server-info:'.length), reason: support.reason }] : [];
  });
}

export function useServers() {
  const [servers, setServers] = useState<string[]>();
  const [unsupported, setUnsupported] = useState<{ server: string; reason: string }[]>([]);
  useEffect(() => void readUnsupported().then(setUnsupported, () => setUnsupported([])), []);
  const refresh = useCallback(
    () =>
      enabledServers().then(setServers, (error: unknown) => {
        console.error('DORA Lens: listing servers failed', error);
        setServers([]);
      }),
    [],
  );
  useEffect(() => {
    void refresh();
    // The popup may grant or revoke while this page is open.
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, [refresh]);

  // enableServer runs first and synchronously: the permission prompt needs the click's user gesture.
  const enable = (origin: string) =>
    enableServer(origin).then(async (granted) => {
      await refresh();
      return granted;
    });
  const revoke = (origin: string) => disableServer(origin).then(refresh);
  /** Deletes every cache and saved report of the servers on a (revoked) origin. */
  const forget = async (origin: string) => {
    const caches = (await listCaches()).filter((c) => serverOrigin(c.server) === origin);
    await Promise.all(caches.map((c) => deleteCache(c.server, c.userId)));
    await deleteServerReports((server) => serverOrigin(server) === origin);
  };
  return { servers, unsupported, enable, revoke, forget };
}

export function useCaches() {
  const [rows, setRows] = useState<CacheRow[]>();
  // Only the latest load may write: a slow name lookup must not bring back rows cleared meanwhile.
  const generation = useRef(0);
  const load = useCallback(async () => {
    const mine = ++generation.current;
    const found = await readCacheRows().catch((error: unknown): CacheRow[] => {
      console.error('DORA Lens: listing caches failed', error);
      return [];
    });
    if (mine !== generation.current) return;
    setRows(found);
    const sessions = await signedInUsers(found.map((row) => row.server));
    if (mine === generation.current && sessions.size) setRows(withUserNames(found, sessions));
  }, []);
  useEffect(() => void load(), [load]);

  const clear = (row: CacheRow) => deleteCache(row.server, row.userId).finally(load);
  const deleteReports = (row: CacheRow) => deleteServerReports((server, userId) => server === row.server && userId === row.userId).finally(load);
  const clearAll = async () => {
    try {
      await Promise.all((rows ?? []).filter((row) => row.cached !== false).map((row) => deleteCache(row.server, row.userId)));
    } finally {
      await load();
    }
  };
  return { rows, clear, deleteReports, clearAll, reload: load };
}

export function useSettings() {
  const [settings, setSettings] = useState<Settings>();
  const [status, setStatus] = useState<StatusNote>();
  useEffect(() => {
    void getSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);

  const change = (patch: Partial<Settings>, what: string) => {
    setSettings((current) => current && { ...current, ...patch });
    updateSettings(patch).then(
      (saved) => {
        setSettings(saved);
        setStatus({ tone: 'success', text: `${what} saved.` });
      },
      (error: unknown) => {
        setStatus({ tone: 'error', text: `${what} was not saved: ${errorText(error)}` });
        void getSettings().then(setSettings); // show what is really stored
      },
    );
  };
  return { settings, status, change };
}
