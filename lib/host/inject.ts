/**
 * Puts DORA Lens's entry into Octopus's project menu (or, where the menu cannot be found, a floating
 * button), idempotently: every element we add carries `data-dora-lens`, so re-running after a host
 * re-render adds nothing twice, and `removeInjected` finds everything we own.
 */
import type { ProjectNav } from './selectors';

export const MARK = 'data-dora-lens';
export const ENTRY_LABEL = 'DORA Lens';

export type EntryKind = 'nav-entry' | 'space-entry';

export interface EntryTarget {
  /**
   * Where the entry points: a host route, so it can be shared and opened in a new tab. Without one the
   * entry is a link-role element that only runs `onOpen` (no extension URL is ever written into the host page).
   */
  href?: string;
  /** Tooltip. */
  title?: string;
  selected: boolean;
  onOpen: (event: MouseEvent) => void;
}

/**
 * Adds (or updates) the menu entry. The entry is a deep clone of one of the host's own leaf items, so it
 * gets the host's styling without our code knowing its class names; the clone's link text is replaced.
 */
export function ensureNavEntry(nav: ProjectNav, target: EntryTarget, kind: EntryKind = 'nav-entry'): HTMLElement {
  let item = nav.list.querySelector<HTMLElement>(`:scope > [${MARK}="${kind}"]`);
  if (!item) {
    const template = pickTemplate(nav);
    item = template.item.cloneNode(true) as HTMLElement;
    item.setAttribute(MARK, kind);
    item.removeAttribute('id');
    const link = item instanceof HTMLAnchorElement ? item : item.querySelector('a')!;
    for (const attr of ['aria-current', 'id', 'target']) link.removeAttribute(attr);
    setLabel(link, ENTRY_LABEL);
    link.title = target.title ?? 'DORA metrics for this project, computed by the DORA Lens extension';
    link.addEventListener('click', (event) => {
      const current = currentTargets.get(item!);
      // A host-page script's synthetic click opens nothing of ours (the space report's tab): an entry with a
      // route leaves it to the browser, which goes to the route as the script could itself.
      if (!event.isTrusted && !current?.href) return event.preventDefault();
      // Leave modified clicks (new tab/window) to the browser where the href is a real, shareable route.
      if (current?.href && (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) return;
      event.preventDefault();
      current?.onOpen(event);
    });
    link.addEventListener('keydown', (event) => {
      // A link without href gets no Enter activation from the browser.
      if (event.key !== 'Enter' || !event.isTrusted || currentTargets.get(item!)?.href) return;
      event.preventDefault();
      currentTargets.get(item!)?.onOpen(event as unknown as MouseEvent);
    });
    insertAfterInsightsOrBeforeSettings(nav, item);
  }
  currentTargets.set(item, target);
  const link = item instanceof HTMLAnchorElement ? item : item.querySelector('a')!;
  setTarget(link, target.href);
  if (target.selected) link.setAttribute('aria-current', 'page');
  else link.removeAttribute('aria-current');
  return item;
}

const currentTargets = new WeakMap<Element, EntryTarget>();

function setTarget(link: HTMLAnchorElement, href: string | undefined): void {
  if (href === undefined) {
    link.removeAttribute('href');
    link.setAttribute('role', 'link');
    link.tabIndex = 0;
  } else if (link.getAttribute('href') !== href) {
    link.setAttribute('href', href);
  }
}

function pickTemplate(nav: ProjectNav): ProjectNav['items'][number] {
  // Prefer an item that is not the selected one, so the clone does not look selected.
  const unselected = nav.items.filter(({ link }) => !link.hasAttribute('aria-current'));
  const pool = unselected.length ? unselected : nav.items;
  return pool.find(({ subroute }) => subroute === 'variables' || subroute === 'tasks') ?? pool[pool.length - 1];
}

function insertAfterInsightsOrBeforeSettings(nav: ProjectNav, item: Element): void {
  const insights = nav.items.find(({ subroute }) => subroute.startsWith('insights'));
  const settings = nav.items.find(({ subroute }) => subroute === 'settings');
  if (insights) insights.item.after(item);
  else if (settings) settings.item.before(item);
  else nav.list.append(item);
}

/** Replaces the visible label text of a cloned link while keeping its icon elements. */
function setLabel(link: HTMLAnchorElement, label: string): void {
  const walker = link.ownerDocument.createTreeWalker(link, NodeFilter.SHOW_TEXT);
  let replaced = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim()) continue;
    node.textContent = replaced ? '' : label;
    replaced = true;
  }
  if (!replaced) link.append(label);
}

/** The floating button shown where the project menu cannot be found. */
export function ensureOverlayButton(doc: Document, target: EntryTarget): HTMLElement {
  let host = doc.querySelector<HTMLElement>(`[${MARK}="overlay"]`);
  if (!host) {
    host = doc.createElement('div');
    host.setAttribute(MARK, 'overlay');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = OVERLAY_CSS;
    const link = doc.createElement('a');
    link.className = 'button';
    link.textContent = ENTRY_LABEL;
    link.title = 'DORA metrics for this project, computed by the DORA Lens extension';
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      currentTargets.get(host!)?.onOpen(event);
    });
    shadow.append(style, link);
    doc.body.append(host);
  }
  currentTargets.set(host, target);
  setTarget(host.shadowRoot!.querySelector('a')!, target.href);
  return host;
}

const OVERLAY_CSS = `
.button { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; padding: 10px 16px;
  border-radius: 20px; background: #1a5fb4; color: #fff; font: 600 14px/1.2 system-ui, sans-serif;
  text-decoration: none; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
.button:focus-visible { outline: 3px solid #ffbe6f; outline-offset: 2px; }
`;

/** Removes one kind of injected element (or all of them). */
export function removeInjected(doc: Document, kind?: EntryKind | 'overlay' | 'panel'): void {
  const selector = kind ? `[${MARK}="${kind}"]` : `[${MARK}]`;
  for (const el of doc.querySelectorAll(selector)) el.remove();
}
