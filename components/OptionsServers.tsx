import { useState } from 'preact/hooks';
import { parseServerUrl, webAppUrl } from '@/lib/host/server-url';
import { errorText, type StatusNote } from '@/lib/display/status-note';
import { StatusMessage } from './StatusMessage';

interface OptionsServersProps {
  /** Self-hosted servers the user has granted; `undefined` while loading. */
  servers: readonly string[] | undefined;
  /** Starts the browser's permission prompt at once (it needs the click's user gesture). */
  enable: (origin: string) => Promise<boolean>;
  revoke: (origin: string) => Promise<void>;
  /** Deletes the cached history and saved reports of every server on a site. */
  forget: (origin: string) => Promise<void>;
  /** Servers DORA Lens found too old to support, and why. */
  unsupported?: readonly { server: string; reason: string }[];
}

const ERROR_ID = 'server-address-error';
const HINT_ID = 'server-address-hint';

/** The servers DORA Lens may read, and the form to add one. */
export function OptionsServers({ servers, enable, revoke, forget, unsupported = [] }: OptionsServersProps) {
  const [notice, setNotice] = useState<StatusNote>();
  const [revoking, setRevoking] = useState<string>();
  /** A site just revoked, whose data the user may delete too. */
  const [revoked, setRevoked] = useState<string>();

  /** Resolves to whether the server is now enabled (the form then clears). */
  const onAdd = (parsed: { origin: string; isCloud: boolean }): Promise<boolean> => {
    if (parsed.isCloud) {
      setNotice({ tone: 'info', text: `${parsed.origin} is on Octopus Cloud, where DORA Lens always works: nothing to enable.` });
      return Promise.resolve(false);
    }
    if (servers?.includes(parsed.origin)) {
      setNotice({ tone: 'info', text: `${parsed.origin} is already enabled.` });
      return Promise.resolve(false);
    }
    // Nothing may be awaited before this call: the browser only shows its prompt during the user's gesture.
    return enable(parsed.origin).then(
      (granted) => {
        setNotice(
          granted
            ? { tone: 'success', text: `Enabled ${parsed.origin}. Reload any Octopus tab open on it to see DORA Lens.` }
            : { tone: 'error', text: `Access to ${parsed.origin} was not granted, so DORA Lens stays off there.` },
        );
        return granted;
      },
      (failure: unknown) => {
        setNotice({ tone: 'error', text: `Could not ask for access to ${parsed.origin}: ${errorText(failure)}` });
        return false;
      },
    );
  };
  const onRevoke = (origin: string) => {
    setRevoking(origin);
    revoke(origin)
      .then(
        () => {
          setRevoked(origin);
          setNotice({ tone: 'success', text: `Access to ${origin} removed: DORA Lens sends it nothing more.` });
        },
        (failure: unknown) => setNotice({ tone: 'error', text: `Could not remove access to ${origin}: ${errorText(failure)}` }),
      )
      .finally(() => setRevoking(undefined));
  };
  const onForget = (origin: string) =>
    forget(origin).then(
      () => {
        setRevoked(undefined);
        setNotice({ tone: 'success', text: `Deleted the cached history and saved reports of ${origin}.` });
      },
      (failure: unknown) => setNotice({ tone: 'error', text: `Could not delete the data of ${origin}: ${errorText(failure)}` }),
    );

  return (
    <>
      <p>
        Octopus Cloud (<code>*.octopus.app</code>) is always enabled. A self-hosted server needs your permission once;
        DORA Lens then reads it through your signed-in session.
      </p>
      <h3>Self-hosted servers</h3>
      <ServerList servers={servers} revoking={revoking} onRevoke={onRevoke} />
      {unsupported.length > 0 && <UnsupportedServers servers={unsupported} />}
      <AddServerForm onAdd={onAdd} />
      <StatusMessage note={notice} testId="servers-notice" />
      {revoked && (
        <div class="row revoked-data" data-testid="forget-server">
          <span>Delete what DORA Lens keeps for {revoked} too (its cached history and your saved reports)?</span>
          <button type="button" class="button-danger" onClick={() => void onForget(revoked)}>
            Delete its data
          </button>
          <button type="button" onClick={() => setRevoked(undefined)}>
            Keep it
          </button>
        </div>
      )}
    </>
  );
}

function ServerList({ servers, revoking, onRevoke }: { servers: readonly string[] | undefined; revoking?: string; onRevoke: (origin: string) => void }) {
  if (servers === undefined) return <p class="muted">Loading…</p>;
  if (servers.length === 0) {
    return (
      <p class="muted" data-testid="no-servers">
        None yet. Add one below, or choose “Enable DORA Lens on this site” in the toolbar popup on your Octopus tab.
      </p>
    );
  }
  return (
    <ul class="plain server-list" data-testid="server-list">
      {servers.map((origin) => (
        <li key={origin} class="server-item">
          <a href={webAppUrl(origin)} target="_blank" rel="noreferrer">
            {origin}
          </a>
          <button type="button" class="button-danger" disabled={revoking === origin} aria-label={`Revoke access to ${origin}`} onClick={() => onRevoke(origin)}>
            {revoking === origin ? 'Revoking…' : 'Revoke'}
          </button>
        </li>
      ))}
    </ul>
  );
}

function UnsupportedServers({ servers }: { servers: readonly { server: string; reason: string }[] }) {
  return (
    <ul class="plain unsupported-servers" data-testid="unsupported-servers">
      {servers.map(({ server, reason }) => (
        <li key={server} class="field-error">
          <strong>{server}</strong>: {reason}
        </li>
      ))}
    </ul>
  );
}

/** The address field: what is wrong with an address is said beside it, and nothing is asked for. */
function AddServerForm({ onAdd }: { onAdd: (parsed: { origin: string; isCloud: boolean }) => Promise<boolean> }) {
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string>();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const parsed = parseServerUrl(address);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(undefined);
    void onAdd(parsed).then((enabled) => enabled && setAddress(''));
  };
  return (
    <form class="add-server" onSubmit={onSubmit} noValidate>
      <div class="field">
        <label for="server-address">Add a server</label>
        <span id={HINT_ID} class="field-hint">
          Its address, for example https://octopus.example.com. The browser grants access to the whole host.
        </span>
        <div class="row">
          <input
            id="server-address"
            type="text"
            inputMode="url"
            autoComplete="url"
            spellcheck={false}
            class="grow"
            value={address}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${HINT_ID} ${ERROR_ID}` : HINT_ID}
            onInput={(event) => setAddress(event.currentTarget.value)}
          />
          <button type="submit" class="button-primary">
            Enable
          </button>
        </div>
        {error ? (
          <span id={ERROR_ID} class="field-error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
    </form>
  );
}
