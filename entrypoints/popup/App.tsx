import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { errorText } from '@/components/StatusMessage';
import { SpaceSummary } from '@/components/SpaceSummary';
import { askWorker, type ServerSupport } from '@/lib/messages';
import { serverLabel } from '@/lib/server-url';
import { enabledServers, enableServer } from '@/lib/servers';
import { readActiveTab, type TabContext } from './active-tab';
import { useSpaceSummary } from './use-space-summary';

type EnableState = { step: 'idle' } | { step: 'granted' } | { step: 'refused' } | { step: 'failed'; message: string };

const openTab = (url: string) => void browser.tabs.create({ url }).then(() => window.close());
const openOptions = () => void browser.runtime.openOptionsPage().then(() => window.close());

export function App() {
  const [tab, setTab] = useState<TabContext>();
  const [servers, setServers] = useState<string[]>();

  useEffect(() => {
    readActiveTab().then(setTab, (error: unknown) => {
      console.error('DORA Lens: reading the active tab failed', error);
      setTab({ kind: 'other' });
    });
    enabledServers().then(setServers, () => setServers([]));
  }, []);

  return (
    <div class="popup">
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
          <CurrentSite tab={tab} />
          <ServerList servers={servers} />
        </>
      )}
    </div>
  );
}

/** Retry starts the space's lookup over (who is signed in, the cache, a sync) by mounting it afresh. */
function SpaceSection({ server, spaceId }: { server: string; spaceId: string }) {
  const [attempt, setAttempt] = useState(0);
  return <ConnectedSummary key={attempt} server={server} spaceId={spaceId} retry={() => setAttempt((n) => n + 1)} />;
}

function ConnectedSummary({ server, spaceId, retry }: { server: string; spaceId: string; retry: () => void }) {
  return <SpaceSummary {...useSpaceSummary(server, spaceId, retry)} />;
}

function CurrentSite({ tab }: { tab: Exclude<TabContext, { kind: 'space' }> }) {
  const [state, setState] = useState<EnableState>({ step: 'idle' });
  if (tab.kind === 'other') {
    return <p class="muted">Open your Octopus Deploy server in this tab to see its DORA metrics here.</p>;
  }
  const host = new URL(tab.origin).host;
  if (tab.enabled) {
    return tab.server ? (
      <OctopusOutsideSpace server={tab.server} />
    ) : (
      <p class="muted">
        DORA Lens is on for <strong>{host}</strong>. Open a space in Octopus to see its summary here.
      </p>
    );
  }

  const enable = () => {
    // First thing in the click handler: the permission prompt needs the user's gesture.
    enableServer(tab.origin).then(
      (granted) => setState({ step: granted ? 'granted' : 'refused' }),
      (error: unknown) => setState({ step: 'failed', message: errorText(error) }),
    );
  };
  const reload = () => {
    if (tab.tabId !== undefined) void browser.tabs.reload(tab.tabId).then(() => window.close());
  };

  return (
    <section class="card current-site" aria-labelledby="current-site-heading">
      <h2 id="current-site-heading">{host}</h2>
      {state.step === 'granted' ? (
        <>
          <p role="status">Enabled. Reload the Octopus tab to start.</p>
          <button type="button" class="button-primary" onClick={reload} disabled={tab.tabId === undefined}>
            Reload tab
          </button>
        </>
      ) : (
        <>
          <p>If this is your Octopus Deploy server, allow DORA Lens to read it. Your browser asks once, for this site only.</p>
          <button type="button" class="button-primary" onClick={enable}>
            Enable DORA Lens on this site
          </button>
          <p class="status-message status-error" role="status">
            {state.step === 'refused' ? 'Access was not granted.' : state.step === 'failed' ? `Could not ask for access: ${state.message}` : ''}
          </p>
        </>
      )}
    </section>
  );
}

/** An Octopus page outside any space: a server too old for DORA Lens (no Spaces) says so here. */
function OctopusOutsideSpace({ server }: { server: string }) {
  const [support, setSupport] = useState<ServerSupport>();
  useEffect(() => {
    askWorker({ type: 'server-info', server }).then(setSupport, (error: unknown) => console.error('DORA Lens: reading the server version failed', error));
  }, [server]);
  if (support && !support.supported) {
    return (
      <section class="card" data-testid="unsupported-version" data-server={server}>
        <h2>This Octopus version is not supported</h2>
        <p>{support.reason}</p>
      </section>
    );
  }
  return (
    <p class="muted" data-server={server}>
      DORA Lens is on for <strong>{serverLabel(server)}</strong>. Open a space in Octopus to see its summary here.
    </p>
  );
}

function ServerList({ servers }: { servers: string[] | undefined }) {
  if (servers === undefined) return null;
  return (
    <section aria-labelledby="servers-heading" class="servers">
      <h2 id="servers-heading">Your Octopus servers</h2>
      {servers.length ? (
        <ul class="plain server-links">
          {servers.map((origin) => (
            <li key={origin}>
              <a
                href={`${origin}/app`}
                onClick={(event) => {
                  event.preventDefault();
                  openTab(`${origin}/app`);
                }}
              >
                {origin}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No self-hosted servers enabled yet.</p>
      )}
      <p class="muted">
        Octopus Cloud (<code>*.octopus.app</code>) works without enabling.
      </p>
    </section>
  );
}
