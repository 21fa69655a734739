import { browser, defineContentScript } from '#imports';
import { startInHostPage } from '@/lib/host/start';
import { declaredHosts } from '@/lib/servers/declared';

export default defineContentScript({
  // The declared hosts; self-hosted servers are registered at runtime once the user grants them (DESIGN.md
  // decision 6).
  matches: declaredHosts(import.meta.env.MODE),
  runAt: 'document_idle',
  main(ctx) {
    // Chromium gives a web-accessible page a per-session URL (`use_dynamic_url`), while the page inside
    // still runs at the extension's own origin: messages from the panel may come from either.
    const pageUrl = browser.runtime.getURL('/insights.html');
    startInHostPage({
      pageUrl,
      extensionOrigins: new Set([new URL(pageUrl).origin, `chrome-extension://${browser.runtime.id}`]),
      // The worker opens it, for the server this page is on (it reads the tab's address itself).
      openReport: (space) => void browser.runtime.sendMessage({ type: 'open-report', space }).catch((error) => console.error('DORA Lens: opening the report failed', error)),
      onInvalidated: (stop) => ctx.onInvalidated(stop),
    });
  },
});
