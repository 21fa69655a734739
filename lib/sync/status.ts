/**
 * What pages need to know about syncing, without pulling in the sync engine: the records the worker
 * publishes in `storage.local` — a sync's status, a server's support — and their keys. Local rather than
 * session storage: Firefox does not give `storage.session` to an extension page framed inside a web page
 * (our panel).
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
export const isStatusKey = (key: string): boolean => key.startsWith('sync:');

/** Where the worker records what it learnt of a server's version, for the options page. */
export const serverSupportKey = (server: string): string => `server-info:${server}`;
/** The server a {@link serverSupportKey} is for; `undefined` for any other key. */
export const serverOfSupportKey = (key: string): string | undefined => (key.startsWith('server-info:') ? key.slice('server-info:'.length) : undefined);
