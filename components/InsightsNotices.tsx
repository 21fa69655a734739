/**
 * What the insights page says instead of, or beside, the numbers: that it may not serve its address here,
 * that the server's Octopus is too old, that the first sync is running (or, for the panel's project, has
 * read enough), or what failed and the way on.
 */
import { useState } from 'preact/hooks';
import { errorText } from '@/lib/display/status-note';
import type { SyncError } from '@/lib/messages/protocol';
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

/** The panel's project is not in the cache: new since the last sync, or not visible to the user. */
export function ProjectMissing({ project }: { project: string }) {
  return (
    <Notice title="This project is not in your synced data" testId="project-missing">
      <p>
        DORA Lens has no deployments for <strong>{project}</strong>. Either the project was created after the last sync — use “Sync now” — or your Octopus account
        cannot see it.
      </p>
    </Notice>
  );
}

export function NothingDeployed({ environment }: { environment?: string }) {
  return (
    <Notice title={`Nothing deployed to ${environment ?? 'this environment'} in this period`} testId="nothing-deployed">
      <p>Pick another environment or a longer time range. Deployments still queued or running count once they finish.</p>
    </Notice>
  );
}

const ERROR_TITLES: Record<string, string> = {
  'not-signed-in': 'Sign in to Octopus',
  forbidden: 'Octopus did not allow this',
  'unsupported-version': 'This Octopus version is not supported',
};

export function ErrorNotice({ error, onRetry }: { error: SyncError; onRetry: () => void }) {
  const title = ERROR_TITLES[error.kind] ?? 'The sync failed';
  return (
    <Notice title={title} tone="error" testId={`error-${error.kind}`}>
      <p>{error.message}</p>
      {error.serverText && <ServerText text={error.serverText} />}
      {error.kind === 'unsupported-version' ? null : error.signInUrl ? (
        <a class="button-primary" href={error.signInUrl} target="_top" rel="noopener">
          Sign in
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
