/**
 * The sync engine against the Octopus emulator over real HTTP, with the session cookies a browser would
 * send, into the IndexedDB cache (in-memory here; the browser test uses Chromium's). After every scenario
 * the cache must equal the emulator's ground truth, computed independently in test/support/ground-truth.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOctopusClient } from '@/lib/octopus/client';
import { NotSignedIn } from '@/lib/octopus/errors';
import { type Cache, deleteCache, listCaches, openCache } from '@/lib/store/cache';
import { syncSpace } from '@/lib/sync/engine';
import { type RunningEmulator, startEmulator } from '../../emulator/server';
import { EMULATOR_USERS } from '../../emulator/users';
import { cachedSpace, expectedSpace } from '../../support/ground-truth';
import { type SessionFetch, sessionFetch } from '../../support/session-fetch';

const SPACE = 'Spaces-1';
let emulator: RunningEmulator;
const caches: Cache[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ scale: 'tiny', port: 0, seed: 11 });
});
afterAll(() => emulator.close());
afterEach(async () => {
  emulator.setFaults('');
  for (const cache of caches.splice(0)) cache.close();
  for (const { server, userId } of await listCaches()) await deleteCache(server, userId);
});

async function session(user: keyof typeof EMULATOR_USERS = 'admin'): Promise<SessionFetch> {
  const s = sessionFetch(emulator.url);
  await s.signIn(EMULATOR_USERS[user].username, EMULATOR_USERS[user].password);
  return s;
}

async function cacheFor(userId = 'Users-1'): Promise<Cache> {
  const cache = await openCache(emulator.url, userId);
  caches.push(cache);
  return cache;
}

/** Fast retries: the emulator's Retry-After is honoured, but the test does not wait out long back-offs. */
const client = (s: SessionFetch, onRequest?: () => void) =>
  createOctopusClient({ origin: emulator.url, fetch: s.fetch, onRequest, retry: { baseDelayMs: 5, maxDelayMs: 50 } });

async function expectCacheEqualsTruth(cache: Cache) {
  const cached = cachedSpace(await cache.readHistory(SPACE));
  const expected = expectedSpace(emulator.history(), SPACE);
  expect(cached.releases).toEqual(expected.releases);
  expect(cached.deployments).toEqual(expected.deployments);
}

describe('first sync', () => {
  it('stores exactly the emulator’s history, in requests proportional to history ÷ page size', async () => {
    const s = await session();
    const cache = await cacheFor();
    const result = await syncSpace({ client: client(s), cache, space: SPACE, pageSize: 100 });
    await expectCacheEqualsTruth(cache);
    const truth = expectedSpace(emulator.history(), SPACE);
    expect(result.deployments).toBeGreaterThanOrEqual(truth.deployments.length);
    // Dimensions (6) + a few event/probe requests + one per page of each list + one per 300 tasks.
    const pages = Math.ceil(truth.deployments.length / 100) * 2 + Math.ceil(truth.releases.length / 100);
    expect(s.requests.length).toBeLessThan(pages + 20);
    // Never-deployed releases are kept (lead time needs them).
    const deployed = new Set(truth.deployments.map((d) => d.release));
    expect(truth.releases.some((r) => !deployed.has(r.id))).toBe(true);
  });

  for (const seed of [1, 2, 3]) {
    it(`resumes exactly after being stopped at random points (seed ${seed})`, async () => {
      const s = await session();
      const cache = await cacheFor();
      let random = seed * 7919;
      const next = () => {
        random = (random * 48271) % 2147483647;
        return random / 2147483647;
      };
      let attempts = 0;
      for (;;) {
        attempts++;
        const stop = new AbortController();
        let requests = 0;
        const stopAfter = 1 + Math.floor(next() * 12);
        try {
          await syncSpace({ client: client(s, () => ++requests >= stopAfter && stop.abort()), cache, space: SPACE, pageSize: 50, signal: stop.signal });
          break;
        } catch (error) {
          expect(stop.signal.aborted, String(error)).toBe(true);
        }
        expect(attempts).toBeLessThan(200);
      }
      expect(attempts).toBeGreaterThan(2);
      await expectCacheEqualsTruth(cache);
    });
  }
});

