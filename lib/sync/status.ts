/**
 * What pages need to know about syncing, without pulling in the sync engine: the session, the status
 * record the worker publishes in `storage.local`, and its key. Local rather than session storage:
 * Firefox does not give `storage.session` to an extension page framed inside a web page (our panel).
 */
import type { SyncProgress, SyncResult } from './engine';

export interface SessionInfo {
  /** The Octopus server's base URL (lib/server-url.ts). */
  server: string;
  userId: string;
  username: string;
  displayName: string;
}

export interface SyncError {
  kind: string;
  /** For `not-allowed`: why the worker refused (lib/trust/authorize.ts), so a page can offer the way on. */
  reason?: string;
  /** DORA Lens's own sentence: what happened and what to do. */
  message: string;
  /** The server's own words, when it sent any: shown quoted as the server's, never as our instruction. */
  serverText?: string;
  /** Inside the server (built by DORA Lens from the server's base URL, never taken from a response). */
  signInUrl?: string;
  transient: boolean;
}

export interface SyncStatus {
  server: string;
  userId: string;
  space: string;
  state: 'running' | 'done' | 'failed';
  progress?: SyncProgress;
  startedAt: number;
  finishedAt?: number;
  lastSyncedAt?: number;
  result?: SyncResult;
  error?: SyncError;
}

export interface StatusSink {
  publish(key: string, status: SyncStatus): Promise<void>;
}

export const statusKey = (server: string, userId: string, space: string): string => `sync:${server}:${userId}:${space}`;
