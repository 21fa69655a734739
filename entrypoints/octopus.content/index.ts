import { browser, defineContentScript } from '#imports';
import { mountHostIntegration } from '@/lib/host/mount';
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
    mountHostIntegration({
      signal: controller.signal,
      renderPanel: (container, context) => renderPanelFrame(container, context, browser.runtime.getURL('/insights.html')),
      placePanel: placeBesideMenu,
      reportHref: (spaceId) => `${browser.runtime.getURL('/insights.html')}#${new URLSearchParams({ origin: location.origin, space: spaceId, view: 'report' })}`,
    });
  },
});
