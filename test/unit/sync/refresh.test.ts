/** The scheduled refresh against the emulator: it syncs cached spaces only for the user signed in now. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { deleteCache, listCaches, openCache } from '@/lib/store/cache';
import { refreshCachedSpaces } from '@/lib/sync/refresh';
import { runSync } from '@/lib/sync/service';
import type { SyncStatus } from '@/lib/sync/status';
import { type RunningEmulator, startEmulator } from '../../emulator/server';
import { EMULATOR_USERS } from '../../emulator/users';
import { sessionFetch } from '../../support/session-fetch';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ scale: 'tiny', port: 0, seed: 4 });
});
afterAll(() => emulator.close());
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const { server, userId } of await listCaches()) await deleteCache(server, userId);
});

describe('background refresh', () => {
  it('resumes and refreshes the cached spaces of the signed-in user, and leaves other users’ caches alone', async () => {
    const session = sessionFetch(emulator.url);
    await session.signIn(EMULATOR_USERS.admin.username, EMULATOR_USERS.admin.password);
    // The worker's fetch carries the browser's cookies; here, the session's.
    vi.stubGlobal('fetch', session.fetch);
    const mine = await openCache(emulator.url, 'Users-1');
    await mine.writePage('Spaces-1', { checkpoint: { v: 1, phase: 'initial', step: 'dims', skip: 0, startedAt: 0, eventMark: 0, maxRelease: 0 } });
    mine.close();
    const theirs = await openCache(emulator.url, 'Users-2');
    await theirs.writePage('Spaces-1', { checkpoint: { v: 1, phase: 'initial', step: 'dims', skip: 0, startedAt: 0, eventMark: 0, maxRelease: 0 } });
    theirs.close();

    const published: SyncStatus[] = [];
    const done = await refreshCachedSpaces({ publish: async (_key, status) => void published.push(status) }, async () => true);
    expect(done).toEqual([{ server: emulator.url, userId: 'Users-1', space: 'Spaces-1', outcome: 'done' }]);
    expect(published.every((s) => s.userId === 'Users-1')).toBe(true);

    const cached = await openCache(emulator.url, 'Users-1');
    const deployments = (await cached.readHistory('Spaces-1')).deployments.length;
    cached.close();
    expect(deployments).toBe(emulator.history().Spaces[0].Deployments.length);
    const other = await openCache(emulator.url, 'Users-2');
    expect((await other.readHistory('Spaces-1')).deployments.length).toBe(0);
    other.close();
  });

  it('sends nothing to a server DORA Lens is no longer enabled for, and stops between spaces when it is revoked', async () => {
    const session = sessionFetch(emulator.url);
    await session.signIn(EMULATOR_USERS.admin.username, EMULATOR_USERS.admin.password);
    const requests: string[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(String(input));
      return session.fetch(input, init);
    });
    const mine = await openCache(emulator.url, 'Users-1');
    for (const space of ['Spaces-1', 'Spaces-2']) {
      await mine.writePage(space, { checkpoint: { v: 1, phase: 'initial', step: 'dims', skip: 0, startedAt: 0, eventMark: 0, maxRelease: 0 } });
    }
    mine.close();
    const sink = { publish: async () => {} };

    expect(await refreshCachedSpaces(sink, async () => false)).toEqual([]);
    expect(requests).toEqual([]);

    // Enabled when the refresh starts, revoked while the first space syncs: the second is not started.
    let checks = 0;
    const done = await refreshCachedSpaces(sink, async () => ++checks <= 2);
    expect(done.map((d) => d.space)).toEqual(['Spaces-1']);
    expect(requests.some((url) => url.includes('/Spaces-2'))).toBe(false);
  });

  it('syncs into the cache of whoever is signed in now, even right after another user signed in', async () => {
    const session = sessionFetch(emulator.url);
    vi.stubGlobal('fetch', session.fetch);
    const sink = { publish: async () => {} };
    await session.signIn(EMULATOR_USERS.admin.username, EMULATOR_USERS.admin.password);
    const first = await runSync(emulator.url, 'Spaces-1', sink);
    // Another user signs in on the same browser moments later.
    await session.signIn(EMULATOR_USERS.restricted.username, EMULATOR_USERS.restricted.password);
    const second = await runSync(emulator.url, 'Spaces-1', sink);
    expect(first !== 'already-running' && first.userId).toBe('Users-1');
    expect(second !== 'already-running' && second.userId).toBe('Users-2');
    const admin = await openCache(emulator.url, 'Users-1');
    const restricted = await openCache(emulator.url, 'Users-2');
    const adminCount = (await admin.readHistory('Spaces-1')).deployments.length;
    const restrictedCount = (await restricted.readHistory('Spaces-1')).deployments.length;
    admin.close();
    restricted.close();
    expect(adminCount).toBe(emulator.history().Spaces[0].Deployments.length);
    expect(restrictedCount).toBeGreaterThan(0);
    expect(restrictedCount).toBeLessThan(adminCount);
  });
});
