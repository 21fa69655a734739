/**
 * The sync engine against every Octopus version the emulator plays (test/emulator/profiles.ts) and a server
 * under a base path, over real HTTP with a browser's session cookies, into the IndexedDB cache (in memory
 * here). On each: the cache equals the emulator's ground truth (test/support/ground-truth.ts) after a first
 * sync and after activity; a later sync with nothing new costs at most 3 requests, counted by the emulator,
 * "who is signed in" included; and a version without Spaces is refused before any request could fail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOctopusClient } from '@/lib/octopus/client';
import { UnsupportedServer } from '@/lib/octopus/errors';
import { getCurrentUser } from '@/lib/octopus/root';
import { type Cache, deleteCache, listCaches, openCache } from '@/lib/store/cache';
import { RECHECK_WINDOW_MS, syncSpace } from '@/lib/sync/engine';
import { SERVER_INFO_MAX_AGE_MS, SERVER_INFO_STALE_MS } from '@/lib/sync/server-record';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../emulator/server';
import { EMULATOR_USERS } from '../../emulator/users';
import { cachedSpace, expectedSpace } from '../../support/ground-truth';
import { type SessionFetch, sessionFetch } from '../../support/session-fetch';

const SPACE = 'Spaces-1';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PAGE = 100;

interface Layout extends EmulatorOptions {
  /** The server filters tasks by completion date (2021.2 and later). */
  dateFilters: boolean;
}

const LAYOUTS: Layout[] = [
  { octopusVersion: '2019.7', dateFilters: false },
  { octopusVersion: '2020.5', dateFilters: false },
  { octopusVersion: '2022.1', dateFilters: true },
  { octopusVersion: '2023.1', dateFilters: true },
  { octopusVersion: '2024.3', dateFilters: true },
  { octopusVersion: '2024.3', basePath: '/octopus', dateFilters: true },
  { octopusVersion: '2019.7', basePath: '/octopus', dateFilters: false },
];

/** Items each tasks request received, to tell a thin re-check from "every deployment task". */
function countingTasks(s: SessionFetch) {
  const received: number[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await s.fetch(input, init);
    if (!/\/tasks(\?|$)/.test(String(input))) return response;
    const body = await response.clone().json();
    received.push(Array.isArray(body.Items) ? body.Items.length : 0);
    return response;
  };
  return { fetch, received };
}

