/**
 * What the popup knows about the tab it was opened on, and enabling DORA Lens there. Reading the tab's URL needs host access to it or
 * the `activeTab` grant that clicking the toolbar button gives; without either the URL is hidden and the
 * popup treats the tab as "not a website".
 */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { errorText } from '@/lib/display/status-note';
import { httpOrigin } from '@/lib/host/server-url';
import { type TabContext, tabContext } from '@/lib/host/tab-context';
import { enabledServers, enableServer, isServerEnabled } from '@/lib/servers/grants';

export async function readActiveTab(): Promise<TabContext> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const origin = httpOrigin(tab?.url);
  const enabled = origin ? await isServerEnabled(origin) : false;
  return tabContext(tab?.id, tab?.url, enabled);
}

/** The tab the popup was opened on, and the servers the user has enabled (`undefined` while read). */
export function useActiveTab(): { tab?: TabContext; servers?: string[] } {
  const [tab, setTab] = useState<TabContext>();
  const [servers, setServers] = useState<string[]>();
  useEffect(() => {
    readActiveTab().then(setTab, (error: unknown) => {
      console.error('DORA Lens: reading the active tab failed', error);
      setTab({ kind: 'other' });
    });
    enabledServers().then(setServers, () => setServers([]));
  }, []);
  return { tab, servers };
}

/**
 * Enabling DORA Lens on the tab's site from the popup, then reloading the tab so the content script runs.
 * `problem` says why the site is not enabled after a try.
 */
export function useEnableSite(origin: string, tabId: number | undefined) {
  const [state, setState] = useState<{ granted: boolean; problem?: string }>({ granted: false });
  const enable = () => {
    // First thing in the click handler: the permission prompt needs the user's gesture.
    enableServer(origin).then(
      (granted) => setState(granted ? { granted } : { granted, problem: 'Access was not granted.' }),
      (error: unknown) => setState({ granted: false, problem: `Could not ask for access: ${errorText(error)}` }),
    );
  };
  const reload = () => {
    if (tabId !== undefined) void browser.tabs.reload(tabId).then(() => window.close());
  };
  return { ...state, enable, reload: tabId === undefined ? undefined : reload };
}
