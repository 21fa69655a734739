/**
 * What pages need to know about syncing, without pulling in the sync engine: the session, the status
 * record the worker publishes in `storage.local`, and its key. Local rather than session storage:
 * Firefox does not give `storage.session` to an extension page framed inside a web page (our panel).
 */
import type { SyncProgress, SyncResult } from './engine';

export interface SessionInfo {
  origin: string;
  userId: string;
  username: string;
  displayName: string;
}

export interface SyncError {
  kind: string;
  message: string;
  signInUrl?: string;
  transient: boolean;
}

export interface SyncStatus {
  origin: string;
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

export const statusKey = (origin: string, userId: string, space: string): string => `sync:${origin}:${userId}:${space}`;

