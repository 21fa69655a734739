/**
 * The panel is an iframe of the extension's own insights page (DESIGN.md decision 3): that page reads the
 * cache directly, and the host page cannot read into it. The container covers the host's content area
 * (right of the project menu) so the host's React tree is never modified. Its shadow root is closed, so
 * the host page's scripts cannot read the frame's extension URL (in Firefox, a per-install id).
 */
import { panelPageUrl } from '@/lib/panel/page-address';
import { PANEL_PARAM_KEYS } from '@/lib/panel/panel-params';
import { MARK } from './inject';
import { hostPrefersDark } from './selectors';

export function renderPanelFrame(
  container: HTMLElement,
  context: { server: string; spaceId: string; projectSlug: string; query: URLSearchParams },
  pageUrl: string,
  extensionOrigins: ReadonlySet<string>,
): void {
  const shadow = container.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `
    :host { position: fixed; z-index: 2147482000; inset: var(--dora-top, 56px) 0 0 var(--dora-left, 240px); }
    iframe { width: 100%; height: 100%; border: 0; background: Canvas; color-scheme: light dark; }`;
  const frame = document.createElement('iframe');
  frame.src = panelPageUrl(pageUrl, { server: context.server, space: context.spaceId, project: context.projectSlug, dark: hostPrefersDark(), query: context.query });
  frame.title = 'DORA Lens insights';
  // "Copy summary" writes to the clipboard from inside the frame, which a cross-origin frame may only when allowed.
  frame.allow = 'clipboard-write';
  shadow.append(style, frame);
  placeBesideMenu(container);
  listenForViewChanges(frame, extensionOrigins);
  followHostTheme(frame, extensionOrigins);
}

/** What the content script tells the panel when the Octopus page switches between light and dark. */
export interface ThemeMessage {
  type: 'dora-lens:theme';
  theme: 'light' | 'dark';
}

/**
 * The panel follows the Octopus page's theme while it is open: the frame got the theme it opened with in its
 * address; a later switch (Octopus's own toggle rewrites the root element's attributes, or the system's
 * scheme changes) is posted to the frame, addressed to the extension's origins only (Chromium serves a
 * dynamic-URL page under the extension's own origin, so the message goes to each: only the frame's is
 * delivered). The page checks that it came from its parent on the server's origin (lib/ui/use-insights-page.ts).
 */
export function followHostTheme(frame: HTMLIFrameElement, extensionOrigins: ReadonlySet<string>, doc: Document = document): () => void {
  let dark = hostPrefersDark(doc);
  const system = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  const check = () => {
    if (!frame.isConnected) return stop();
    const now = hostPrefersDark(doc);
    if (now === dark) return;
    dark = now;
    const message: ThemeMessage = { type: 'dora-lens:theme', theme: dark ? 'dark' : 'light' };
    for (const origin of extensionOrigins) frame.contentWindow?.postMessage(message, origin);
  };
  const observer = new MutationObserver(check);
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });
  system?.addEventListener('change', check);
  const stop = () => {
    observer.disconnect();
    system?.removeEventListener('change', check);
  };
  return stop;
}

/**
 * The panel reports filter changes; they go into the Octopus route (replacing, not pushing, history) so the
 * address bar always holds a shareable link to the current view.
 */
function listenForViewChanges(frame: HTMLIFrameElement, extensionOrigins: ReadonlySet<string>): void {
  const onMessage = (event: MessageEvent) => {
    if (!frame.isConnected) return window.removeEventListener('message', onMessage);
    if (event.source !== frame.contentWindow || !extensionOrigins.has(event.origin)) return;
    const data = event.data as { type?: string; params?: string };
    if (data?.type !== 'dora-lens:params' || typeof data.params !== 'string') return;
    const [path, query = ''] = location.hash.slice(1).split('?', 2);
    const merged = new URLSearchParams(query);
    for (const key of PANEL_PARAM_KEYS) merged.delete(key);
    for (const [key, value] of new URLSearchParams(data.params)) if (PANEL_PARAM_KEYS.includes(key)) merged.set(key, value);
    history.replaceState(history.state, '', `#${path}?${merged}`);
  };
  window.addEventListener('message', onMessage);
}

/**
 * Aligns the panel with the host's content area: right of the menu's column and level with its top, where
 * the column is the outermost ancestor of the menu that is still only as wide as it (the sidebar).
 */
export function placeBesideMenu(container: HTMLElement): void {
  const list = document.querySelector(`[${MARK}="nav-entry"]`)?.parentElement;
  if (!list || list.getBoundingClientRect().width === 0) {
    container.style.setProperty('--dora-left', '0px');
    return;
  }
  let column: Element = list;
  const width = list.getBoundingClientRect().width;
  for (let node = list.parentElement; node && node !== document.body; node = node.parentElement) {
    if (node.getBoundingClientRect().width > width + 48) break;
    column = node;
  }
  const rect = column.getBoundingClientRect();
  container.style.setProperty('--dora-left', `${Math.round(rect.right)}px`);
  container.style.setProperty('--dora-top', `${Math.max(0, Math.round(rect.top))}px`);
}
