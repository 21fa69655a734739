/**
 * Keeps DORA Lens's UI in step with the Octopus single-page app: after every route change or host
 * re-render it reconciles what should be on the page (menu entry, overlay button, panel) with what is.
 * Octopus re-renders its menu on client-side navigation, so this runs on DOM mutations too — batched to
 * one reconcile per animation frame, and cheap when nothing changed.
 */
import { PANEL_PARAM_KEYS } from '@/lib/panel/panel-params';
import { coverHost, uncoverHost, yieldCurrent } from './cover';
import { ensureNavEntry, ensureOverlayButton, MARK, removeInjected, type EntryTarget } from './inject';
import { PANEL_PARAM, panelRoute } from './panel-link';
import { getLegacyProjectSlug, getProjectSlug, type OctopusRoute, parseLegacyRoute, parseRoute } from './routes';
import { findProjectNav, findSpaceNav } from './selectors';

/** How long a project page may take to render its menu before the floating button is shown instead. */
const MENU_GRACE_MS = 1500;

/** What Octopus answers about a project for the signed-in user; `unknown` when it could not be asked. */
export type HostProjectAccess = 'visible' | 'forbidden' | 'missing' | 'unknown';

export interface MountOptions {
  /**
   * Builds the panel's content container (the caller fills it: an iframe of the extension's page). `close`
   * closes the panel and gives the focus back to the menu entry (the panel's Escape and Close).
   */
  renderPanel: (container: HTMLElement, context: { spaceId: string; projectSlug: string; query: URLSearchParams }, close: () => void) => void;
  /** Re-aligns an open panel with the host layout, which can change after every host render. */
  placePanel: (container: HTMLElement) => void;
  /**
   * Opens the space report, for the entry in the space's main navigation. The entry carries no address:
   * the report is an extension page, whose URL must not be written into the host page (it would tell the
   * page's scripts that DORA Lens is installed, and in Firefox its per-install id).
   */
  openReport?: (spaceId: string) => void;
  /**
   * Whether Octopus lets the user see a project: asked only where the project's menu cannot be found, before
   * offering the floating button (a page Octopus forbids has no menu either, and no use for the button).
   */
  projectAccess?: (spaceId: string, projectSlug: string) => Promise<HostProjectAccess>;
  /**
   * The user arrived on a project's pages with the panel closed (once per project and space in a row): its
   * Insights may be next, and the worker can prepare for it.
   */
  projectVisited?: (spaceId: string, projectSlug: string) => void;
  signal: AbortSignal;
  win?: Window;
}

export function mountHostIntegration(options: MountOptions): void {
  const { signal, win = window } = options;
  const doc = win.document;
  let scheduled = false;
  const state: ReconcileState = { routeSeenAt: 0, lastHref: '', panelKey: '', focusEntry: false, access: new Map(), visited: '' };

  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    win.requestAnimationFrame(() => {
      scheduled = false;
      if (!signal.aborted) reconcile(options, win, state, schedule);
    });
  };

  const observer = new MutationObserver((records) => {
    // Our own insertions would otherwise trigger another reconcile each time.
    if (records.every((r) => isOurs(r.target) || [...r.addedNodes].every(isOurs))) return;
    schedule();
  });
  // `aria-current` too: the host may move it to its own item while the panel is open.
  observer.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-current'] });
  win.addEventListener('hashchange', schedule, { signal });
  win.addEventListener('popstate', schedule, { signal });
  win.addEventListener('resize', schedule, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    removeInjected(doc);
    uncoverHost(doc);
  });
  schedule();
}

/** What one reconcile leaves for the next. */
interface ReconcileState {
  /** When the current address was first seen: the project menu gets a grace period to render. */
  routeSeenAt: number;
  lastHref: string;
  /** The space and project of the open panel (`''` when none is open). */
  panelKey: string;
  /** The panel was closed: the entry gets the focus as soon as it is on the page again. */
  focusEntry: boolean;
  /** Octopus's answer per space/project for the pages without a project menu (`pending` while asked). */
  access: Map<string, HostProjectAccess | 'pending'>;
  /** The space and project whose pages the user is on (`''` elsewhere). */
  visited: string;
}

