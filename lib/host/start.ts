/**
 * DORA Lens in an Octopus page, from the content script's start to its end: the page is claimed once (a
 * second copy — the extension reloaded or updated — adds nothing), the menu entries and the panel follow the
 * route (./mount.ts), and the panel is an iframe of the extension's insights page for the server this page
 * is on (./panel-frame.ts). The content script hands in only what the extension knows.
 */
import { type HostProjectAccess, mountHostIntegration } from './mount';
import { placeBesideMenu, renderPanelFrame } from './panel-frame';
import { serverOfPage } from './server-url';

/** Set on the page's root while a copy of the content script runs there. */
const LOADED = 'data-dora-lens-loaded';

export interface HostStart {
  /** The insights page's address, as the content script may frame it. */
  pageUrl: string;
  /** Where the panel's messages may come from: the page's origin and the extension's own. */
  extensionOrigins: ReadonlySet<string>;
  /** Asks the worker to open the space report. */
  openReport: (spaceId: string) => void;
  /** Asks the worker whether Octopus lets the user see a project. */
  projectAccess: (spaceId: string, projectSlug: string) => Promise<HostProjectAccess>;
  /** Tells the worker the user is on a project's pages (it prepares the project's rows for its panel). */
  projectVisited: (spaceId: string, projectSlug: string) => void;
  /** Registers what to do when this copy of the content script is retired. */
  onInvalidated: (stop: () => void) => void;
}

export function startInHostPage({ pageUrl, extensionOrigins, openReport, projectAccess, projectVisited, onInvalidated }: HostStart): void {
  const root = document.documentElement;
  if (root.hasAttribute(LOADED)) return;
  root.setAttribute(LOADED, '');
  const controller = new AbortController();
  onInvalidated(() => {
    controller.abort();
    root.removeAttribute(LOADED);
  });
  mountHostIntegration({
    signal: controller.signal,
    renderPanel: (container, context, close) => {
      // The page's own address says which server this is; the route parser only accepts the web app's.
      const server = serverOfPage(location.href);
      if (server) renderPanelFrame(container, { ...context, server }, pageUrl, extensionOrigins, close);
    },
    placePanel: placeBesideMenu,
    openReport,
    projectAccess,
    projectVisited,
  });
}
