/**
 * What the popup knows about the tab it was opened on. Reading the tab's URL needs host access to it or
 * the `activeTab` grant that clicking the toolbar button gives; without either the URL is hidden and the
 * popup treats the tab as "not a website".
 */
import browser from 'webextension-polyfill';
import { parseRoute } from '@/lib/host/routes';
import { httpOrigin, serverOfPage } from '@/lib/server-url';
import { isServerEnabled } from '@/lib/servers';

export type TabContext =
  /** An Octopus space page on a server DORA Lens works on (`server`: its base URL). */
  | { kind: 'space'; tabId?: number; server: string; spaceId: string }
  /** Any other http(s) page, enabled or not; `server` when it is a page of the Octopus web app. */
  | { kind: 'site'; tabId?: number; origin: string; enabled: boolean; server?: string }
  /** Browser pages, local files, or a URL we may not read. */
  | { kind: 'other' };

export function tabContext(tabId: number | undefined, url: string | undefined, enabled: boolean): TabContext {
  const origin = httpOrigin(url);
  if (!origin || !url) return { kind: 'other' };
  const route = enabled ? parseRoute(new URL(url)) : undefined;
  const server = serverOfPage(url);
  if (route && server) return { kind: 'space', tabId, server, spaceId: route.spaceId };
  return server ? { kind: 'site', tabId, origin, enabled, server } : { kind: 'site', tabId, origin, enabled };
}

export async function readActiveTab(): Promise<TabContext> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const origin = httpOrigin(tab?.url);
  const enabled = origin ? await isServerEnabled(origin) : false;
  return tabContext(tab?.id, tab?.url, enabled);
}
