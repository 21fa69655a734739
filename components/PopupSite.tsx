/**
 * The popup on a tab that is not a space of an enabled server: what it can do there (enable DORA Lens on
 * the site, say the Octopus version is too old) and the servers the user has enabled. Presentational.
 */
import type { ServerSupport } from '@/lib/messages/protocol';

export function NotASite() {
  return <p class="muted">Open your Octopus Deploy server in this tab to see its DORA metrics here.</p>;
}

/** An enabled site outside any space (`label`: the host, or the server's host and path). */
export function EnabledOutsideSpace({ label, server }: { label: string; server?: string }) {
  return (
    <p class="muted" data-server={server}>
      DORA Lens is on for <strong>{label}</strong>. Open a space in Octopus to see its summary here.
    </p>
  );
}

/** An Octopus server too old for DORA Lens (no Spaces) says so; any other, what to open. */
export function ServerOutsideSpace({ server, label, support }: { server: string; label: string; support?: ServerSupport | 'refused' }) {
  if (support && support !== 'refused' && !support.supported) {
    return (
      <section class="card" data-testid="unsupported-version" data-server={server}>
        <h2>This Octopus version is not supported</h2>
        <p>{support.reason}</p>
      </section>
    );
  }
  return <EnabledOutsideSpace label={label} server={server} />;
}

export interface EnableSiteProps {
  host: string;
  /** The user granted access: the tab needs a reload. */
  granted: boolean;
  /** Why the last try did not enable the site. */
  problem?: string;
  onEnable: () => void;
  /** Reloads the tab; absent when the tab cannot be reloaded from here. */
  onReload?: () => void;
}

export function EnableSite({ host, granted, problem, onEnable, onReload }: EnableSiteProps) {
  return (
    <section class="card current-site" aria-labelledby="current-site-heading">
      <h2 id="current-site-heading">{host}</h2>
      {granted ? (
        <>
          <p role="status">Enabled. Reload the Octopus tab to start.</p>
          <button type="button" class="button-primary" onClick={onReload} disabled={!onReload}>
            Reload tab
          </button>
        </>
      ) : (
        <>
          <p>If this is your Octopus Deploy server, allow DORA Lens to read it. Your browser asks once, for this site only.</p>
          <button type="button" class="button-primary" onClick={onEnable}>
            Enable DORA Lens on this site
          </button>
          <p class="status-message status-error" role="status">
            {problem ?? ''}
          </p>
        </>
      )}
    </section>
  );
}

/** The self-hosted servers the user has enabled, each a link to its web app. */
export function ServerLinks({ servers, onOpen }: { servers: readonly { origin: string; href: string }[]; onOpen: (href: string) => void }) {
  return (
    <section aria-labelledby="servers-heading" class="servers">
      <h2 id="servers-heading">Your Octopus servers</h2>
      {servers.length ? (
        <ul class="plain server-links">
          {servers.map(({ origin, href }) => (
            <li key={origin}>
              <a
                href={href}
                onClick={(event) => {
                  event.preventDefault();
                  onOpen(href);
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