/** Puts on the page what the current route asks for, and takes away what it no longer does. */
function reconcile(options: MountOptions, win: Window, state: ReconcileState, schedule: () => void): void {
  const doc = win.document;
  if (win.location.href !== state.lastHref) {
    state.lastHref = win.location.href;
    state.routeSeenAt = performance.now();
  }
  // A server before Spaces gets the entry too, so the panel can say it is not supported.
  const route = parseRoute(win.location) ?? legacyRoute(win.location);
  const slug = getProjectSlug(win.location) ?? getLegacyProjectSlug(win.location);
  if (!route) {
    removeInjected(doc);
    uncoverHost(doc);
    state.panelKey = '';
    return;
  }
  const spaceNav = options.openReport && route.spaceId ? findSpaceNav(doc, route.spaceId) : undefined;
  if (spaceNav && options.openReport) {
    const openReport = options.openReport;
    const title = 'DORA metrics across this space: opens the DORA Lens space report';
    ensureNavEntry(spaceNav, { title, selected: false, onOpen: () => openReport(route.spaceId) }, 'space-entry');
  }
  if (!slug) {
    for (const kind of ['nav-entry', 'overlay', 'panel'] as const) removeInjected(doc, kind);
    uncoverHost(doc);
    state.panelKey = '';
    state.visited = '';
    return;
  }
  const open = route.query.has(PANEL_PARAM);
  const visited = `${route.spaceId}/${slug}`;
  if (visited !== state.visited) {
    state.visited = visited;
    // With the panel opening at once, it reads the cache itself: a second read meanwhile would only slow it.
    if (!open) options.projectVisited?.(route.spaceId, slug);
  }
  placeProjectEntry(options, win, state, route.spaceId, slug, open, schedule);
  // Filter changes made inside the panel are written back to the route; they must not reload it.
  const key = open ? `${route.spaceId}/${slug}` : '';
  if (key !== state.panelKey || (open && !doc.querySelector(`[${MARK}="panel"]`))) {
    state.panelKey = key;
    removeInjected(doc, 'panel');
    if (open) {
      const container = doc.createElement('div');
      container.setAttribute(MARK, 'panel');
      doc.body.append(container);
      options.renderPanel(container, { spaceId: route.spaceId, projectSlug: slug, query: route.query }, () => closePanel(win, state));
    }
  }
  const panel = doc.querySelector<HTMLElement>(`[${MARK}="panel"]`);
  if (panel) {
    options.placePanel(panel);
    coverHost(doc, panel);
  } else {
    uncoverHost(doc);
  }
}

/** Closes the panel: its parameters leave the route (a new history entry: Back reopens it), and the entry gets the focus back. */
function closePanel(win: Window, state: ReconcileState): void {
  const [path, query = ''] = win.location.hash.slice(1).split('?', 2);
  const rest = new URLSearchParams(query);
  for (const key of [PANEL_PARAM, ...PANEL_PARAM_KEYS]) rest.delete(key);
  state.focusEntry = true;
  win.location.hash = rest.size ? `${path}?${rest}` : path;
}

/** After a close, the entry (a menu link or the floating button's) takes the focus, once. */
function focusEntry(state: ReconcileState, link: HTMLElement | null | undefined): void {
  if (!state.focusEntry || !link) return;
  state.focusEntry = false;
  link.focus();
}

/**
 * The project's menu entry, or — once the menu has had its grace period and is still not found, and Octopus
 * lets the user see the project — the floating button.
 */
function placeProjectEntry(options: MountOptions, win: Window, state: ReconcileState, spaceId: string, slug: string, open: boolean, schedule: () => void): void {
  const doc = win.document;
  const target: EntryTarget = {
    href: panelRoute(spaceId, slug),
    selected: open,
    onOpen: () => {
      win.location.hash = panelRoute(spaceId, slug).slice(1);
    },
  };
  const nav = findProjectNav(doc, spaceId, slug);
  if (nav) {
    const item = ensureNavEntry(nav, target);
    const hostLinks = [...nav.list.querySelectorAll('a[aria-current], a[data-dora-lens-current]')].filter((a) => !a.closest(`[${MARK}]`));
    yieldCurrent(hostLinks, open);
    removeInjected(doc, 'overlay');
    focusEntry(state, item instanceof HTMLAnchorElement ? item : item.querySelector('a'));
  } else if (performance.now() - state.routeSeenAt < MENU_GRACE_MS) {
    win.setTimeout(schedule, MENU_GRACE_MS);
  } else if (mayOfferButton(options, state, spaceId, slug, schedule)) {
    const button = ensureOverlayButton(doc, target);
    focusEntry(state, button.shadowRoot?.querySelector('a'));
  } else {
    removeInjected(doc, 'overlay');
  }
}

/** Whether Octopus lets the user see the project (asked once per project; the button waits for the answer). */
function mayOfferButton(options: MountOptions, state: ReconcileState, spaceId: string, slug: string, schedule: () => void): boolean {
  if (!options.projectAccess) return true;
  const key = `${spaceId}/${slug}`;
  const known = state.access.get(key);
  if (known === undefined) {
    state.access.set(key, 'pending');
    options.projectAccess(spaceId, slug).then(
      (access) => state.access.set(key, access),
      () => state.access.set(key, 'unknown'),
    ).finally(schedule);
    return false;
  }
  return known === 'visible' || known === 'unknown';
}

/** A pre-Spaces route, as a route with no space id (`''`). */
function legacyRoute(url: Location): OctopusRoute | undefined {
  const legacy = parseLegacyRoute(url);
  return legacy ? { ...legacy, spaceId: '' } : undefined;
}

function isOurs(node: Node): boolean {
  const el = node instanceof Element ? node : node.parentElement;
  return Boolean(el?.closest(`[${MARK}]`));
}
