import { browser, defineContentScript } from '#imports';
import { mountHostIntegration } from '@/lib/host/mount';
import { serverOfPage } from '@/lib/server-url';
import { placeBesideMenu, renderPanelFrame } from './panel-frame';

export default defineContentScript({
  // Octopus Cloud is declared; self-hosted servers are registered at runtime once the user grants them
  // (DESIGN.md decision 6). The e2e build also declares the local emulator.
  matches: import.meta.env.MODE === 'e2e' ? ['https://*.octopus.app/*', 'http://127.0.0.1/*', 'http://localhost/*'] : ['https://*.octopus.app/*'],
  runAt: 'document_idle',
  main(ctx) {
    // A second copy (extension reloaded or updated) must not add a second entry.
    const root = document.documentElement;
    if (root.hasAttribute('data-dora-lens-loaded')) return;
    root.setAttribute('data-dora-lens-loaded', '');
    const controller = new AbortController();
    ctx.onInvalidated(() => {
      controller.abort();
      root.removeAttribute('data-dora-lens-loaded');
    });
    // Chromium gives a web-accessible page a per-session URL (`use_dynamic_url`), while the page inside
    // still runs at the extension's own origin: messages from the panel may come from either.
    const pageUrl = browser.runtime.getURL('/insights.html');
    const extensionOrigins = new Set([new URL(pageUrl).origin, `chrome-extension://${browser.runtime.id}`]);
    mountHostIntegration({
      signal: controller.signal,
      renderPanel: (container, context) => {
        // The page's own address says which server this is; the route parser only accepts the web app's.
        const server = serverOfPage(location.href);
        if (server) renderPanelFrame(container, { ...context, server }, pageUrl, extensionOrigins);
      },
      placePanel: placeBesideMenu,
      // The worker opens it, for the server this page is on (it reads the tab's address itself).
      openReport: (space) => void browser.runtime.sendMessage({ type: 'open-report', space }).catch((error) => console.error('DORA Lens: opening the report failed', error)),
    });
  },
});