describe.each(LAYOUTS)('Octopus $octopusVersion $basePath', (layout) => {
  let emulator: RunningEmulator;
  const caches: Cache[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ scale: 'tiny', port: 0, seed: 5, now: Date.UTC(2025, 5, 18, 14, 37), ...layout });
  });
  afterAll(() => emulator.close());
  afterEach(async () => {
    for (const cache of caches.splice(0)) cache.close();
    for (const { server, userId } of await listCaches()) await deleteCache(server, userId);
  });

  async function setUp() {
    const s = sessionFetch(emulator.url);
    await s.signIn(EMULATOR_USERS.admin.username, EMULATOR_USERS.admin.password);
    const cache = await openCache(emulator.url, 'Users-1');
    caches.push(cache);
    return { s, cache };
  }

  const client = (fetch: typeof globalThis.fetch) => createOctopusClient({ origin: emulator.url, fetch, retry: { baseDelayMs: 5, maxDelayMs: 50 } });

  async function expectCacheEqualsTruth(cache: Cache) {
    const cached = cachedSpace(await cache.readHistory(SPACE));
    const expected = expectedSpace(emulator.history(), SPACE);
    expect(cached.releases).toEqual(expected.releases);
    expect(cached.deployments).toEqual(expected.deployments);
  }

  /** What the service worker does for one sync: who is signed in, then the space; requests counted by the emulator. */
  async function countedSync(cache: Cache, fetch: typeof globalThis.fetch, now: number) {
    emulator.resetCounters();
    const c = client(fetch);
    await getCurrentUser(c);
    const result = await syncSpace({ client: c, cache, space: SPACE, pageSize: PAGE, now: () => now });
    const counters = emulator.counters();
    expect(Object.keys(counters.statuses), JSON.stringify(counters.routes)).toEqual(['200']);
    return { result, requests: counters.requests, routes: Object.keys(counters.routes) };
  }

  it('a first sync stores exactly the history, in requests that grow with history ÷ page size', async () => {
    const { s, cache } = await setUp();
    const { result, requests } = await countedSync(cache, s.fetch, emulator.now());
    await expectCacheEqualsTruth(cache);
    expect(result.kind).toBe('initial');
    expect(result.server).toMatchObject({ supported: true, capabilities: { spaces: true, taskCompletedDateFilter: layout.dateFilters } });
    const truth = expectedSpace(emulator.history(), SPACE);
    const space = emulator.history().Spaces[0];
    const pages = (n: number) => Math.ceil(n / PAGE);
    // Root, who, space, 6 dimensions, the newest event, the two totals of the progress bar; a page per list;
    // tasks by id 300 a request.
    const bound = 12 + pages(space.Interruptions.length) + pages(space.Defects.length * 2) + pages(truth.releases.length) + 2 * pages(truth.deployments.length) + 2;
    expect(requests).toBeLessThanOrEqual(bound);
    expect(requests).toBeGreaterThan(pages(truth.deployments.length) * 2);
  });

  it('a later sync with nothing new: at most 3 requests, a thin re-check, nothing changed', async () => {
    const { s, cache } = await setUp();
    await countedSync(cache, s.fetch, emulator.now());
    // Six hours later by the extension's clock, nothing happened on the server: the re-check slice holds
    // the tasks that finished between three days and three days minus six hours ago.
    const later = emulator.now() + 6 * HOUR;
    const counting = countingTasks(s);
    const { result, requests } = await countedSync(cache, counting.fetch, later);
    expect(result.kind).toBe('incremental');
    expect(result.deployments).toBe(0);
    expect(requests).toBeLessThanOrEqual(3);
    const from = emulator.now() - RECHECK_WINDOW_MS;
    const inSlice = emulator.history().Spaces[0].Tasks.filter((t) => t.Name === 'Deploy' && t.CompletedTime && Date.parse(t.CompletedTime) >= from && Date.parse(t.CompletedTime) <= later - RECHECK_WINDOW_MS);
    expect(inSlice.length, 'the slice holds finished deployments').toBeGreaterThan(0);
    // An older Octopus ignores date filters and would have answered with every task: it was asked by id.
    expect(counting.received.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(inSlice.length);
    await expectCacheEqualsTruth(cache);
  });

  it('re-reads the API root only in a sync with a request to spare, or weekly, without ever costing a 4th request', async () => {
    const { s, cache } = await setUp();
    const t0 = emulator.now();
    await countedSync(cache, s.fetch, t0);
    const day = t0 + SERVER_INFO_MAX_AGE_MS + HOUR;
    // A day later the re-check slice holds finished deployments: the re-check takes the spare request.
    const busy = await countedSync(cache, s.fetch, day);
    expect(busy.requests).toBeLessThanOrEqual(3);
    expect(busy.routes).not.toContain('GET /api');
    // The same moment again: an empty slice, so the day-old root is read instead.
    const quiet = await countedSync(cache, s.fetch, day);
    expect(quiet.requests).toBeLessThanOrEqual(3);
    expect(quiet.routes).toContain('GET /api');
    await expectCacheEqualsTruth(cache);
  });

  it('after a week, reads the API root and leaves that sync’s re-check to the next one, never two in a row', async () => {
    const { s, cache } = await setUp();
    const t0 = emulator.now();
    await countedSync(cache, s.fetch, t0);
    const week = t0 + SERVER_INFO_STALE_MS + DAY;
    const rootDay = await countedSync(cache, s.fetch, week);
    expect(rootDay.requests).toBeLessThanOrEqual(3);
    expect(rootDay.routes).toContain('GET /api');
    expect(rootDay.routes.some((r) => r.includes('/tasks'))).toBe(false);
    const counting = countingTasks(s);
    const next = await countedSync(cache, counting.fetch, week + HOUR);
    expect(next.requests).toBeLessThanOrEqual(3);
    expect(next.routes).not.toContain('GET /api');
    // The slice the root day left holds the tasks that finished up to three days before the first sync.
    expect(counting.received.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await expectCacheEqualsTruth(cache);
  });

  it('picks up new activity and task states edited after the fact', async () => {
    const { s, cache } = await setUp();
    await countedSync(cache, s.fetch, emulator.now());
    emulator.advance({ minutes: 180, deployments: 30 });
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
    const { result, requests } = await countedSync(cache, s.fetch, emulator.now());
    expect(result.deployments).toBeGreaterThan(2);
    expect(requests).toBeLessThan(15);
    await expectCacheEqualsTruth(cache);
  });

  it('re-checks a task three days after it finished, on a server whose feed records no edit', async () => {
    const s = sessionFetch(emulator.url);
    await s.signIn(EMULATOR_USERS.admin.username, EMULATOR_USERS.admin.password);
    const withoutEdits: typeof fetch = async (input, init) => {
      const response = await s.fetch(input, init);
      if (!String(input).includes('/events')) return response;
      const body = await response.json();
      body.Items = body.Items.filter((e: { Category: string }) => e.Category !== 'Modified');
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    const cache = await openCache(emulator.url, 'Users-1');
    caches.push(cache);
    emulator.advance({ minutes: 60, deployments: 12 });
    await syncSpace({ client: client(withoutEdits), cache, space: SPACE, now: () => emulator.now() });
    const t0 = emulator.now();
    const task = emulator
      .history()
      .Spaces[0].Tasks.filter((t) => t.State === 'Success' && t.Name === 'Deploy' && Date.parse(t.CompletedTime!) >= t0 - RECHECK_WINDOW_MS)
      .at(-1);
    expect(task, 'a deployment finished in the last three days').toBeDefined();
    emulator.advance({ minutes: 3 * 24 * 60 + 60, deployments: 0 });
    const signedIn = await emulator.signIn('admin');
    const edit = await fetch(`${emulator.url}/api/tasks/${task!.Id}/state`, {
      method: 'POST',
      headers: { ...signedIn.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: 'Failed', reason: 'Broke production' }),
    });
    expect(edit.status).toBe(200);
    await syncSpace({ client: client(withoutEdits), cache, space: SPACE, now: () => emulator.now() });
    await expectCacheEqualsTruth(cache);
  });
});

