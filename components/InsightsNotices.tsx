/**
 * What the insights page says instead of, or beside, the numbers: that it may not serve its address here,
 * that the server's Octopus is too old, that the first sync is running (or, for the panel's project, has
 * read enough), or what failed and the way on.
 */
import { useState } from 'preact/hooks';
import { formatDateTime } from '@/lib/display/format';
import { errorText } from '@/lib/display/status-note';
import type { ProjectAccess, SyncError } from '@/lib/messages/protocol';
import type { ChannelChoice } from '@/lib/panel/panel-state';
import { Notice } from './Notice';

export interface NotHereProps {
  /** The server as people read it; shown only when the worker said it is one the user enabled. */
  serverLabel: string;
  space: string;
  project: string | null;
  /** Offer to show it here: a top-level tab the extension did not open, on an enabled server. */
  offer: boolean;
  /** The user's click: the worker then serves this tab (a page that opened the tab cannot click in it). */
  onContinue: () => Promise<void>;
}

/**
 * The page may not serve its hash here: framed on another site, opened by a web page, naming a server that is
 * not enabled or ids that are not Octopus's. Nothing from the hash is shown unless `offer` says the server is
 * one the user enabled.
 */
export function NotHere({ serverLabel, space, project, offer, onContinue }: NotHereProps) {
  const [failed, setFailed] = useState<string>();
  const proceed = () => onContinue().catch((error: unknown) => setFailed(errorText(error)));
  return (
    <main class="insights">
      <Notice title="Open DORA Lens from your Octopus server" testId="not-here">
        <p>DORA Lens shows a project’s insights from the DORA Lens entry in its Octopus menu, and a space report from the space’s menu or the DORA Lens toolbar button.</p>
        {offer && (
          <>
            <p>
              This tab was not opened by DORA Lens. Show {project ? <>the insights of project <strong>{project}</strong> in</> : 'the report of'} <strong>{space}</strong> on{' '}
              <strong>{serverLabel}</strong> here?
            </p>
            <button type="button" class="button-primary" onClick={proceed} data-testid="continue-here">
              {project ? 'Show the insights' : 'Show the report'}
            </button>
            {failed && <p class="status-message status-error">{failed}</p>}
          </>
        )}
      </Notice>
    </main>
  );
}

/** The panel on a page of a server whose Octopus is too old for DORA Lens. */
export function UnsupportedVersion({ reason }: { reason?: string }) {
  return (
    <main class="insights">
      <Notice title="This Octopus version is not supported" tone="error" testId="error-unsupported-version">
        <p>{reason}</p>
      </Notice>
    </main>
  );
}

export function FirstSyncNotice({ serverLabel }: { serverLabel: string }) {
  return (
    <Notice title="Syncing your deployment history" testId="first-sync">
      <p>The first sync reads this space’s whole history from {serverLabel}; later ones only what changed. The numbers appear when it finishes.</p>
    </Notice>
  );
}

/** The first sync read this page's project first: its numbers are complete, the rest of the space is not. */
export function SpaceStillLoading({ serverLabel }: { serverLabel: string }) {
  return (
    <Notice title="The rest of the space is still loading" testId="space-still-loading">
      <p>This project’s whole history is here, so its numbers are complete. DORA Lens is reading the rest of the space from {serverLabel} in the background.</p>
    </Notice>
  );
}

/**
 * The one empty state of a view with nothing to show: never deployed (with the channels and environments it
 * was deployed through and to, to switch to), or nothing in the range.
 */
