/**
 * The worker side of syncing: who is signed in on a server, one sync per (server, user, space) at a time,
 * and a status record every extension page can watch (progress, last synced, the error and what to do).
 * Runs in the service worker, which holds the host permission and so sends the user's cookies. Every
 * request first checks that the server is still enabled (`guard`); a revoked grant also aborts the syncs
 * running for it (`stopSyncs`).
 */
import { createOctopusClient, type OctopusClient } from '@/lib/octopus/client';
import { Forbidden, isOctopusError, NotFound, NotSignedIn } from '@/lib/octopus/errors';
import { projectChanges } from '@/lib/octopus/events';
import { getProject } from '@/lib/octopus/projects';
import { getCurrentUser } from '@/lib/octopus/root';
import { getServerInfo } from '@/lib/octopus/server-info';
import type { ProjectAccess, ProjectChangeInfo, ServerSupport, SessionInfo, SyncError } from '@/lib/messages/protocol';
import { openCache } from '@/lib/store/cache';
import { Refused } from '@/lib/trust/refused';
import { syncSpace } from './engine';
import { withSyncLock } from './lock';
import { type StatusSink, type SyncStatus, serverSupportKey, statusKey } from './status';

/** Checked before every request (lib/trust/permitted-fetch.ts in the worker; tests pass their own). */
export type RequestGuard = (url: string) => Promise<void>;
let requestGuard: RequestGuard | undefined;
const clients = new Map<string, OctopusClient>();

/** Set once by the worker at start-up: every client made afterwards checks it before each request. */
export function setRequestGuard(guard: RequestGuard): void {
  requestGuard = guard;
  clients.clear();
}

export function clientFor(server: string): OctopusClient {
  let client = clients.get(server);
  if (!client) {
    client = createOctopusClient({ origin: server, guard: requestGuard });
    clients.set(server, client);
  }
  return client;
}

/**
 * Who is signed in on `server`, asked afresh every time: the cache a sync writes into is chosen by this
 * answer, so a stale one (another user signed in since) would put one user's data in another's cache.
 */
export async function whoAmI(server: string, signal?: AbortSignal): Promise<SessionInfo> {
  const user = await getCurrentUser(clientFor(server), { signal });
  lastUsers.set(server, user.Id);
  return { server, userId: user.Id, username: user.Username, displayName: user.DisplayName };
}

const lastUsers = new Map<string, string>();

/**
 * Who `whoAmI` last found signed in on `server`: only a hint — a page may start reading that user's cache
 * while `whoAmI` asks again, and shows it only if the answer is the same.
 */
export const lastUser = (server: string): string | undefined => lastUsers.get(server);

export function describeError(error: unknown): SyncError {
  if (error instanceof Refused) return { kind: error.kind, reason: error.reason, message: error.message, transient: false };
  if (isOctopusError(error)) {
    const serverText = 'serverMessage' in error && typeof error.serverMessage === 'string' ? error.serverMessage : undefined;
    return {
      kind: error.kind,
      message: error.message,
      serverText,
      signInUrl: error instanceof NotSignedIn ? error.signInUrl : undefined,
      transient: error.transient,
    };
  }
  return { kind: 'unexpected', message: `DORA Lens hit an unexpected error: ${String(error)}. Try again; if it persists, report it.`, transient: false };
}

/** How long a server's version is taken as known before its API root is read again. */
const SUPPORT_TTL_MS = 10 * 60_000;
const supportRead = new Map<string, { support: ServerSupport; at: number }>();

/**
 * Whether DORA Lens supports `server`, from its public API root (never a failing request, even on a server
 * too old for DORA Lens). Remembered for a while in memory, and kept in `storage.local` under
 * `server-info:<server>` for the options page through `record`.
 */
export async function serverSupport(server: string, record?: (key: string, value: ServerSupport & { checkedAt: number }) => Promise<void>): Promise<ServerSupport> {
  const known = supportRead.get(server);
  if (known && Date.now() - known.at < SUPPORT_TTL_MS) return known.support;
  const info = await getServerInfo(clientFor(server));
  const support: ServerSupport = info.supported ? { version: info.version, supported: true } : { version: info.version, supported: false, reason: info.reason };
  supportRead.set(server, { support, at: Date.now() });
  await record?.(serverSupportKey(server), { ...support, checkedAt: Date.now() });
  return support;
}

/** Syncs running in this worker, so a revoked server's can be stopped at once. */
const running = new Map<AbortController, string>();

/** Aborts every running sync of a server DORA Lens is no longer enabled for (a grant was revoked). */
export async function stopRevokedSyncs(isEnabled: (server: string) => Promise<boolean>): Promise<number> {
  let stopped = 0;
  for (const [controller, server] of [...running]) {
    if (await isEnabled(server)) continue;
    controller.abort(new Refused('not-enabled', `access to ${server} was revoked`));
    stopped++;
  }
  return stopped;
}

/**
 * Syncs one space for whoever is signed in on `server` (`session`, when the caller has just asked).
 * Returns `'already-running'` when another context holds the lock for the same server, user and space.
 */
export async function runSync(
  server: string,
  space: string,
  sink: StatusSink,
  signal?: AbortSignal,
  known?: SessionInfo,
  /** The project to read first on a space not synced yet (lib/sync/engine.ts). */
  firstProject?: string,
): Promise<SyncStatus | 'already-running'> {
  const session = known ?? (await whoAmI(server, signal));
  const key = statusKey(server, session.userId, space);
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  running.set(controller, server);
  try {
    const outcome = await withSyncLock(`dora-lens-${key}`, async () => {
      const cache = await openCache(server, session.userId);
      const status: SyncStatus = { server, userId: session.userId, space, state: 'running', startedAt: Date.now() };
      status.lastSyncedAt = (await cache.readMeta(space))?.lastSyncedAt;
      await sink.publish(key, status);
      try {
        status.result = await syncSpace({
          client: clientFor(server),
          cache,
          space,
          signal: controller.signal,
          firstProject,
          onProgress: (progress) => void sink.publish(key, { ...status, progress }),
        });
        status.state = 'done';
        status.lastSyncedAt = (await cache.readMeta(space))?.lastSyncedAt;
      } catch (error) {
        status.state = 'failed';
        status.error = describeError(controller.signal.reason instanceof Refused ? controller.signal.reason : error);
      } finally {
        status.finishedAt = Date.now();
        status.progress = undefined;
        cache.close();
      }
      await sink.publish(key, status);
      return status;
    });
    return outcome.ran ? outcome.value : 'already-running';
  } finally {
    running.delete(controller);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Whether the signed-in user may see a project (slug or id), as Octopus answers a request for it: the
 * content script asks before it offers its floating button on a page without the project's menu, and the
 * panel for a project not in its cache. A signed-out session is an error (`NotSignedIn`), not an answer.
 */
export async function projectAccess(server: string, space: string, project: string): Promise<ProjectAccess> {
  try {
    await getProject(clientFor(server), space, project);
    return 'visible';
  } catch (error) {
    if (error instanceof Forbidden) return 'forbidden';
    if (error instanceof NotFound) return 'missing';
    throw error;
  }
}

/** A project's latest configuration changes (the before/after picker), read through the user's session: one request. */
export const readProjectChanges = (server: string, space: string, project: string, lifecycle?: string): Promise<ProjectChangeInfo[]> =>
  projectChanges(clientFor(server), space, { project, lifecycle });
