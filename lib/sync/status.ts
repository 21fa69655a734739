/**
 * What pages need to know about syncing, without pulling in the sync engine: the status record the worker
 * publishes in `storage.local`, and its key. Local rather than session storage: Firefox does not give
 * `storage.session` to an extension page framed inside a web page (our panel).
 */
import type { SyncError } from '@/lib/messages/protocol';
import type { SyncProgress, SyncResult } from './engine';

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
