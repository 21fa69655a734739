/**
 * A status still "running" when the worker starts belongs to a sync that was stopped with the previous
 * worker (Chromium stops an idle service worker, Firefox its background script): say so, so no page waits
 * for it. Its checkpoint resumes it on the next sync.
 */
import { isStatusKey, type StatusSink, type SyncStatus } from './status';

const MESSAGE = 'The sync was interrupted (the browser stopped the extension). It continues where it stopped on the next sync.';

/** `stored`: everything in `storage.local`; only sync statuses started before this worker are touched. */
export async function markInterruptedSyncs(stored: Record<string, unknown>, sink: StatusSink, workerStartedAt: number): Promise<void> {
  for (const [key, value] of Object.entries(stored)) {
    const status = value as SyncStatus | undefined;
    if (!isStatusKey(key) || status?.state !== 'running' || !(status.startedAt < workerStartedAt)) continue;
    await sink.publish(key, { ...status, state: 'failed', progress: undefined, error: { kind: 'interrupted', message: MESSAGE, transient: true } });
  }
}
