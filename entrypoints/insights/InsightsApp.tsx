/**
 * The insights page. Inside Octopus it is the project panel (an iframe the content script opens); as a
 * tab it is the space report. Its URL hash carries the server, space, project and view parameters — which
 * anyone can write: the page is web-accessible. So it first asks the worker whether it may serve them
 * here (lib/trust/authorize.ts) and reads no cache, status or report before a yes.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CacheCleared, ErrorNotice, FirstSyncNotice, NotHere, SpaceStillLoading, StaleNumbers, UnsupportedVersion } from '@/components/InsightsNotices';
import { SyncBar } from '@/components/SyncBar';
import { syncLine } from '@/lib/display/sync-line';
import { panelSignInUrl } from '@/lib/host/panel-link';
import { serverLabel } from '@/lib/host/server-url';
import type { SyncError } from '@/lib/messages/protocol';
import { findProject, type ViewSettings } from '@/lib/panel/project-view';
import { askWorker } from '@/lib/ui/ask-worker';
import { useClock } from '@/lib/ui/use-clock';
import { closePanel, type InsightsPage, useEscapeCloses, useInsightsPage, usePanelParams } from '@/lib/ui/use-insights-page';
import { useServerSupport } from '@/lib/ui/use-server-support';
import { useSettings } from '@/lib/ui/use-settings';
import { useSpaceHistory } from '@/lib/ui/use-space-history';
import { ProjectAccessNotice } from './ProjectAccessNotice';
import { ProjectInsights } from './ProjectInsights';
import { LazySpaceReport, loadSpaceReport } from './report/lazy-space-report';

export function InsightsApp() {
  const page = useInsightsPage();
  const { server, space } = page.claim;
  // A page of a server without Spaces has no space: the panel place says whether that server is supported.
  if (server && !space) return <NoSpace page={page} />;
  if (!server || !space) return <Refused page={page} />;
  return <Insights page={page} />;
}

function Insights({ page }: { page: InsightsPage }) {
  const { server, space, project, ticket } = page.claim;
  // The report's code is fetched while its data loads; a project's panel never loads it.
  if (!project) loadSpaceReport();
  const userSettings = useSettings();
  const settings: ViewSettings = useMemo(
    () => ({ timeZone: userSettings.timeZone, weekStart: userSettings.weekStart, tierYear: userSettings.tierYear }),
    [userSettings.timeZone, userSettings.weekStart, userSettings.tierYear],
  );
  const [now, setNow] = useState(() => Date.now());
  const clock = useClock();
  const [attempt, setAttempt] = useState(0);
  const { data, status, syncError, syncNow } = useSpaceHistory(server, space, {
    blockedIsFailure: userSettings.blockedIsFailure,
    staleAfterMs: userSettings.refreshMinutes * 60_000,
    ticket,
    attempt,
    project: project ?? undefined,
  });
  const [params, setParams] = usePanelParams(page, now, data.state === 'ready' || data.state === 'syncing');
  useEscapeCloses(page, project !== null);
  // Re-anchor "now" when fresh data arrives, so relative ranges include it.
  useEffect(() => setNow(Date.now()), [data.state === 'ready' ? data.history : null]);

  if (data.state === 'error' && data.error.kind === 'not-allowed') return <Refused page={page} refusal={data.error} onContinue={() => setAttempt((n) => n + 1)} />;
  // A failed first sync (nothing to show yet) or a failed later one (older numbers stay on screen, marked so).
  const shown = data.state === 'ready' || data.state === 'syncing';
  const failure = syncError ? (data.state === 'ready' ? syncError : undefined) : status?.state === 'failed' && shown ? status.error : undefined;
  // The panel's sign-in comes back to this view; the report (a tab of its own) opens sign-in beside it.
  const signIn = project ? { url: panelSignInUrl(server, space, project, params), newTab: false } : undefined;
  const lineFailure = failure ?? (data.state === 'cleared' ? { kind: 'cleared' } : undefined);
  return (
    <main class={data.state === 'ready' && failure ? 'insights stale' : 'insights'}>
      <header class="insights-header">
        <h1>
          DORA Lens <span class="muted">· {project ? 'project insights' : 'space report'}</span>
        </h1>
        {data.state !== 'error' && data.state !== 'loading' && (
          <SyncBar line={syncLine(status, data.state === 'ready' ? data.lastSyncedAt : undefined, clock, lineFailure)} onSync={syncNow} />
        )}
        {project && window.parent !== window && (
          <button type="button" class="close-panel" onClick={() => closePanel(page)} aria-keyshortcuts="Escape" data-testid="close-panel">
            Close
          </button>
        )}
      </header>
      {data.state === 'loading' && <p class="muted">{data.message}</p>}
      {data.state === 'error' && <ErrorNotice error={data.error} onRetry={syncNow} signIn={signIn} />}
      {data.state === 'syncing' && status?.state !== 'failed' && <FirstSyncNotice serverLabel={serverLabel(server)} />}
      {data.state === 'cleared' && <CacheCleared onSync={syncNow} />}
      {failure && <ErrorNotice error={failure} onRetry={syncNow} signIn={signIn} />}
      {data.state === 'ready' && failure && data.lastSyncedAt && <StaleNumbers lastSyncedAt={data.lastSyncedAt} timeZone={settings.timeZone} />}
      {data.state === 'ready' && data.partial && <SpaceStillLoading serverLabel={serverLabel(server)} />}
      {data.state === 'ready' && project && findProject(data.prepared.history.dims, project) < 0 && <ProjectAccessNotice server={server} space={space} project={project} onSync={syncNow} />}
      {data.state === 'ready' && project && findProject(data.prepared.history.dims, project) >= 0 && (
        <ProjectInsights
          server={server}
          space={space}
          prepared={data.prepared}
          projectSlug={project}
          owner={{ server, userId: data.session.userId, space }}
          params={params}
          settings={settings}
          now={now}
          dark={page.dark}
          onParams={setParams}
          onFirstChart={() => performance.mark('dora-lens:first-chart')}
        />
      )}
      {data.state === 'ready' && !project && <LazySpaceReport owner={{ server, userId: data.session.userId, space }} prepared={data.prepared} settings={settings} now={now} dark={page.dark} />}
    </main>
  );
}

/**
 * The page may not serve its hash here. Only after the worker has said the server is one the user enabled
 * (a `not-opened` refusal) does a top-level tab offer to continue, which takes the user's click.
 */
function Refused({ page, refusal, onContinue }: { page: InsightsPage; refusal?: SyncError; onContinue?: () => void }) {
  const { server, space, project } = page.claim;
  const offer = refusal?.reason === 'not-opened' && window.top === window;
  const proceed = () => askWorker({ type: 'continue-here', server, space }).then(() => onContinue?.());
  return <NotHere serverLabel={offer ? serverLabel(server) : ''} space={space} project={project} offer={offer} onContinue={proceed} />;
}

/** The panel on a page with no space: an Octopus too old for DORA Lens says so; anything else is not ours to show. */
function NoSpace({ page }: { page: InsightsPage }) {
  const support = useServerSupport(page.claim.server);
  if (support === undefined) return <main class="insights" />;
  if (support === 'refused' || support.supported) return <NotHere serverLabel="" space="" project={null} offer={false} onContinue={async () => undefined} />;
  return <UnsupportedVersion reason={support.reason} />;
}
