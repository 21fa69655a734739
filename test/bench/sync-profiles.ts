/**
 * Requests per Octopus version: the sync engine (in Node, over HTTP, into an in-memory IndexedDB) against
 * the emulator playing each version (test/emulator/profiles.ts), counted by the emulator. Each sync is what
 * the service worker does: "who is signed in", then the space.
 *   - first sync: requests (grows with history ÷ page size)
 *   - later sync 30 minutes on, nothing new: requests (budget ≤ 3)
 *   - later sync after 100 new deployments: requests
 */
import 'fake-indexeddb/auto';
import { createOctopusClient } from '../../lib/octopus/client';
import { UnsupportedServer } from '../../lib/octopus/errors';
import { getCurrentUser } from '../../lib/octopus/root';
import { deleteCache, openCache } from '../../lib/store/cache';
import { syncSpace } from '../../lib/sync/engine';
import { PROFILES, type ProfileName } from '../emulator/profiles';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { sessionFetch } from '../support/session-fetch';

const SPACE = 'Spaces-1';
const MINUTE = 60_000;

export interface ProfileRow {
  layout: string;
  version: string;
  dateFilters: boolean;
  deployments: number;
  first: number;
  nothingNew?: number;
  hundredNew?: number;
  /** Why the later syncs are missing (an unsupported version). */
  note?: string;
}

async function counted(emulator: RunningEmulator, run: () => Promise<unknown>): Promise<number> {
  emulator.resetCounters();
  await run();
  const { requests, statuses } = emulator.counters();
  const failed = Object.keys(statuses).filter((s) => s !== '200');
  if (failed.length) throw new Error(`requests failed with ${failed.join(', ')}`);
  return requests;
}

async function benchLayout(scale: 'tiny' | 'demo' | 'large', now: number, name: ProfileName, basePath: string): Promise<ProfileRow> {
  const emulator = await startEmulator({ scale, now, port: 0, seed: 1, octopusVersion: name, basePath });
  const s = sessionFetch(emulator.url);
  await s.signIn(EMULATOR_USERS.admin.username, EMULATOR_USERS.admin.password);
  const client = createOctopusClient({ origin: emulator.url, fetch: s.fetch });
  const cache = await openCache(emulator.url, 'Users-1');
  const sync = (now: number) => async () => {
    await getCurrentUser(client);
    return syncSpace({ client, cache, space: SPACE, now: () => now });
  };
  const profile = PROFILES[name];
  try {
    if (!profile.spaces) {
      let refused = '';
      const first = await counted(emulator, () =>
        sync(emulator.now())().catch((error: unknown) => {
          if (!(error instanceof UnsupportedServer)) throw error;
          refused = error.message;
        }),
      );
      if (!refused) throw new Error(`Octopus ${name} was synced: it has no Spaces and must be refused`);
      return { layout: name, version: profile.version, dateFilters: false, deployments: 0, first, note: `refused, UnsupportedServer: "${refused.split(':')[0]}"` };
    }
    const first = await counted(emulator, sync(emulator.now()));
    const history = await cache.readHistory(SPACE);
    const nothingNew = await counted(emulator, sync(emulator.now() + 30 * MINUTE));
    emulator.advance({ minutes: 60, deployments: 100 });
    const hundredNew = await counted(emulator, sync(emulator.now()));
    return {
      layout: `${name}${basePath ? ` under ${basePath}` : ''}`,
      version: profile.version,
      dateFilters: profile.taskParams.includes('fromCompletedDate'),
      deployments: history.deployments.length,
      first,
      nothingNew,
      hundredNew,
    };
  } finally {
    cache.close();
    await deleteCache(emulator.url, 'Users-1');
    await emulator.close();
  }
}

/** Every profile, and the current one under a base path. */
export async function benchProfiles(scale: 'tiny' | 'demo' | 'large'): Promise<ProfileRow[]> {
  const rows: ProfileRow[] = [];
  // One clock for every layout: the same history on each.
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  for (const name of Object.keys(PROFILES) as ProfileName[]) rows.push(await benchLayout(scale, now, name, ''));
  rows.push(await benchLayout(scale, now, '2024.3', '/octopus'));
  return rows;
}

export function printProfiles(scale: string, rows: ProfileRow[]): void {
  console.log(`\nrequests per Octopus version (${scale}, ${SPACE}; each sync = who is signed in + the space; budget for nothing new: ≤ 3)`);
  console.log('| Octopus | API root Version | task date filters | deployments | first sync | nothing new, 30 min on | 100 new |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const later = r.note ? `${r.note} | |` : `${r.nothingNew} | ${r.hundredNew} |`;
    console.log(`| ${r.layout} | ${r.version} | ${r.dateFilters ? 'yes' : 'no'} | ${r.deployments.toLocaleString('en')} | ${r.first} | ${later}`);
  }
}
