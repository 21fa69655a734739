/**
 * The insights page. Inside Octopus it is the project panel (an iframe the content script opens); as a
 * tab it is the space report. Its URL hash carries the server, space, project and view parameters — which
 * anyone can write: the page is web-accessible. So it first asks the worker whether it may serve them
 * here (lib/trust/authorize.ts) and reads no cache, status or report before a yes.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Notice } from '@/components/Notice';
import { SyncBar } from '@/components/SyncBar';
import { type PanelParams, readPanelParams, writePanelParams } from '@/lib/panel-params';
import type { ViewSettings } from '@/lib/project-view';
import { ProjectInsights } from './ProjectInsights';
import { SpaceReport } from './report/SpaceReport';
import { askWorker, type ServerSupport } from '@/lib/messages';
import { serverLabel } from '@/lib/server-url';
import type { SyncError } from '@/lib/sync/status';
import { useSettings } from '@/lib/ui/use-settings';
import { useSpaceHistory } from '@/lib/ui/use-space-history';

export function InsightsApp() {
  const hash = useMemo(() => new URLSearchParams(location.hash.slice(1)), []);
  const server = hash.get('server') ?? '';
  const space = hash.get('space') ?? '';
  const project = hash.get('project');
  // The opening ticket is presented once; it must not stay in the address (reloads are served by tab).
  const ticket = useMemo(() => {
    const value = hash.get('ticket') ?? undefined;
    if (value) {
      const rest = new URLSearchParams(hash);
      rest.delete('ticket');
      history.replaceState(null, '', `#${rest}`);
    }
    return value;
  }, [hash]);
  const dark = hash.get('theme') === 'dark' || (hash.get('theme') !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  const [params, setParams] = useState<PanelParams>(() => readPanelParams(hash));
  const userSettings = useSettings();
  const settings: ViewSettings = useMemo(
    () => ({ timeZone: userSettings.timeZone, weekStart: userSettings.weekStart, tierYear: userSettings.tierYear }),
    [userSettings.timeZone, userSettings.weekStart, userSettings.tierYear],
  );
  const [now, setNow] = useState(() => Date.now());
  const [attempt, setAttempt] = useState(0);
  const { data, status, syncError, syncNow } = useSpaceHistory(server, space, {
    blockedIsFailure: userSettings.blockedIsFailure,
    staleAfterMs: userSettings.refreshMinutes * 60_000,
    ticket,
    attempt,
  });

  useEffect(() => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  }, [dark]);
  // Re-anchor "now" when fresh data arrives, so relative ranges include it.
  useEffect(() => setNow(Date.now()), [data.state === 'ready' ? data.history : null]);

  const updateParams = (patch: Partial<PanelParams>) => {
    const next: PanelParams = { ...params, ...patch };
    if (patch.range === 'custom' && (!next.from || !next.to)) {
      const today = new Date(now).toISOString().slice(0, 10);
      next.from = new Date(now - 30 * 86_400_000).toISOString().slice(0, 10);
      next.to = today;
    }
    if (patch.channel !== undefined && patch.environment === '') next.environment = undefined;
    setParams(next);
    const shared = writePanelParams(next);
    history.replaceState(null, '', `#${writePanelParams(next, new URLSearchParams(hash)).toString()}`);
    // The host page keeps the view in its own route, so the Octopus URL can be shared (only ever posted to
    // the server's origin, and only once the worker has confirmed the page is on it).
    if (window.parent !== window && (data.state === 'ready' || data.state === 'syncing')) window.parent.postMessage({ type: 'dora-lens:params', params: shared.toString() }, new URL(server).origin);
  };

  // A page of a server without Spaces has no space: the panel place says whether that server is supported.
  if (server && !space) return <NoSpace server={server} />;
  if (!server || !space || (data.state === 'error' && data.error.kind === 'not-allowed')) {
    const refusal = data.state === 'error' ? data.error : undefined;
    return <NotHere refusal={refusal} server={server} space={space} project={project} onContinue={() => setAttempt((n) => n + 1)} />;
  }

  return (
    <main class="insights">
      <header class="insights-header">
        <h1>
          DORA Lens <span class="muted">· {project ? 'project insights' : 'space report'}</span>
        </h1>
        {data.state !== 'error' && data.state !== 'loading' && (
          <SyncBar status={status} lastSyncedAt={data.state === 'ready' ? data.lastSyncedAt : undefined} now={now} onSync={syncNow} />
        )}
      </header>
      {data.state === 'loading' && <p class="muted">{data.message}</p>}
      {data.state === 'error' && <ErrorNotice error={data.error} onRetry={syncNow} />}
      {data.state === 'syncing' && status?.state !== 'failed' && (
        <Notice title="Syncing your deployment history" testId="first-sync">
          <p>The first sync reads this space’s whole history from {serverLabel(server)}; later ones only what changed. The numbers appear when it finishes.</p>
        </Notice>
      )}
      {/* A failed first sync (nothing to show yet) or a failed later one (older numbers stay on screen). */}
      {syncError && data.state === 'ready' && <ErrorNotice error={syncError} onRetry={syncNow} />}
      {!syncError && status?.state === 'failed' && status.error && (data.state === 'ready' || data.state === 'syncing') && (
        <ErrorNotice error={status.error} onRetry={syncNow} />
      )}
      {data.state === 'ready' && project && (
        <ProjectInsights
          prepared={data.prepared}
          projectSlug={project}
          params={params}
          settings={settings}
          now={now}
          dark={dark}
          onParams={updateParams}
          onFirstChart={() => performance.mark('dora-lens:first-chart')}
        />
      )}
      {data.state === 'ready' && !project && (
        <SpaceReport owner={{ server, userId: data.session.userId, space }} prepared={data.prepared} settings={settings} now={now} dark={dark} />
      )}
    </main>
  );
}

