/**
 * The worker side of syncing: who is signed in on a server, one sync per (server, user, space) at a time,
 * and a status record every extension page can watch (progress, last synced, the error and what to do).
 * Runs in the service worker, which holds the host permission and so sends the user's cookies.
 */
import { createOctopusClient, type OctopusClient } from '@/lib/octopus/client';
import { isOctopusError, NotSignedIn } from '@/lib/octopus/errors';
import { getCurrentUser } from '@/lib/octopus/root';
import { openCache } from '@/lib/store/cache';
import { syncSpace } from './engine';
import { withSyncLock } from './lock';
import { type SessionInfo, type StatusSink, type SyncError, type SyncStatus, statusKey } from './status';

export type { SessionInfo, StatusSink, SyncError, SyncStatus };

const clients = new Map<string, OctopusClient>();
export function clientFor(origin: string): OctopusClient {
  let client = clients.get(origin);
  if (!client) {
    client = createOctopusClient({ origin });
    clients.set(origin, client);
  }
  return client;
}

/**
 * Who is signed in on `origin`, asked afresh every time: the cache a sync writes into is chosen by this
 * answer, so a stale one (another user signed in since) would put one user's data in another's cache.
 */
export async function whoAmI(origin: string, signal?: AbortSignal): Promise<SessionInfo> {
  const user = await getCurrentUser(clientFor(origin), { signal });
  return { origin, userId: user.Id, username: user.Username, displayName: user.DisplayName };
}

export function describeError(error: unknown): SyncError {
  if (isOctopusError(error)) {
    return {
      kind: error.kind,
      message: error.message,
      signInUrl: error instanceof NotSignedIn ? error.signInUrl : undefined,
      transient: error.transient,
    };
  }
  return { kind: 'unexpected', message: `DORA Lens hit an unexpected error: ${String(error)}. Try again; if it persists, report it.`, transient: false };
}

/**
 * Syncs one space for whoever is signed in on `origin` (`session`, when the caller has just asked).
 * Returns `'already-running'` when another context holds the lock for the same server, user and space.
 */
export async function runSync(
  origin: string,
  space: string,
  sink: StatusSink,
  signal?: AbortSignal,
  known?: SessionInfo,
): Promise<SyncStatus | 'already-running'> {
  const session = known ?? (await whoAmI(origin, signal));
  const key = statusKey(origin, session.userId, space);
  const outcome = await withSyncLock(`dora-lens-${key}`, async () => {
    const cache = await openCache(origin, session.userId);
    const status: SyncStatus = { origin, userId: session.userId, space, state: 'running', startedAt: Date.now() };
    status.lastSyncedAt = (await cache.readMeta(space))?.lastSyncedAt;
    await sink.publish(key, status);
    try {
      status.result = await syncSpace({
        client: clientFor(origin),
        cache,
        space,
        signal,
        onProgress: (progress) => void sink.publish(key, { ...status, progress }),
      });
      status.state = 'done';
      status.lastSyncedAt = (await cache.readMeta(space))?.lastSyncedAt;
    } catch (error) {
      status.state = 'failed';
      status.error = describeError(error);
    } finally {
      status.finishedAt = Date.now();
      status.progress = undefined;
      cache.close();
    }
    await sink.publish(key, status);
    return status;
  });
  return outcome.ran ? outcome.value : 'already-running';
}
