/**
 * Keeps DORA Lens's UI in step with the Octopus single-page app: after every route change or host
 * re-render it reconciles what should be on the page (menu entry, overlay button, panel) with what is.
 * Octopus re-renders its menu on client-side navigation, so this runs on DOM mutations too — batched to
 * one reconcile per animation frame, and cheap when nothing changed.
 */
import { ensureNavEntry, ensureOverlayButton, MARK, removeInjected, type EntryTarget } from './inject';
import { getLegacyProjectSlug, getProjectSlug, type OctopusRoute, parseLegacyRoute, parseRoute } from './routes';
import { findProjectNav, findSpaceNav } from './selectors';

/** Query parameter (inside the hash route) that says the DORA Lens panel is open, so views can be shared. */
export const PANEL_PARAM = 'doraLens';

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

export function mountHostIntegration({ renderPanel, placePanel, openReport, signal, win = window }: MountOptions): void {
  const doc = win.document;
  let scheduled = false;
  let routeSeenAt = 0;
  let lastHref = '';
  let panelKey = '';

  const reconcile = () => {
    scheduled = false;
    if (signal.aborted) return;
    if (win.location.href !== lastHref) {
      lastHref = win.location.href;
      routeSeenAt = performance.now();
    }
    // A server before Spaces gets the entry too, so the panel can say it is not supported.
    const route = parseRoute(win.location) ?? legacyRoute(win.location);
    const slug = getProjectSlug(win.location) ?? getLegacyProjectSlug(win.location);
    if (!route) {
      removeInjected(doc);
      panelKey = '';
      return;
    }
    const spaceNav = openReport && route.spaceId ? findSpaceNav(doc, route.spaceId) : undefined;
    if (spaceNav && openReport) {
      const title = 'DORA metrics across this space: opens the DORA Lens space report';
      ensureNavEntry(spaceNav, { title, selected: false, onOpen: () => openReport(route.spaceId) }, 'space-entry');
    }
    if (!slug) {
      for (const kind of ['nav-entry', 'overlay', 'panel'] as const) removeInjected(doc, kind);
      panelKey = '';
      return;
    }
    const open = route.query.has(PANEL_PARAM);
    const target: EntryTarget = {
      href: panelHref(route.spaceId, slug),
      selected: open,
      onOpen: () => {
        win.location.hash = panelHref(route.spaceId, slug).slice(1);
      },
    };
    const nav = findProjectNav(doc, route.spaceId, slug);
    if (nav) {
      ensureNavEntry(nav, target);
      removeInjected(doc, 'overlay');
    } else if (performance.now() - routeSeenAt >= MENU_GRACE_MS) {
      ensureOverlayButton(doc, target);
    } else {
      win.setTimeout(schedule, MENU_GRACE_MS);
    }
    // Filter changes made inside the panel are written back to the route; they must not reload it.
    const key = open ? `${route.spaceId}/${slug}` : '';
    if (key !== panelKey || (open && !doc.querySelector(`[${MARK}="panel"]`))) {
      panelKey = key;
      removeInjected(doc, 'panel');
      if (open) {
        const container = doc.createElement('div');
        container.setAttribute(MARK, 'panel');
        doc.body.append(container);
        renderPanel(container, { spaceId: route.spaceId, projectSlug: slug, query: route.query });
      }
    }
    const panel = doc.querySelector<HTMLElement>(`[${MARK}="panel"]`);
    if (panel) placePanel(panel);
  };

  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    win.requestAnimationFrame(reconcile);
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

/** A pre-Spaces route, as a route with no space id (`''`). */
function legacyRoute(url: Location): OctopusRoute | undefined {
  const legacy = parseLegacyRoute(url);
  return legacy ? { ...legacy, spaceId: '' } : undefined;
}

function isOurs(node: Node): boolean {
  const el = node instanceof Element ? node : node.parentElement;
  return Boolean(el?.closest(`[${MARK}]`));
}

/** The shareable host route that opens the panel for a project. */
export function panelHref(spaceId: string, projectSlug: string): string {
  return `#${spaceId ? `/${spaceId}` : ''}/projects/${encodeURIComponent(projectSlug)}/deployments?${PANEL_PARAM}=insights`;
}
