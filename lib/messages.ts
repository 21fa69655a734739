/**
 * Messages from extension pages (panel, report, popup, options) to the service worker. Pages never talk
 * to Octopus themselves: an extension iframe inside the Octopus page gets no cookies when third-party
 * cookies are blocked, while the worker, with host permission, always does (docs/toolchain.md).
 * Sync progress does not travel in replies: the worker writes it to `storage.local` (lib/sync/status.ts), which pages watch.
 */
import browser from 'webextension-polyfill';
import type { SessionInfo, SyncError } from '@/lib/sync/status';

export type WorkerRequest =
  | { type: 'session'; origin: string }
  | { type: 'sync'; origin: string; space: string };

export interface WorkerReplies {
  session: SessionInfo;
  sync: { started: boolean; userId: string };
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: SyncError };

export class WorkerError extends Error {
  constructor(readonly detail: SyncError) {
    super(detail.message);
  }
}

export async function askWorker<K extends WorkerRequest['type']>(request: Extract<WorkerRequest, { type: K }>): Promise<WorkerReplies[K]> {
  const reply = (await browser.runtime.sendMessage(request)) as Reply<WorkerReplies[K]> | undefined;
  if (!reply) throw new WorkerError({ kind: 'unexpected', message: 'The DORA Lens background worker did not answer. Reload the page.', transient: true });
  if (!reply.ok) throw new WorkerError(reply.error);
  return reply.value;
}
