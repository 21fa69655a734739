import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { TaskState } from '@/lib/metrics/facts';
import type { Cache } from '@/lib/store/cache';
import { CHUNK_SPAN, mergeDeploymentChunk, mergeReleaseChunk } from '@/lib/store/chunks';
import type { DeploymentRecord, ReleaseRecord } from '@/lib/store/records';
import { type CacheSchema, type DeploymentChunk, databaseName } from '@/lib/store/schema';
import { SLICED_PROJECTS } from '@/lib/store/slices';
import { testCache } from '../../support/test-cache';

const ORIGIN = 'https://octopus.example.com';
const SPACE = 'Spaces-1';
const projectOf = (n: number) => `Projects-${n % 6}`;
const release = (id: number): ReleaseRecord => ({ id, project: projectOf(id), channel: `Channels-${id % 6}`, version: `1.0.${id}`, assembled: 1_700_000_000_000 + id * 1000, blocked: id % 13 === 0 });
const deployment = (id: number, extra: Partial<DeploymentRecord> = {}): DeploymentRecord => ({
  id,
  project: projectOf(id),
  environment: `Environments-${id % 3}`,
  channel: `Channels-${id % 6}`,
  tenant: id % 4 ? null : 'Tenants-1',
  release: 10 + (id % 60),
  task: 5000 + id,
  state: id % 7 ? TaskState.Success : TaskState.Failed,
  guidedFailure: false,
  created: 1_700_000_100_000 + id * 1000,
  queued: 1_700_000_100_000 + id * 1000,
  started: 1_700_000_200_000 + id * 1000,
  completed: 1_700_000_300_000 + id * 1000,
  ...extra,
});
// Deployments in three chunks (the third holding only projects 0 and 3), releases in one.
const firstOf = (from: number, project: number) => from + ((project - (from % 6) + 6) % 6);
const ids = [...Array.from({ length: 40 }, (_, i) => 1 + i), ...Array.from({ length: 40 }, (_, i) => CHUNK_SPAN + 1 + i), firstOf(CHUNK_SPAN * 2, 0), firstOf(CHUNK_SPAN * 2, 3)];
const releases = Array.from({ length: 60 }, (_, i) => release(10 + i));

const { open, raw, slicesOf } = testCache(ORIGIN);
/** What a project's panel must see: the project's rows decoded from the chunks themselves. */
const expected = (cache: Cache, project: string) => cache.readHistory(SPACE, project);

