/**
 * Messages from the extension's pages and content script to the worker. Pages never talk to Octopus
 * themselves: an extension iframe inside the Octopus page gets no cookies when third-party cookies are
 * blocked, while the worker, with host permission, always does (docs/toolchain.md). Every request names
 * the server it is for; the worker decides from the sender's own context whether it may act for it
 * (lib/trust/authorize.ts). Sync progress does not travel in replies: the worker writes it to
 * `storage.local` (lib/sync/status.ts), which pages watch once the worker has let them in.
 */
import browser from 'webextension-polyfill';
import type { SessionInfo, SyncError } from '@/lib/sync/status';

export type WorkerRequest =
  /**
   * Who is signed in on the server — and whether this page may show it at all: pages ask this first and
   * read no cache before the answer. `ticket` is the single-use pass in the hash of a tab the extension opened.
   */
  | { type: 'session'; server: string; space?: string; ticket?: string }
  | { type: 'sync'; server: string; space: string }
  /** Opens the space report in a new tab: from the content script (for the server it runs on) or the popup. */
  | { type: 'open-report'; server?: string; space: string }
  /** A top-level insights page the user asked, with a click inside it, to show for this server and space. */
  | { type: 'continue-here'; server: string; space: string }
  /** The server's version and whether DORA Lens supports it (one public request, remembered a while). */
  | { type: 'server-info'; server: string };

/** What pages learn of a server's version (lib/octopus/server-info.ts has the capabilities behind it). */
export interface ServerSupport {
  version: string;
  supported: boolean;
  /** Why not, as a sentence for the user. */
  reason?: string;
}

export interface WorkerReplies {
  session: SessionInfo;
  sync: { started: boolean; userId: string };
  'open-report': { opened: boolean };
  'continue-here': { ok: boolean };
  'server-info': ServerSupport;
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