describe('faults', () => {
  it('ends equal to the server after 500, 503, 429 with Retry-After, latency, drops and malformed JSON', async () => {
    const s = await session();
    const cache = await cacheFor();
    emulator.setFaults('503:rate=0.08,429:every=9:retryAfter=0,latency=1-5ms,500:rate=0.03,drop:rate=0.03,malformed:rate=0.03,truncate:rate=0.02');
    let failures = 0;
    for (;;) {
      try {
        await syncSpace({ client: client(s), cache, space: SPACE, pageSize: 50 });
        break;
      } catch {
        // A user would see the error and press Retry: the next run resumes from the checkpoint.
        failures++;
        expect(failures).toBeLessThan(100);
      }
    }
    const injected = emulator.counters().faults;
    emulator.setFaults('');
    await expectCacheEqualsTruth(cache);
    // The faults really happened (the counters name each kind that fired).
    expect(Object.keys(injected).length, JSON.stringify(injected)).toBeGreaterThanOrEqual(4);
  });

  it('stops on an expired session, and continues after the user signs in again', async () => {
    const s = await session();
    const cache = await cacheFor();
    emulator.setFaults('expire-session:after=8');
    const error = await syncSpace({ client: client(s), cache, space: SPACE, pageSize: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotSignedIn);
    expect((error as NotSignedIn).signInUrl).toBe(`${emulator.url}/app#/users/sign-in`);
    emulator.setFaults('');
    await s.signIn(EMULATOR_USERS.admin.username, EMULATOR_USERS.admin.password);
    await syncSpace({ client: client(s), cache, space: SPACE, pageSize: 50 });
    await expectCacheEqualsTruth(cache);
  });
});

describe('later syncs', () => {
  it('with nothing new: at most 3 requests, nothing changed', async () => {
    const s = await session();
    const cache = await cacheFor();
    await syncSpace({ client: client(s), cache, space: SPACE });
    const before = s.requests.length;
    const result = await syncSpace({ client: client(s), cache, space: SPACE });
    expect(result.kind).toBe('incremental');
    expect(s.requests.length - before).toBeLessThanOrEqual(3);
    expect(result.deployments).toBe(0);
    await expectCacheEqualsTruth(cache);
  });

  it('picks up new activity and task states edited after the fact', async () => {
    const s = await session();
    const cache = await cacheFor();
    await syncSpace({ client: client(s), cache, space: SPACE });
    const activity = emulator.advance({ minutes: 180, deployments: 40 });
    const newHere = activity.deployments.filter((id) => emulator.history().Spaces[0].Deployments.some((d) => d.Id === id));
    expect(newHere.length).toBeGreaterThan(0);
    // Edit a recent and an old finished task, as a user marking a deployment failed would.
    const space = emulator.history().Spaces[0];
    const finished = space.Tasks.filter((t) => t.State === 'Success' && t.Name === 'Deploy');
    const signedIn = await emulator.signIn('admin');
    for (const task of [finished[0], finished[finished.length - 1]]) {
      const response = await fetch(`${emulator.url}/api/tasks/${task.Id}/state`, {
        method: 'POST',
        headers: { ...signedIn.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ state: 'Failed', reason: 'Found a bug in production' }),
      });
      expect(response.status).toBe(200);
    }
    const before = s.requests.length;
    const result = await syncSpace({ client: client(s), cache, space: SPACE });
    expect(result.kind).toBe('incremental');
    expect(result.deployments).toBeGreaterThanOrEqual(newHere.length + 2);
    expect(s.requests.length - before).toBeLessThan(15);
    await expectCacheEqualsTruth(cache);
  });
});

describe('task states edited with no event (a server whose feed does not record it)', () => {
  it('re-checks each task once, three days after it finished, and picks up the edit', async () => {
    const s = await session();
    // The same server, minus the 'Modified' events.
    const withoutEdits: typeof fetch = async (input, init) => {
      const response = await s.fetch(input, init);
      if (!String(input).includes('/events')) return response;
      const body = await response.json();
      body.Items = body.Items.filter((e: { Category: string }) => e.Category !== 'Modified');
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    const cache = await cacheFor();
    const clock = () => emulator.now();
    const c = createOctopusClient({ origin: emulator.url, fetch: withoutEdits });
    // Fresh deployments, finished just before the first sync.
    emulator.advance({ minutes: 60, deployments: 12 });
    await syncSpace({ client: c, cache, space: SPACE, now: clock });
    const t0 = emulator.now();
    const task = emulator
      .history()
      .Spaces[0].Tasks.filter((t) => t.State === 'Success' && t.Name === 'Deploy' && Date.parse(t.CompletedTime!) >= t0 - 3 * 86_400_000)
      .at(-1);
    expect(task, 'a deployment finished in the last three days').toBeDefined();
    // Three days and an hour later, the task has crossed the re-check age since the previous sync.
    emulator.advance({ minutes: 3 * 24 * 60 + 60, deployments: 0 });
    const signedIn = await emulator.signIn('admin');
    const edit = await fetch(`${emulator.url}/api/tasks/${task!.Id}/state`, {
      method: 'POST',
      headers: { ...signedIn.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: 'Failed', reason: 'Broke production' }),
    });
    expect(edit.status).toBe(200);
    await syncSpace({ client: c, cache, space: SPACE, now: clock });
    await expectCacheEqualsTruth(cache);
  });
});

describe('permissions', () => {
  it('caches for the restricted user only what the emulator shows them, in a database of their own', async () => {
    const admin = await session('admin');
    const restricted = await session('restricted');
    const adminCache = await cacheFor('Users-1');
    await syncSpace({ client: client(admin), cache: adminCache, space: SPACE });
    const me = await (await restricted.fetch(`${emulator.url}/api/users/me`)).json();
    const restrictedCache = await cacheFor(me.Id);
    await syncSpace({ client: client(restricted), cache: restrictedCache, space: SPACE });

    // What the emulator shows that user, read page by page with a plain loop (not lib/octopus).
    const visible = async (path: string) => {
      const ids = new Set<string>();
      for (let skip = 0; ; skip += 500) {
        const page = await (await restricted.fetch(`${emulator.url}/api/${SPACE}/${path}?skip=${skip}&take=500`)).json();
        for (const item of page.Items) ids.add(item.Id);
        if (!page.Links['Page.Next']) return ids;
      }
    };
    const shown = { deployments: await visible('deployments'), releases: await visible('releases') };
    const all = expectedSpace(emulator.history(), SPACE);
    expect(shown.deployments.size).toBeGreaterThan(0);
    expect(shown.deployments.size).toBeLessThan(all.deployments.length);
    const cached = cachedSpace(await restrictedCache.readHistory(SPACE));
    expect(cached.deployments).toEqual(expectedSpace(emulator.history(), SPACE, shown).deployments);
    expect(cached.releases).toEqual(expectedSpace(emulator.history(), SPACE, shown).releases);
    // The admin's cache is another database and still holds everything.
    expect(restrictedCache.name).not.toBe(adminCache.name);
    expect(cachedSpace(await adminCache.readHistory(SPACE)).deployments).toHaveLength(all.deployments.length);
  });
});
