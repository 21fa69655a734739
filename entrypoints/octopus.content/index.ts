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
      // The worker asks Octopus, for the server this page is on (it reads the tab's address itself).
      projectAccess: async (space, project) => {
        const reply = (await browser.runtime.sendMessage({ type: 'project-access', space, project })) as { ok: boolean; value?: { access?: string } } | undefined;
        const access = reply?.ok ? reply.value?.access : undefined;
        return access === 'visible' || access === 'forbidden' || access === 'missing' ? access : 'unknown';
      },
      // A hint only: the worker checks it like any request and asks Octopus nothing for it.
      projectVisited: (space, project) => void browser.runtime.sendMessage({ type: 'keep-project', space, project }).catch(() => undefined),
      onInvalidated: (stop) => ctx.onInvalidated(stop),
    });
  },
});