export function PanelEmpty({
  title,
  text,
  channels,
  choices,
  onChannel,
  onChoose,
}: {
  title: string;
  text: string;
  channels: ChannelChoice[];
  choices: { id: string; name: string }[];
  onChannel: (channel: ChannelChoice) => void;
  onChoose: (id: string) => void;
}) {
  return (
    <Notice title={title} testId="panel-empty">
      <p>{text}</p>
      {channels.length + choices.length > 0 && (
        <ul class="plain row choices">
          {channels.map((c) => (
            <li key={c.id}>
              <button type="button" data-channel={c.id} onClick={() => onChannel(c)}>
                {c.name} channel
              </button>
            </li>
          ))}
          {choices.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => onChoose(c.id)}>
                {c.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Notice>
  );
}

/** Beside numbers that could not be brought up to date: from when they are. */
export function StaleNumbers({ lastSyncedAt, timeZone }: { lastSyncedAt: number; timeZone: string }) {
  return (
    <p class="stale-note" data-testid="stale-numbers">
      The numbers below are from the last sync, on {formatDateTime(lastSyncedAt, timeZone)}, not current.
    </p>
  );
}

/** The cache was cleared in the options page while this page was open. */
export function CacheCleared({ onSync }: { onSync: () => void }) {
  return (
    <Notice title="The cached data was cleared" testId="cache-cleared">
      <p>DORA Lens’s copy of this server’s deployment history was deleted in its options, so there are no numbers to show. A sync reads it again from Octopus.</p>
      <button type="button" class="button-primary" onClick={onSync}>
        Sync now
      </button>
    </Notice>
  );
}

const ACCESS_WORDS: Record<ProjectAccess | 'asking', { title: string; text: string }> = {
  asking: { title: 'Checking this project with Octopus…', text: 'It is not in DORA Lens’s synced data.' },
  forbidden: {
    title: 'Your Octopus account may not see this project',
    text: 'Octopus does not give your account permission to view this project, so DORA Lens has nothing to show for it. An Octopus administrator can grant access.',
  },
  missing: { title: 'There is no such project', text: 'Octopus has no project at this address in this space: it may have been deleted or renamed.' },
  visible: { title: 'This project is new since the last sync', text: 'Octopus shows it to you, but DORA Lens has not read its deployments yet. Sync to read them.' },
};

/** A project the cache does not have, once Octopus has said why: forbidden, missing, or new. */
export function ProjectNotInCache({ access, onSync }: { access: ProjectAccess | 'asking'; onSync: () => void }) {
  const words = ACCESS_WORDS[access];
  return (
    <Notice title={words.title} testId={`project-${access}`}>
      <p>{words.text}</p>
      {access === 'visible' && (
        <button type="button" class="button-primary" onClick={onSync}>
          Sync now
        </button>
      )}
    </Notice>
  );
}

const ERROR_TITLES: Record<string, string> = {
  'not-signed-in': 'Sign in to Octopus',
  forbidden: 'Octopus did not allow this',
  'unsupported-version': 'This Octopus version is not supported',
};

/**
 * What failed and the way on. Signing in: `signIn` (built by DORA Lens from the server's base URL) returns to
 * the panel's own view, or opens beside a report tab; else the server's sign-in page the worker named.
 */
export function ErrorNotice({ error, onRetry, signIn }: { error: SyncError; onRetry: () => void; signIn?: { url: string; newTab: boolean } }) {
  const title = ERROR_TITLES[error.kind] ?? 'The sync failed';
  const url = error.signInUrl && (signIn?.url ?? error.signInUrl);
  const newTab = !signIn || signIn.newTab;
  return (
    <Notice title={title} tone="error" testId={`error-${error.kind}`}>
      <p>{error.message}</p>
      {error.serverText && <ServerText text={error.serverText} />}
      {error.kind === 'unsupported-version' ? null : url ? (
        <a class="button-primary" href={url} target={newTab ? '_blank' : '_top'} rel="noopener" data-testid="sign-in">
          Sign in{newTab ? ' (opens a new tab)' : ''}
        </a>
      ) : (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </Notice>
  );
}

/** Words that came from the server, set apart and attributed: never read as DORA Lens's own instruction. */
function ServerText({ text }: { text: string }) {
  return (
    <figure class="server-text" data-testid="server-text">
      <figcaption>The server said:</figcaption>
      <blockquote>{text.length > 500 ? `${text.slice(0, 500)}…` : text}</blockquote>
    </figure>
  );
}
