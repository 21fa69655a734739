/** Sync status: progress while running, when the data was last synced, and "Sync now". */
import type { SyncStatus } from '@/lib/sync/status';
import { formatAgo, formatCount } from '@/lib/display/format';

const PHASES: Record<string, string> = {
  dims: 'Reading projects and environments',
  guided: 'Reading guided failures',
  defects: 'Reading release defects',
  releases: 'Reading releases',
  deployments: 'Reading deployments',
  changes: 'Checking for changes',
};

export function SyncBar({ status, lastSyncedAt, now, onSync }: { status?: SyncStatus; lastSyncedAt?: number; now: number; onSync: () => void }) {
  const running = status?.state === 'running';
  const progress = status?.progress;
  const fraction = progress?.total ? Math.min(1, progress.done / progress.total) : undefined;
  return (
    <div class="sync-bar" data-testid="sync-bar">
      {running ? (
        <div class="sync-progress" role="status" aria-live="polite">
          <span>
            {progress ? PHASES[progress.phase] : 'Starting sync'}
            {progress?.total ? ` — ${formatCount(progress.done)} of ${formatCount(progress.total)}` : ''}
            {progress?.rate ? ` (${formatCount(Math.round(progress.rate))}/s)` : ''}
          </span>
          <progress max={1} value={fraction} aria-label="Sync progress" />
        </div>
      ) : (
        <span class="sync-when" data-testid="last-synced">
          {status?.state === 'failed' ? 'Last sync failed. ' : ''}Synced {formatAgo(lastSyncedAt ?? status?.lastSyncedAt, now)}
        </span>
      )}
      <button type="button" onClick={onSync} disabled={running}>
        Sync now
      </button>
    </div>
  );
}
