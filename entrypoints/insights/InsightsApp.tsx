/**
 * The insights page. Inside Octopus it is the project panel (an iframe the content script opens); as a
 * tab it is the space report. Its URL hash carries the server, space, project and view parameters.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Notice } from '@/components/Notice';
import { SyncBar } from '@/components/SyncBar';
import { type PanelParams, readPanelParams, writePanelParams } from '@/lib/panel-params';
import type { ViewSettings } from '@/lib/project-view';
import { ProjectInsights } from './ProjectInsights';
import { SpaceReport } from './report/SpaceReport';
import { useSettings } from '@/lib/ui/use-settings';
import { useSpaceHistory } from '@/lib/ui/use-space-history';

export function InsightsApp() {
  const hash = useMemo(() => new URLSearchParams(location.hash.slice(1)), []);
  const origin = hash.get('origin') ?? '';
  const space = hash.get('space') ?? '';
  const project = hash.get('project');
  const dark = hash.get('theme') === 'dark' || (hash.get('theme') !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  const [params, setParams] = useState<PanelParams>(() => readPanelParams(hash));
  const userSettings = useSettings();
  const settings: ViewSettings = useMemo(
    () => ({ timeZone: userSettings.timeZone, weekStart: userSettings.weekStart, tierYear: userSettings.tierYear }),
    [userSettings.timeZone, userSettings.weekStart, userSettings.tierYear],
  );
  const [now, setNow] = useState(() => Date.now());
  const { data, status, syncError, syncNow } = useSpaceHistory(origin, space, {
    blockedIsFailure: userSettings.blockedIsFailure,
    staleAfterMs: userSettings.refreshMinutes * 60_000,
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
    // The host page keeps the view in its own route, so the Octopus URL can be shared.
    if (window.parent !== window && origin) window.parent.postMessage({ type: 'dora-lens:params', params: shared.toString() }, origin);
  };

  if (!origin || !space) {
    return <Notice title="Open DORA Lens from an Octopus project">This page shows a project’s insights when opened from the DORA Lens entry in Octopus.</Notice>;
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
          <p>The first sync reads this space’s whole history from {origin}; later ones only what changed. The numbers appear when it finishes.</p>
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
        <SpaceReport origin={origin} space={space} prepared={data.prepared} settings={settings} now={now} dark={dark} />
      )}
    </main>
  );
}

function ErrorNotice({ error, onRetry }: { error: { kind: string; message: string; signInUrl?: string }; onRetry: () => void }) {
  const title =
    error.kind === 'not-signed-in' ? 'Sign in to Octopus' : error.kind === 'forbidden' ? 'Octopus did not allow this' : 'The sync failed';
  return (
    <Notice title={title} tone="error" testId={`error-${error.kind}`}>
      <p>{error.message}</p>
      {error.signInUrl ? (
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
