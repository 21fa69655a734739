/** Sync status: one progress bar while syncing, when the data was last synced (and whether it is current), and "Sync now". */
import type { SyncLine } from '@/lib/display/sync-line';

export function SyncBar({ line, onSync }: { line: SyncLine; onSync: () => void }) {
  return (
    <div class={line.stale ? 'sync-bar sync-stale' : 'sync-bar'} data-testid="sync-bar">
      {line.running ? (
        <div class="sync-progress" role="status" aria-live="polite">
          <span data-testid="sync-progress-text">{line.text}</span>
          <progress max={1} value={line.fraction} aria-label="Sync progress" data-testid="sync-progress" />
        </div>
      ) : (
        <span class="sync-when" data-testid="last-synced" data-stale={line.stale ? 'true' : undefined}>
          {line.text}
        </span>
      )}
      <button type="button" onClick={onSync} disabled={line.running}>
        Sync now
      </button>
    </div>
  );
}
