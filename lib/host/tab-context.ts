/**
 * Which Octopus page a browser tab shows, from its address, for the popup: a space of a server DORA Lens works
 * on, another site (enabled or not, maybe the Octopus web app outside a space), or nothing DORA Lens can use.
 */
import { parseRoute } from './routes';
import { httpOrigin, serverOfPage } from './server-url';

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
