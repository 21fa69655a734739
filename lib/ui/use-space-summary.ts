/**
 * The popup's space summary, wired: the cached history of the space for whoever is signed in (through
 * `useSpaceHistory`, which also starts a sync when the cache is stale), the user's settings, the summary of
 * it, and the actions the popup offers.
 */
import { useMemo } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { syncLine } from '@/lib/display/sync-line';
import { csvFileName } from '@/lib/export/csv-file-name';
import { deploymentsCsvChunks } from '@/lib/export/deployments-csv';
import { serverLabel, signInUrl } from '@/lib/host/server-url';
import { askWorker } from '@/lib/ui/ask-worker';
import { spaceSummary, summaryPart } from '@/lib/summary/space-summary';
import { laterSyncFailure, type SpaceSummaryView, summaryState } from '@/lib/summary/summary-view';
import { downloadText } from './download';
import { useClock } from './use-clock';
import { useGoals } from './use-goals';
import { useSettings } from './use-settings';
import { useSpaceHistory } from './use-space-history';

const openTab = (url: string) => void browser.tabs.create({ url }).then(() => window.close());

/**
 * Everything `<SpaceSummary>` needs for one space. `retry` re-runs the whole lookup (who is signed in, the
 * cache, a sync): an error before the session was known leaves nothing for a plain "sync now" to refresh.
 */
export function useSpaceSummary(server: string, spaceId: string, retry: () => void): SpaceSummaryView {
  const settings = useSettings();
  const { data, status, syncError, syncNow, spaceName } = useSpaceHistory(server, spaceId, {
    blockedIsFailure: settings.blockedIsFailure,
    staleAfterMs: settings.refreshMinutes * 60_000,
    // Only the production deployments' streams: the summary's numbers are theirs alone.
    part: summaryPart,
  });
  const history = data.state === 'ready' ? data.prepared : undefined;
  // The 30-day window ends when the data arrived (a fresh sync re-anchors it), not at each render.
  const now = useMemo(() => Date.now(), [history]);
  const summary = useMemo(
    () => (history ? spaceSummary(history, { now, tierYear: settings.tierYear, timeZone: settings.timeZone }) : undefined),
    [history, now, settings.tierYear, settings.timeZone],
  );
  const state = summaryState({ data, status, summary, syncError, signInUrl: signInUrl(server) });
  const clock = useClock();
  // The space's goals are the signed-in user's: none until the session is known.
  const userId = data.state === 'ready' || data.state === 'syncing' ? data.session.userId : '';
  const goals = useGoals({ server, userId, space: spaceId });

  return {
    serverLabel: serverLabel(server),
    spaceName: history?.history.dims.space?.name ?? spaceName,
    state,
    sync: syncLine(status, state.kind === 'ready' ? state.lastSyncedAt : undefined, clock, data.state === 'cleared' ? { kind: 'cleared' } : undefined),
    syncFailure: laterSyncFailure(state, status),
    tierYear: settings.tierYear,
    targets: goals.space,
    onSync: syncNow,
    onRetry: retry,
    // The worker opens it (and so vouches for the tab: lib/trust/opened-pages.ts).
    onOpenReport: () => void askWorker({ type: 'open-report', server, space: spaceId }).then(() => window.close(), (error: unknown) => console.error('DORA Lens: opening the report failed', error)),
    onOpenUrl: openTab,
    onExport: () => {
      if (!summary) return;
      const name = csvFileName({ project: spaceId, environment: 'production', from: summary.from, to: summary.to, timeZone: settings.timeZone });
      downloadText(deploymentsCsvChunks(summary.rows, { bom: true }), name, 'text/csv;charset=utf-8');
    },
  };
}
