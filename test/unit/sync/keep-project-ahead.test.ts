import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskState } from '@/lib/metrics/facts';
import { deleteCache, listCaches, openCache } from '@/lib/store/cache';
import type { DeploymentRecord, DimensionRecords } from '@/lib/store/records';
import { type CacheSchema, databaseName } from '@/lib/store/schema';
import type { Checkpoint } from '@/lib/sync/checkpoint';
import { forgetHints, keepProjectAhead } from '@/lib/sync/keep-project-ahead';

const SERVER = 'https://octopus.example.com';
const SPACE = 'Spaces-1';
const dims: DimensionRecords = {
  projects: [0, 1].map((p) => ({ id: `Projects-${p}`, name: `P${p}`, slug: `p${p}`, groupId: 'ProjectGroups-1', lifecycleId: 'Lifecycles-1', tenantedMode: 'Untenanted' as const })),
  projectGroups: [{ id: 'ProjectGroups-1', name: 'All' }],
  environments: [{ id: 'Environments-1', name: 'Production', sortOrder: 1 }],
  channels: [0, 1].map((p) => ({ id: `Channels-${p}`, name: 'Default', projectId: `Projects-${p}`, lifecycleId: null, isDefault: true })),
  tenants: [],
  lifecycles: [{ id: 'Lifecycles-1', name: 'Default', phases: [] }],
};
const deployment = (id: number): DeploymentRecord => ({
  id,
  project: `Projects-${id % 2}`,
  environment: 'Environments-1',
  channel: `Channels-${id % 2}`,
  tenant: null,
  release: 1,
  task: 100 + id,
  state: TaskState.Success,
  guidedFailure: false,
  created: 1_700_000_000_000 + id,
  queued: 1_700_000_000_000 + id,
  started: 1_700_000_100_000 + id,
  completed: 1_700_000_200_000 + id,
});
const ready: Checkpoint = { v: 1, phase: 'ready', eventMark: 1, syncedAt: 1, blockedReleases: [], maxRelease: 1 };
const firstSync: Checkpoint = { v: 1, phase: 'initial', step: 'deployments', skip: 0, startedAt: 1, eventMark: 1, maxRelease: 1 };

async function cacheFor(userId: string, checkpoint: Checkpoint): Promise<void> {
  const cache = await openCache(SERVER, userId);
  await cache.writePage(SPACE, { deployments: Array.from({ length: 20 }, (_, i) => deployment(i + 1)), dims, checkpoint });
  cache.close();
}
/** The deployments of `project` kept apart in the user's cache. */
async function kept(userId: string, project: string): Promise<number> {
  const db = await openDB<CacheSchema>(databaseName(SERVER, userId));
  const slices = await db.getAll('slices');
  db.close();
  return slices.filter((s) => s.project === project && s.rows?.kind === 'deployments').reduce((n, s) => n + (s.rows?.count ?? 0), 0);
}
const noUser = { lastUser: () => undefined };

afterEach(async () => {
  forgetHints();
  for (const { server, userId } of await listCaches()) await deleteCache(server, userId);
});

describe('keepProjectAhead (the worker prepares a project’s rows when its pages are visited)', () => {
  it('keeps the project’s rows (found by slug) in the cache of the user last signed in', async () => {
    await cacheFor('Users-1', ready);
    await cacheFor('Users-2', ready);
    await keepProjectAhead(SERVER, SPACE, 'p1', { lastUser: () => 'Users-2' });
    expect(await kept('Users-2', 'Projects-1')).toBe(10);
    expect(await kept('Users-1', 'Projects-1')).toBe(0);
  });

  it('with no user known, uses the server’s only cache, and does nothing when there are several', async () => {
    await cacheFor('Users-1', ready);
    await keepProjectAhead(SERVER, SPACE, 'Projects-0', noUser);
    expect(await kept('Users-1', 'Projects-0')).toBe(10);
    await cacheFor('Users-2', ready);
    await keepProjectAhead(SERVER, SPACE, 'p1', noUser);
    expect(await kept('Users-1', 'Projects-1')).toBe(0);
    expect(await kept('Users-2', 'Projects-1')).toBe(0);
  });

  it('leaves alone a space whose first sync is not complete, and a project the cache does not know', async () => {
    await cacheFor('Users-1', firstSync);
    await keepProjectAhead(SERVER, SPACE, 'p0', noUser);
    expect(await kept('Users-1', 'Projects-0')).toBe(0);
    await cacheFor('Users-1', ready);
    await keepProjectAhead(SERVER, SPACE, 'unknown-project', noUser);
    const db = await openDB<CacheSchema>(databaseName(SERVER, 'Users-1'));
    expect(await db.count('slices')).toBe(0);
    db.close();
  });

  it('acts once a minute per project, however often its pages are visited', async () => {
    await cacheFor('Users-1', ready);
    await keepProjectAhead(SERVER, SPACE, 'p0', noUser, 1_000);
    const db = await openDB<CacheSchema>(databaseName(SERVER, 'Users-1'));
    await db.clear('slices');
    db.close();
    await keepProjectAhead(SERVER, SPACE, 'p0', noUser, 30_000);
    expect(await kept('Users-1', 'Projects-0')).toBe(0);
    await keepProjectAhead(SERVER, SPACE, 'p0', noUser, 62_000);
    expect(await kept('Users-1', 'Projects-0')).toBe(10);
  });
});
