/** How a page asks the worker (lib/messages/protocol.ts): one request, its typed reply, a refusal or failure thrown. */
import browser from 'webextension-polyfill';
import type { Reply, SyncError, WorkerReplies, WorkerRequest } from '@/lib/messages/protocol';

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
