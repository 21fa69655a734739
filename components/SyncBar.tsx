/** Sync status: progress while running, when the data was last synced, and "Sync now". */
import type { SyncLine } from '@/lib/display/sync-line';

export function SyncBar({ line, onSync }: { line: SyncLine; onSync: () => void }) {
  return (
    <div class="sync-bar" data-testid="sync-bar">
      {line.running ? (
        <div class="sync-progress" role="status" aria-live="polite">
          <span>{line.text}</span>
          <progress max={1} value={line.fraction} aria-label="Sync progress" />
        </div>
      ) : (
        <span class="sync-when" data-testid="last-synced">
          {line.text}
        </span>
      )}
      <button type="button" onClick={onSync} disabled={line.running}>
        Sync now
      </button>
    </div>
  );
}
