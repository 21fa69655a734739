/**
 * The server's capabilities as the cache remembers them: a sync record per space. The API root is read by
 * the first sync, and again only when it fits in a later sync's request budget (see {@link rootDue}): a
 * later sync with nothing new must stay within 3 requests on every version (who is signed in, the event
 * feed, and one more). Stale capabilities are harmless — every re-check strategy is correct on every
 * version — they only keep an upgraded server on the slower strategy for a while.
 */
import type { OctopusClient } from '@/lib/octopus/client';
import { getServerInfo, type ServerInfo } from '@/lib/octopus/server-info';
import type { Cache } from '@/lib/store/cache';

/** Re-read the root after a day, in a sync that has a request to spare (its re-check needs none). */
export const SERVER_INFO_MAX_AGE_MS = 24 * 3600 * 1000;
/** After a week, re-read it even if that leaves the sync's re-check to the next sync. */
export const SERVER_INFO_STALE_MS = 7 * SERVER_INFO_MAX_AGE_MS;
const RECORD = 'server';

interface StoredServerInfo {
  info: ServerInfo;
  readAt: number;
}

function isStored(value: unknown): value is StoredServerInfo {
  const v = value as StoredServerInfo | undefined;
  return typeof v?.readAt === 'number' && typeof v.info?.version === 'string' && typeof v.info.capabilities === 'object';
}

export interface KnownServer {
  info: ServerInfo;
  readAt: number;
  /** Read from the server during this sync (not from the cache). */
  fresh: boolean;
  /**
   * The sync record to store with the sync's next write (so a space whose first sync never wrote anything
   * leaves no record behind); empty when nothing is new. Only a supported server's capabilities are kept:
   * an unsupported one is asked again next time (it may have been upgraded).
   */
  syncState: Record<string, StoredServerInfo>;
}

/** Reads the API root (one request). */
export async function readServer(client: OctopusClient, now: number, signal?: AbortSignal): Promise<KnownServer> {
  const info = await getServerInfo(client, { signal });
  return { info, readAt: now, fresh: true, syncState: info.supported ? { [RECORD]: { info, readAt: now } } : {} };
}

/** The remembered capabilities, or the API root's when none are (a first sync, or a cache from before). */
export async function rememberedServer(client: OctopusClient, cache: Cache, space: string, now: number, signal?: AbortSignal): Promise<KnownServer> {
  const stored = await cache.readSyncState(space, RECORD);
  if (isStored(stored) && stored.info.supported) return { info: stored.info, readAt: stored.readAt, fresh: false, syncState: {} };
  return readServer(client, now, signal);
}

/**
 * Whether a later sync should re-read the API root: after a day when the sync has a request to spare, or
 * after a week anyway unless the previous sync already left its re-check for later (never twice in a row,
 * so a user who syncs only every few days still gets re-checks).
 */
export function rootDue(server: KnownServer, now: number, recheckNeedsRequest: boolean, recheckDeferred: boolean): boolean {
  if (server.fresh) return false;
  const age = now - server.readAt;
  if (age < 0) return true; // a clock that went back: the stored time means nothing
  if (age >= SERVER_INFO_MAX_AGE_MS && !recheckNeedsRequest) return true;
  return age >= SERVER_INFO_STALE_MS && !recheckDeferred;
}