describe('Octopus 2018.10 (no Spaces)', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ scale: 'tiny', port: 0, seed: 5, octopusVersion: '2018.10' });
  });
  afterAll(() => emulator.close());

  it('is refused with UnsupportedServer after reading the API root, with no failing request and nothing cached', async () => {
    const s = sessionFetch(emulator.url);
    await s.signIn(EMULATOR_USERS.admin.username, EMULATOR_USERS.admin.password);
    const cache = await openCache(emulator.url, 'Users-1');
    try {
      emulator.resetCounters();
      const c = createOctopusClient({ origin: emulator.url, fetch: s.fetch });
      await getCurrentUser(c);
      const error = await syncSpace({ client: c, cache, space: SPACE }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedServer);
      expect((error as UnsupportedServer).message).toMatch(/^Octopus 2018\.x and older is not supported: DORA Lens needs Spaces, introduced in 2019\.1\./);
      const counters = emulator.counters();
      expect(Object.keys(counters.routes).sort()).toEqual(['GET /api', 'GET /api/users/me']);
      expect(counters.statuses).toEqual({ 200: 2 });
      expect(await cache.listSpaces()).toEqual([]);
    } finally {
      cache.close();
      await deleteCache(emulator.url, 'Users-1');
    }
  });
});

describe('a cache written before the task column, on a server without task date filters', () => {
  it('asks the deployments for their tasks, then re-checks them by id', async () => {
    const emulator = await startEmulator({ scale: 'tiny', port: 0, seed: 6, octopusVersion: '2019.7' });
    const s = sessionFetch(emulator.url);
    await s.signIn(EMULATOR_USERS.admin.username, EMULATOR_USERS.admin.password);
    const cache = await openCache(emulator.url, 'Users-1');
    try {
      const c = createOctopusClient({ origin: emulator.url, fetch: s.fetch });
      await syncSpace({ client: c, cache, space: SPACE, now: () => emulator.now() });
      // As an earlier DORA Lens left it: every row without its task id.
      const ids = expectedSpace(emulator.history(), SPACE).deployments.map((d) => Number(d.id.slice('Deployments-'.length)));
      const stored = await cache.readDeployments(SPACE, ids);
      await cache.writePage(SPACE, { deployments: [...stored.values()].map((d) => ({ ...d, task: 0 })) });
      const t0 = emulator.now();
      const task = emulator
        .history()
        .Spaces[0].Tasks.filter((t) => t.State === 'Success' && t.Name === 'Deploy' && Date.parse(t.CompletedTime!) >= t0 - RECHECK_WINDOW_MS)
        .at(-1);
      expect(task).toBeDefined();
      const signedIn = await emulator.signIn('admin');
      const edit = await fetch(`${emulator.url}/api/tasks/${task!.Id}/state`, {
        method: 'POST',
        headers: { ...signedIn.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ state: 'Failed', reason: 'Broke production' }),
      });
      expect(edit.status).toBe(200);
      // The feed of this server records no edit.
      const withoutEdits: typeof fetch = async (input, init) => {
        const response = await s.fetch(input, init);
        if (!String(input).includes('/events')) return response;
        const body = await response.json();
        body.Items = body.Items.filter((e: { Category: string }) => e.Category !== 'Modified');
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      };
      emulator.resetCounters();
      await syncSpace({ client: createOctopusClient({ origin: emulator.url, fetch: withoutEdits }), cache, space: SPACE, now: () => t0 + RECHECK_WINDOW_MS + HOUR });
      expect(emulator.counters().routes['GET /api/{spaceId}/deployments']?.requests).toBeGreaterThanOrEqual(1);
      const cached = cachedSpace(await cache.readHistory(SPACE));
      expect(cached.deployments).toEqual(expectedSpace(emulator.history(), SPACE).deployments);
      expect(cached.deployments.find((d) => d.id === task!.Arguments?.DeploymentId)?.state).toBe('Failed');
    } finally {
      cache.close();
      await deleteCache(emulator.url, 'Users-1');
      await emulator.close();
    }
  });
});
