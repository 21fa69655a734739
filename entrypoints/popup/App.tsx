import { useLayoutEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { EnableSite, EnabledOutsideSpace, NotASite, ServerLinks, ServerOutsideSpace } from '@/components/PopupSite';
import { SpaceSummary } from '@/components/SpaceSummary';
import { serverLabel, webAppUrl } from '@/lib/host/server-url';
import type { TabContext } from '@/lib/host/tab-context';
import { useActiveTab, useEnableSite } from '@/lib/ui/active-tab';
import { useServerSupport } from '@/lib/ui/use-server-support';
import { useSpaceSummary } from '@/lib/ui/use-space-summary';

const openTab = (url: string) => void browser.tabs.create({ url }).then(() => window.close());
const openOptions = () => void browser.runtime.openOptionsPage().then(() => window.close());

export function App() {
  const { tab, servers } = useActiveTab();
  return (
    <main class="popup">
      <header class="popup-header">
        <h1>DORA Lens</h1>
        <button type="button" class="button-link" onClick={openOptions}>
          Settings
        </button>
      </header>
      {tab === undefined ? (
        <p class="muted">Loading…</p>
      ) : tab.kind === 'space' ? (
        <SpaceSection server={tab.server} spaceId={tab.spaceId} />
      ) : (
        <>
          {tab.kind === 'other' ? <NotASite /> : tab.enabled ? <EnabledSite tab={tab} /> : <SiteToEnable tab={tab} />}
          {servers && <ServerLinks servers={servers.map((origin) => ({ origin, href: webAppUrl(origin) }))} onOpen={openTab} />}
        </>
      )}
    </main>
  );
}

type SiteTab = Extract<TabContext, { kind: 'site' }>;

/** Retry starts the space's lookup over (who is signed in, the cache, a sync) by mounting it afresh. */
function SpaceSection({ server, spaceId }: { server: string; spaceId: string }) {
  const [attempt, setAttempt] = useState(0);
  return <ConnectedSummary key={attempt} server={server} spaceId={spaceId} retry={() => setAttempt((n) => n + 1)} />;
}

function ConnectedSummary({ server, spaceId, retry }: { server: string; spaceId: string; retry: () => void }) {
  const view = useSpaceSummary(server, spaceId, retry);
  // For `npm run bench:sync`: when the numbers are on screen.
  useLayoutEffect(() => {
    if (view.state.kind === 'ready') performance.mark('dora-lens:summary');
  }, [view.state.kind]);
  return <SpaceSummary {...view} />;
}

function EnabledSite({ tab }: { tab: SiteTab }) {
  return tab.server ? <ConnectedServer server={tab.server} /> : <EnabledOutsideSpace label={new URL(tab.origin).host} />;
}

function ConnectedServer({ server }: { server: string }) {
  return <ServerOutsideSpace server={server} label={serverLabel(server)} support={useServerSupport(server)} />;
}

function SiteToEnable({ tab }: { tab: SiteTab }) {
  const { granted, problem, enable, reload } = useEnableSite(tab.origin, tab.tabId);
  return <EnableSite host={new URL(tab.origin).host} granted={granted} problem={problem} onEnable={enable} onReload={reload} />;
}
