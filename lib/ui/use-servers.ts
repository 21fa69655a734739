/** The options page's servers: those granted, those found too old, and enabling, revoking and forgetting one. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { serverOrigin } from '@/lib/host/server-url';
import type { ServerSupport } from '@/lib/messages/protocol';
import { disableServer, enabledServers, enableServer } from '@/lib/servers/grants';
import { deleteCache, listCaches } from '@/lib/store/cache';
import { deleteServerMarks } from '@/lib/store/marks-store';
import { deleteServerReports } from '@/lib/store/report-store';
import { serverOfSupportKey } from '@/lib/sync/status';

/** Servers DORA Lens found too old to support (recorded by the worker when it read their version). */
async function readUnsupported(): Promise<{ server: string; reason: string }[]> {
  const all = await browser.storage.local.get(null);
  return Object.entries(all).flatMap(([key, value]) => {
    const server = serverOfSupportKey(key);
    const support = value as Partial<ServerSupport> | undefined;
    return server !== undefined && support?.supported === false && typeof support.reason === 'string' ? [{ server, reason: support.reason }] : [];
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
  /** Deletes every cache, saved report and date mark of the servers on a (revoked) origin. */
  const forget = async (origin: string) => {
    const caches = (await listCaches()).filter((c) => serverOrigin(c.server) === origin);
    await Promise.all(caches.map((c) => deleteCache(c.server, c.userId)));
    await deleteServerReports((server) => serverOrigin(server) === origin);
    await deleteServerMarks((server) => serverOrigin(server) === origin);
  };
  return { servers, unsupported, enable, revoke, forget };
}
