/**
 * The popup's space summary, wired: the cached history of the space for whoever is signed in (through
 * `useSpaceHistory`, which also starts a sync when the cache is stale), the user's settings, the summary of
 * it, and the actions the popup offers.
 */
import { useMemo } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { askWorker } from '@/lib/messages';
import type { SpaceSummaryProps, SummaryState } from '@/components/SpaceSummary';
import { csvFileName } from '@/lib/export/csv-file-name';
import { deploymentsCsvChunks } from '@/lib/export/deployments-csv';
import { type SpaceSummary, spaceSummary } from '@/lib/space-summary';
import type { SyncError, SyncStatus } from '@/lib/sync/status';
import { useSettings } from '@/lib/ui/use-settings';
import { type SpaceData, useSpaceHistory } from '@/lib/ui/use-space-history';

const openTab = (url: string) => void browser.tabs.create({ url }).then(() => window.close());

/**
 * Saves text, given in chunks, as a file through a blob link (the chunks go into the Blob as they are, never
 * joined into one string). Needs no `downloads` permission; Chromium keeps the popup open while the download
 * starts, so the link's click completes.
 */
function saveFile(chunks: Iterable<string>, fileName: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([...chunks], { type }));
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

function summaryState(data: SpaceData, status: SyncStatus | undefined, summary: SpaceSummary | undefined, syncError?: SyncError): SummaryState {
  // The popup is too small for numbers and an error side by side: a sync that could not start says so.
  if (syncError) {
    return syncError.kind === 'not-signed-in'
      ? { kind: 'signed-out', message: syncError.message, signInUrl: syncError.signInUrl ?? '' }
      : { kind: 'failed', message: syncError.message };
  }
  switch (data.state) {
    case 'loading':
      return { kind: 'loading', message: data.message };
    case 'error':
      return data.error.kind === 'not-signed-in'
        ? { kind: 'signed-out', message: data.error.message, signInUrl: data.error.signInUrl ?? '' }
        : { kind: 'failed', message: data.error.message };
    case 'syncing':
      // The first sync failed: there is nothing cached to fall back on.
      if (status?.state === 'failed' && status.error) {
        return status.error.kind === 'not-signed-in'
          ? { kind: 'signed-out', message: status.error.message, signInUrl: status.error.signInUrl ?? '' }
          : { kind: 'failed', message: status.error.message };
      }
      return { kind: 'first-sync' };
    case 'ready':
      return summary ? { kind: 'ready', summary, lastSyncedAt: data.lastSyncedAt } : { kind: 'loading', message: 'Computing…' };
  }
}

/**
 * Everything `<SpaceSummary>` needs for one space. `retry` re-runs the whole lookup (who is signed in, the
 * cache, a sync): an error before the session was known leaves nothing for a plain "sync now" to refresh.
 */
export function useSpaceSummary(server: string, spaceId: string, retry: () => void): SpaceSummaryProps {
  const settings = useSettings();
  const { data, status, syncError, syncNow } = useSpaceHistory(server, spaceId, {
    blockedIsFailure: settings.blockedIsFailure,
    staleAfterMs: settings.refreshMinutes * 60_000,
  });
  const history = data.state === 'ready' ? data.prepared : undefined;
  // The 30-day window ends when the data arrived (a fresh sync re-anchors it), not at each render.
  const now = useMemo(() => Date.now(), [history]);
  const summary = useMemo(() => (history ? spaceSummary(history, { now, tierYear: settings.tierYear }) : undefined), [history, now, settings.tierYear]);
  const state = summaryState(data, status, summary, syncError);
  const signInUrl = `${server}/app#/users/sign-in`;

  return {
    server,
    // Older caches have no space name: the id is what the Octopus URL shows.
    spaceName: history?.history.dims.space?.name ?? spaceId,
    state: state.kind === 'signed-out' && !state.signInUrl ? { ...state, signInUrl } : state,
    status,
    now,
    tierYear: settings.tierYear,
    onSync: syncNow,
    onRetry: retry,
    // The worker opens it (and so vouches for the tab: lib/trust/opened-pages.ts).
    onOpenReport: () => void askWorker({ type: 'open-report', server, space: spaceId }).then(() => window.close(), (error: unknown) => console.error('DORA Lens: opening the report failed', error)),
    onOpenUrl: openTab,
    onExport: () => {
      if (!summary) return;
      const name = csvFileName({ project: spaceId, environment: 'production', from: summary.from, to: summary.to, timeZone: settings.timeZone });
      saveFile(deploymentsCsvChunks(summary.rows, { bom: true }), name, 'text/csv;charset=utf-8');
    },
  };
}
