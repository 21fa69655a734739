/**
 * Keeps DORA Lens's UI in step with the Octopus single-page app: after every route change or host
 * re-render it reconciles what should be on the page (menu entry, overlay button, panel) with what is.
 * Octopus re-renders its menu on client-side navigation, so this runs on DOM mutations too — batched to
 * one reconcile per animation frame, and cheap when nothing changed.
 */
import { ensureNavEntry, ensureOverlayButton, MARK, removeInjected, type EntryTarget } from './inject';
import { PANEL_PARAM, panelRoute } from './panel-link';
import { getLegacyProjectSlug, getProjectSlug, type OctopusRoute, parseLegacyRoute, parseRoute } from './routes';
import { findProjectNav, findSpaceNav } from './selectors';

/** How long a project page may take to render its menu before the floating button is shown instead. */
const MENU_GRACE_MS = 1500;

export interface MountOptions {
  /** Builds the panel's content container (the caller fills it: an iframe of the extension's page). */
  renderPanel: (container: HTMLElement, context: { spaceId: string; projectSlug: string; query: URLSearchParams }) => void;
  /** Re-aligns an open panel with the host layout, which can change after every host render. */
  placePanel: (container: HTMLElement) => void;
  /**
   * Opens the space report, for the entry in the space's main navigation. The entry carries no address:
   * the report is an extension page, whose URL must not be written into the host page (it would tell the
   * page's scripts that DORA Lens is installed, and in Firefox its per-install id).
   */
  openReport?: (spaceId: string) => void;
  signal: AbortSignal;
  win?: Window;
}

export function mountHostIntegration(options: MountOptions): void {
  const { signal, win = window } = options;
  const doc = win.document;
  let scheduled = false;
  const state: ReconcileState = { routeSeenAt: 0, lastHref: '', panelKey: '' };

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
  observer.observe(doc.body, { childList: true, subtree: true });
  win.addEventListener('hashchange', schedule, { signal });
  win.addEventListener('popstate', schedule, { signal });
  win.addEventListener('resize', schedule, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    removeInjected(doc);
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
    state.panelKey = '';
    return;
  }
  const open = route.query.has(PANEL_PARAM);
  placeProjectEntry(win, state, route.spaceId, slug, open, schedule);
  // Filter changes made inside the panel are written back to the route; they must not reload it.
  const key = open ? `${route.spaceId}/${slug}` : '';
  if (key !== state.panelKey || (open && !doc.querySelector(`[${MARK}="panel"]`))) {
    state.panelKey = key;
    removeInjected(doc, 'panel');
    if (open) {
      const container = doc.createElement('div');
      container.setAttribute(MARK, 'panel');
      doc.body.append(container);
      options.renderPanel(container, { spaceId: route.spaceId, projectSlug: slug, query: route.query });
    }
  }
  const panel = doc.querySelector<HTMLElement>(`[${MARK}="panel"]`);
  if (panel) options.placePanel(panel);
}

/** The project's menu entry, or — once the menu has had its grace period and is still not found — the floating button. */
function placeProjectEntry(win: Window, state: ReconcileState, spaceId: string, slug: string, open: boolean, schedule: () => void): void {
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
    ensureNavEntry(nav, target);
    removeInjected(doc, 'overlay');
  } else if (performance.now() - state.routeSeenAt >= MENU_GRACE_MS) {
    ensureOverlayButton(doc, target);
  } else {
    win.setTimeout(schedule, MENU_GRACE_MS);
  }
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