/**
 * What the page shows when it may not serve its hash here: framed on another site, opened by a web page,
 * naming a server that is not enabled or ids that are not Octopus's. Nothing from the hash is shown unless
 * the worker has said the server is one the user enabled; then a top-level tab offers to continue, which
 * takes the user's click (a page that opened this tab cannot click in it).
 */
function NotHere({ refusal, server, space, project, onContinue }: { refusal?: SyncError; server: string; space: string; project: string | null; onContinue: () => void }) {
  const [failed, setFailed] = useState<string>();
  const offer = refusal?.reason === 'not-opened' && window.top === window;
  const proceed = () =>
    askWorker({ type: 'continue-here', server, space }).then(onContinue, (error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
  return (
    <main class="insights">
      <Notice title="Open DORA Lens from your Octopus server" testId="not-here">
        <p>DORA Lens shows a project’s insights from the DORA Lens entry in its Octopus menu, and a space report from the space’s menu or the DORA Lens toolbar button.</p>
        {offer && (
          <>
            <p>
              This tab was not opened by DORA Lens. Show {project ? <>the insights of project <strong>{project}</strong> in</> : 'the report of'} <strong>{space}</strong> on{' '}
              <strong>{serverLabel(server)}</strong> here?
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

/** The panel on a page with no space: an Octopus too old for DORA Lens says so; anything else is not ours to show. */
function NoSpace({ server }: { server: string }) {
  const [support, setSupport] = useState<ServerSupport | 'refused'>();
  useEffect(() => {
    askWorker({ type: 'server-info', server }).then(setSupport, () => setSupport('refused'));
  }, [server]);
  if (support === undefined) return <main class="insights" />;
  if (support === 'refused' || support.supported) return <NotHere server={server} space="" project={null} onContinue={() => undefined} />;
  return (
    <main class="insights">
      <Notice title="This Octopus version is not supported" tone="error" testId="error-unsupported-version">
        <p>{support.reason}</p>
      </Notice>
    </main>
  );
}

const ERROR_TITLES: Record<string, string> = {
  'not-signed-in': 'Sign in to Octopus',
  forbidden: 'Octopus did not allow this',
  'unsupported-version': 'This Octopus version is not supported',
};

function ErrorNotice({ error, onRetry }: { error: SyncError; onRetry: () => void }) {
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
export function ServerText({ text }: { text: string }) {
  return (
    <figure class="server-text" data-testid="server-text">
      <figcaption>The server said:</figcaption>
      <blockquote>{text.length > 500 ? `${text.slice(0, 500)}…` : text}</blockquote>
    </figure>
  );
}
