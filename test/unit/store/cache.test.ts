import { afterEach, describe, expect, it } from 'vitest';
import { TaskState } from '@/lib/metrics/facts';
import { CHUNK_SPAN, deploymentChunkToRecords, mergeDeploymentChunk } from '@/lib/store/chunks';
import { type Cache, deleteCache, listCaches, openCache } from '@/lib/store/cache';
import type { DeploymentRecord, DimensionRecords, ReleaseRecord } from '@/lib/store/records';

const ORIGIN = 'https://octopus.example.com';
const dims: DimensionRecords = {
  projects: [{ id: 'Projects-1', name: 'Acme Web', slug: 'acme-web', groupId: 'ProjectGroups-1', lifecycleId: 'Lifecycles-1', tenantedMode: 'Untenanted' }],
  projectGroups: [{ id: 'ProjectGroups-1', name: 'Default' }],
  environments: [
    { id: 'Environments-2', name: 'Production', sortOrder: 2 },
    { id: 'Environments-1', name: 'Dev', sortOrder: 1 },
  ],
  channels: [{ id: 'Channels-1', name: 'Default', projectId: 'Projects-1', lifecycleId: null, isDefault: true }],
  tenants: [{ id: 'Tenants-1', name: 'Contoso', tags: ['Tier/Gold'] }],
  lifecycles: [{ id: 'Lifecycles-1', name: 'Default', phases: [{ name: 'Dev', environmentIds: ['Environments-1'] }, { name: 'Prod', environmentIds: ['Environments-2'] }] }],
};
const release = (id: number): ReleaseRecord => ({ id, project: 'Projects-1', channel: 'Channels-1', version: `1.0.${id}`, assembled: 1_700_000_000_000 + id, blocked: false });
const deployment = (id: number, extra: Partial<DeploymentRecord> = {}): DeploymentRecord => ({
  id,
  project: 'Projects-1',
  environment: id % 2 ? 'Environments-1' : 'Environments-2',
  channel: 'Channels-1',
  tenant: id % 3 ? null : 'Tenants-1',
  release: 1,
  task: 1000 + id,
  state: TaskState.Success,
  guidedFailure: false,
  created: 1_700_000_100_000 + id,
  queued: 1_700_000_100_000 + id,
  started: 1_700_000_200_000 + id,
  completed: 1_700_000_300_000 + id,
  ...extra,
});

const opened: Cache[] = [];
const open = async (user = 'Users-1') => {
  const cache = await openCache(ORIGIN, user);
  opened.push(cache);
  return cache;
};
afterEach(async () => {
  for (const c of opened.splice(0)) c.close();
  for (const { server, userId } of await listCaches()) await deleteCache(server, userId);
});