describe("a project's rows kept for its next opening", () => {
  it('reads the same history as the chunks give, the first time (cutting) and the next (from its slices)', async () => {
    const cache = await open();
    await cache.writePage(SPACE, { deployments: ids.map((id) => deployment(id)), releases });
    const first = await cache.readHistory(SPACE, 'Projects-3', { keep: true });
    expect(first).toEqual(await expected(cache, 'Projects-3'));
    expect(first.deployments.id.length).toBe(ids.filter((id) => id % 6 === 3).length);
    // One slice per chunk, empty where the chunk holds none of the project's rows.
    const kept = await slicesOf('Projects-3');
    const inChunk = (no: number) => ids.filter((id) => Math.floor(id / CHUNK_SPAN) === no && id % 6 === 3).length;
    expect(kept.map((s) => [s.kind, s.no, s.rows?.count ?? 0])).toEqual([
      ['deployments', 0, inChunk(0)],
      ['deployments', 1, inChunk(1)],
      ['deployments', 2, inChunk(2)],
      ['releases', 0, 10],
    ]);
    expect(inChunk(2)).toBe(1);
    expect(await cache.readHistory(SPACE, 'Projects-3', { keep: true })).toEqual(first);
    expect(await cache.readHistory(SPACE, 'Projects-1', { keep: true })).toEqual(await expected(cache, 'Projects-1'));
    expect((await slicesOf('Projects-1')).find((s) => s.kind === 'deployments' && s.no === 2)?.rows).toBeUndefined();
  });

  it('reads its slices, and cuts again only the chunks written since', async () => {
    const cache = await open();
    await cache.writePage(SPACE, { deployments: ids.map((id) => deployment(id)), releases });
    await cache.readHistory(SPACE, 'Projects-0', { keep: true });
    // Mark the kept rows of the first two chunks: a read that shows the mark read the slice.
    const db = await raw();
    for (const slice of await db.getAll('slices')) {
      if (slice.rows?.kind !== 'deployments' || slice.no > 1) continue;
      (slice.rows as DeploymentChunk).guidedFailure[0] = 1;
      await db.put('slices', slice);
    }
    db.close();
    const marked = await cache.readHistory(SPACE, 'Projects-0', { keep: true });
    expect([...marked.deployments.guidedFailure].filter(Boolean)).toHaveLength(2);

    // A later sync rewrites chunk 1 (a deployment's state changed) and adds a release: chunk 0's slice stays.
    const rewritten = ids.find((id) => id > CHUNK_SPAN && id % 6 === 0)!;
    await cache.writePage(SPACE, { deployments: [deployment(rewritten, { state: TaskState.Canceled })], releases: [release(72)] });
    const after = await cache.readHistory(SPACE, 'Projects-0', { keep: true });
    expect([...after.deployments.guidedFailure].filter(Boolean)).toHaveLength(1);
    after.deployments.guidedFailure.fill(0);
    expect(after).toEqual(await expected(cache, 'Projects-0'));
    expect(after.deployments.state[after.deployments.id.indexOf(rewritten)]).toBe(TaskState.Canceled);
    expect(after.releases.id).toContain(72);
  });

  it('reads chunks written before stamps existed (a version 2 database), and notices when they are rewritten', async () => {
    const name = databaseName(ORIGIN, 'Users-1');
    // Version 2's stores, as that version created them.
    const old = await openDB<CacheSchema>(name, 2, {
      upgrade(db) {
        db.createObjectStore('chunks', { keyPath: ['space', 'kind', 'no'] });
        db.createObjectStore('spaces', { keyPath: 'space' });
        db.createObjectStore('sync', { keyPath: ['space', 'name'] });
      },
    });
    await old.put('chunks', mergeDeploymentChunk(SPACE, 0, undefined, ids.slice(0, 40).map((id) => deployment(id))));
    await old.put('chunks', mergeReleaseChunk(SPACE, 0, undefined, releases));
    old.close();
    const cache = await open();
    const first = await cache.readHistory(SPACE, 'Projects-2', { keep: true });
    expect(first).toEqual(await expected(cache, 'Projects-2'));
    expect((await slicesOf('Projects-2')).map((s) => s.stamp)).toEqual([0, 0]);
    await cache.writePage(SPACE, { deployments: [deployment(2, { state: TaskState.Canceled })] });
    const after = await cache.readHistory(SPACE, 'Projects-2', { keep: true });
    expect(after.deployments.state[0]).toBe(TaskState.Canceled);
    expect(after).toEqual(await expected(cache, 'Projects-2'));
  });

  it(`keeps the slices of the ${SLICED_PROJECTS} projects opened last in each space`, async () => {
    const cache = await open();
    await cache.writePage(SPACE, { deployments: ids.map((id) => deployment(id)), releases });
    await cache.writePage('Spaces-2', { deployments: ids.map((id) => deployment(id)), releases });
    for (const p of [0, 1, 2, 3, 4, 1]) await cache.readHistory(SPACE, `Projects-${p}`, { keep: true });
    await cache.readHistory('Spaces-2', 'Projects-0', { keep: true });
    const db = await raw();
    const spaceOne = new Set((await db.getAll('slices')).filter((s) => s.space === SPACE).map((s) => s.project));
    expect([...spaceOne].sort()).toEqual(['Projects-1', 'Projects-2', 'Projects-3', 'Projects-4']);
    expect((await db.getAll('slices')).some((s) => s.space === 'Spaces-2' && s.project === 'Projects-0')).toBe(true);
    db.close();
    // Background reads (no `keep`) leave none behind.
    await cache.readHistory(SPACE, 'Projects-5');
    expect(await slicesOf('Projects-5')).toEqual([]);
  });

  it("clearing a space deletes its slices and stamps, and no other space's", async () => {
    const cache = await open();
    for (const space of [SPACE, 'Spaces-2']) {
      await cache.writePage(space, { deployments: ids.map((id) => deployment(id)), releases });
      await cache.readHistory(space, 'Projects-0', { keep: true });
    }
    await cache.clearSpace(SPACE);
    const db = await raw();
    const [slices, stamps] = await Promise.all([db.getAll('slices'), db.getAll('stamps')]);
    db.close();
    expect(new Set(slices.map((s) => s.space))).toEqual(new Set(['Spaces-2']));
    expect(new Set(stamps.map((s) => s.space))).toEqual(new Set(['Spaces-2']));
    expect((await cache.readHistory(SPACE, 'Projects-0', { keep: true })).deployments.id.length).toBe(0);
  });
});