describe('cache', () => {
  it('round-trips deployments across chunks into index-based history', async () => {
    const cache = await open();
    const ids = [3, 2, 1, CHUNK_SPAN + 5, 2 * CHUNK_SPAN + 1];
    await cache.writePage('Spaces-1', { dims, releases: [release(1)], deployments: ids.map((id) => deployment(id)) });
    const h = await cache.readHistory('Spaces-1');
    expect([...h.deployments.id]).toEqual([1, 2, 3, CHUNK_SPAN + 5, 2 * CHUNK_SPAN + 1]);
    // Environments come sorted by their Octopus sort order.
    expect(h.dims.environments.map((e) => e.name)).toEqual(['Dev', 'Production']);
    expect(h.dims.environments[h.deployments.environment[0]].id).toBe('Environments-1');
    expect(h.dims.environments[h.deployments.environment[1]].id).toBe('Environments-2');
    expect([...h.deployments.tenant.slice(0, 3)]).toEqual([-1, -1, 0]);
    expect(h.dims.lifecycles[0].phases.map((p) => p.environments)).toEqual([[0], [1]]);
    expect(h.releases.version).toEqual(['1.0.1']);
    expect(h.deployments.release[0]).toBe(0);
    expect(h.deployments.completed[0]).toBe(1_700_000_300_001);
  });

  it('replaces a deployment written again (a task that finished later) instead of doubling it', async () => {
    const cache = await open();
    await cache.writePage('Spaces-1', { dims, releases: [release(1)], deployments: [deployment(7, { state: TaskState.Executing, completed: Number.NaN })] });
    await cache.writePage('Spaces-1', { deployments: [deployment(7, { state: TaskState.Failed, guidedFailure: true })] });
    const h = await cache.readHistory('Spaces-1');
    expect(h.deployments.length).toBe(1);
    expect(h.deployments.state[0]).toBe(TaskState.Failed);
    expect(h.deployments.guidedFailure[0]).toBe(1);
  });

  it('stores the checkpoint with the page and keeps spaces apart', async () => {
    const cache = await open();
    await cache.writePage('Spaces-1', { deployments: [deployment(1)], checkpoint: { phase: 'deployments', skip: 1000 } });
    await cache.writePage('Spaces-2', { deployments: [deployment(2)], checkpoint: { phase: 'done' } });
    expect((await cache.readMeta('Spaces-1'))?.checkpoint).toEqual({ phase: 'deployments', skip: 1000 });
    expect((await cache.readHistory('Spaces-2')).deployments.length).toBe(1);
    await cache.clearSpace('Spaces-1');
    expect((await cache.readHistory('Spaces-1')).deployments.length).toBe(0);
    expect(await cache.readMeta('Spaces-1')).toBeUndefined();
    expect((await cache.readHistory('Spaces-2')).deployments.length).toBe(1);
  });

  it('gives each user of a server a separate database', async () => {
    const first = await open('Users-1');
    const second = await open('Users-2');
    await first.writePage('Spaces-1', { deployments: [deployment(1)] });
    expect((await second.readHistory('Spaces-1')).deployments.length).toBe(0);
    expect((await listCaches()).map((c) => c.userId).sort()).toEqual(['Users-1', 'Users-2']);
    expect((await listCaches())[0].server).toBe(ORIGIN);
  });

  it('keeps references to dimensions it has not seen, as placeholders, rather than dropping rows', async () => {
    const cache = await open();
    await cache.writePage('Spaces-1', { dims, deployments: [deployment(1, { project: 'Projects-99', channel: 'Channels-99' })] });
    const h = await cache.readHistory('Spaces-1');
    expect(h.dims.projects[h.deployments.project[0]].id).toBe('Projects-99');
    expect(h.dims.channels[h.deployments.channel[0]].project).toBe(h.deployments.project[0]);
    expect(h.deployments.release[0]).toBe(-1);
  });

  it('keeps exact times, as offsets when they fit and absolute when a deployment was scheduled far ahead', async () => {
    const cache = await open();
    const farAhead = deployment(2, { queued: 1_700_000_100_002 + 90 * 86_400_000, started: Number.NaN, completed: Number.NaN, state: TaskState.Queued });
    await cache.writePage('Spaces-1', { deployments: [deployment(1), farAhead] });
    await cache.writePage('Spaces-2', { deployments: [deployment(3)] });
    const far = (await cache.readHistory('Spaces-1')).deployments;
    expect([far.queued[1], far.started[1], far.completed[1]]).toEqual([farAhead.queued, Number.NaN, Number.NaN]);
    expect(far.completed[0]).toBe(deployment(1).completed);
    expect((await cache.readHistory('Spaces-2')).deployments.completed[0]).toBe(deployment(3).completed);
  });

  it('finds the deployments that finished in a window, and unfinished ones created in it, with their task ids', async () => {
    const cache = await open();
    const base = deployment(1).completed;
    await cache.writePage('Spaces-1', {
      deployments: [
        deployment(1),
        deployment(2, { completed: base + 10_000 }),
        // Created long before, finished in the window: in the oldest chunk.
        deployment(3, { completed: base + 20_000 }),
        deployment(CHUNK_SPAN + 4, { state: TaskState.Executing, completed: Number.NaN, created: base + 5_000 }),
        deployment(CHUNK_SPAN + 5, { state: TaskState.Queued, completed: Number.NaN, created: base - 5_000 }),
        deployment(2 * CHUNK_SPAN + 6, { completed: base + 30_000 }),
      ],
    });
    await cache.writePage('Spaces-2', { deployments: [deployment(7, { completed: base + 10_000 })] });
    const found = await cache.readFinishedBetween('Spaces-1', base + 1, base + 30_000);
    expect(found.map((d) => [d.id, d.task]).sort((a, b) => a[0] - b[0])).toEqual([
      [2, 1002],
      [3, 1003],
      [CHUNK_SPAN + 4, 1000 + CHUNK_SPAN + 4],
    ]);
    expect(await cache.readFinishedBetween('Spaces-1', base + 40_000, base + 50_000)).toEqual([]);
  });

  it('reads chunks written before the task column existed, their task ids unknown (0)', async () => {
    const cache = await open();
    const old = mergeDeploymentChunk('Spaces-1', 0, undefined, [deployment(1), deployment(2)]);
    delete old.task;
    const records = deploymentChunkToRecords(old);
    expect(records.map((r) => r.task)).toEqual([0, 0]);
    expect(records[1]).toEqual({ ...deployment(2), task: 0 });
    // Merging into an old chunk adds the column, keeping 0 for the rows that had none.
    const merged = mergeDeploymentChunk('Spaces-1', 0, old, [deployment(3)]);
    expect([...(merged.task ?? [])]).toEqual([0, 0, 1003]);
    await cache.writePage('Spaces-1', { deployments: [deployment(5)] });
    expect((await cache.readDeployments('Spaces-1', [5])).get(5)?.task).toBe(1005);
  });

  it('reports its size', async () => {
    const cache = await open();
    await cache.writePage('Spaces-1', { deployments: [1, 2, 3].map((id) => deployment(id)), releases: [release(1)] });
    const size = await cache.size();
    expect(size.deployments).toBe(3);
    expect(size.releases).toBe(1);
    expect(size.bytes).toBeGreaterThan(3 * 50);
    // A project's rows kept for its panel count in the bytes, not in the rows.
    await cache.readHistory('Spaces-1', 'Projects-1', { keep: true });
    const withSlices = await cache.size();
    expect(withSlices).toMatchObject({ deployments: 3, releases: 1 });
    expect(withSlices.bytes).toBeGreaterThan(size.bytes);
  });
});

describe('dimensions the user may not see', () => {
  it('leaves lifecycle environments missing from the environment list out of the phases', async () => {
    const cache = await openCache(ORIGIN, 'Users-9');
    opened.push(cache);
    const restricted = { ...dims, environments: dims.environments.filter((e) => e.id !== 'Environments-1') };
    await cache.writePage('Spaces-1', { dims: restricted });
    const h = await cache.readHistory('Spaces-1');
    expect(h.dims.environments.map((e) => e.id)).toEqual(['Environments-2']);
    expect(h.dims.lifecycles[0].phases.map((p) => p.environments)).toEqual([[], [0]]);
  });
});
