import { describe, expect, it } from 'vitest';
import { type Dimensions, TaskState } from '@/lib/metrics/facts';
import { historyPart, type PartSelection } from '@/lib/metrics/history-part';
import type { Cache } from '@/lib/store/cache';
import { CHUNK_SPAN } from '@/lib/store/chunks';
import { partKey } from '@/lib/store/part-slices';
import type { DeploymentRecord, DimensionRecords, ReleaseRecord } from '@/lib/store/records';
import type { DeploymentChunk, SliceRecord } from '@/lib/store/schema';
import { testCache } from '../../support/test-cache';

const ORIGIN = 'https://octopus.example.com';
const SPACE = 'Spaces-1';
const PROJECTS = 3;
// Two channels a project: Channels-(2p) and Channels-(2p+1).
const channelOf = (release: number) => `Channels-${release % (PROJECTS * 2)}`;
const projectOfChannel = (channel: number) => `Projects-${channel >> 1}`;
const release = (id: number): ReleaseRecord => ({
  id,
  project: projectOfChannel(id % (PROJECTS * 2)),
  channel: channelOf(id),
  version: `1.0.${id}`,
  assembled: 1_700_000_000_000 + id * 1000,
  blocked: false,
});
const deployment = (id: number, releaseId: number, environment: number, extra: Partial<DeploymentRecord> = {}): DeploymentRecord => ({
  id,
  project: projectOfChannel(releaseId % (PROJECTS * 2)),
  environment: `Environments-${environment}`,
  channel: channelOf(releaseId),
  tenant: null,
  release: releaseId,
  task: 5000 + id,
  state: id % 5 ? TaskState.Success : TaskState.Failed,
  guidedFailure: false,
  created: 1_700_100_000_000 + id * 1000,
  queued: 1_700_100_000_000 + id * 1000,
  started: 1_700_100_100_000 + id * 1000,
  completed: 1_700_100_200_000 + id * 1000,
  ...extra,
});
const dims: DimensionRecords = {
  space: { id: SPACE, name: 'Default' },
  projects: Array.from({ length: PROJECTS }, (_, p) => ({ id: `Projects-${p}`, name: `P${p}`, slug: `p${p}`, groupId: 'ProjectGroups-1', lifecycleId: 'Lifecycles-1', tenantedMode: 'Untenanted' as const })),
  projectGroups: [{ id: 'ProjectGroups-1', name: 'All' }],
  environments: [0, 1, 2].map((e) => ({ id: `Environments-${e}`, name: ['Dev', 'Test', 'Production'][e], sortOrder: e })),
  channels: Array.from({ length: PROJECTS * 2 }, (_, c) => ({ id: `Channels-${c}`, name: `C${c}`, projectId: projectOfChannel(c), lifecycleId: null, isDefault: c % 2 === 0 })),
  tenants: [],
  lifecycles: [{ id: 'Lifecycles-1', name: 'Default', phases: [0, 1, 2].map((e) => ({ name: `Phase ${e}`, environmentIds: [`Environments-${e}`] })) }],
};
// Releases in two chunks; deployments in three. Production (Environments-2) gets only the default channels'
// releases (even channel numbers), every environment the others' too.
const releaseIds = [...Array.from({ length: 60 }, (_, i) => 10 + i), ...Array.from({ length: 30 }, (_, i) => CHUNK_SPAN + i)];
const deploymentsOf = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const id = from + i;
    const rel = releaseIds[(id * 7) % releaseIds.length];
    const environment = id % 3;
    const defaultChannel = (rel % (PROJECTS * 2)) % 2 === 0;
    return deployment(id, environment === 2 && !defaultChannel ? rel - 1 : rel, environment);
  });
const deployments = [...deploymentsOf(1, 60), ...deploymentsOf(CHUNK_SPAN + 1, 60), ...deploymentsOf(CHUNK_SPAN * 2 + 1, 30)];

const PRODUCTION: PartSelection = { environments: [2] };
const production = (d: Dimensions): PartSelection => ({ environments: [d.environments.findIndex((e) => e.id === 'Environments-2')] });
const testing = (d: Dimensions): PartSelection => ({ environments: [d.environments.findIndex((e) => e.id === 'Environments-1')] });

const { open, raw, slicesOf } = testCache(ORIGIN);
/** What the popup must compute on: the part cut from the whole space's chunks. */
const expectedPart = async (cache: Cache, selection: PartSelection) => historyPart(await cache.readHistory(SPACE), selection);
const partRead = async (cache: Cache, part = production) => cache.readHistory(SPACE, undefined, { part });
const keptRows = (slices: SliceRecord[], kind: string) => slices.filter((s) => s.kind === kind).reduce((n, s) => n + (s.rows?.count ?? 0), 0);

describe("a part of a space's deployments (every project's, to some environments) kept for the next read", () => {
  it('gives the same part as the whole space, cutting the first time and from its slices the next', async () => {
    const cache = await open();
    await cache.writePage(SPACE, { dims, deployments, releases: releaseIds.map(release) });
    const whole = await expectedPart(cache, PRODUCTION);
    expect(whole.deployments.length).toBe(deployments.filter((d) => d.environment === 'Environments-2').length);
    // Its lead times reach only the releases of the channels production deploys, which the part keeps.
    expect(whole.releases.length).toBeLessThan(releaseIds.length);

    const first = await partRead(cache);
    expect(historyPart(first, PRODUCTION)).toEqual(whole);
    // Production's deployments of each chunk; every release.
    const kept = await slicesOf(partKey(['Environments-2']));
    expect(kept.map((s) => `${s.kind} ${s.no}`)).toEqual(['deployments 0', 'deployments 1', 'deployments 2']);
    expect(keptRows(kept, 'deployments')).toBe(whole.deployments.length);
    expect(first.deployments.length).toBe(whole.deployments.length);
    expect(first.releases.length).toBe(releaseIds.length);

    // The next read takes the slices: a chunk altered behind the cache's back (same stamp) is not read again.
    const db = await raw();
    const chunk = (await db.get('chunks', [SPACE, 'deployments', 0])) as DeploymentChunk;
    await db.put('chunks', { ...chunk, state: chunk.state.map(() => TaskState.Canceled) });
    db.close();
    expect(historyPart(await partRead(cache), PRODUCTION)).toEqual(whole);
    expect(historyPart(await partRead(cache), PRODUCTION)).not.toEqual(await expectedPart(cache, PRODUCTION));
  });

  it('reads again the chunks a later sync wrote', async () => {
    const cache = await open();
    await cache.writePage(SPACE, { dims, deployments, releases: releaseIds.map(release) });
    await partRead(cache);
    // A production deployment of a channel production had not deployed, and a release of it no one
    // deployed (a later deployment's lead time could start at it: it must be in the part).
    const odd = releaseIds.find((r) => (r % (PROJECTS * 2)) % 2 === 1)!;
    let unseen = CHUNK_SPAN + 30;
    while (channelOf(unseen) !== channelOf(odd)) unseen++;
    await cache.writePage(SPACE, { deployments: [deployment(CHUNK_SPAN * 2 + 40, odd, 2)], releases: [release(unseen)] });
    const whole = await expectedPart(cache, PRODUCTION);
    expect(historyPart(await partRead(cache), PRODUCTION)).toEqual(whole);
    expect(Array.from(whole.releases.id)).toContain(unseen);
    expect(whole.deployments.length).toBe(deployments.filter((d) => d.environment === 'Environments-2').length + 1);
    expect(keptRows(await slicesOf(partKey(['Environments-2'])), 'deployments')).toBe(whole.deployments.length);
  });

  it('keeps one part a space: another part replaces it', async () => {
    const cache = await open();
    await cache.writePage(SPACE, { dims, deployments, releases: releaseIds.map(release) });
    expect(historyPart(await partRead(cache), PRODUCTION)).toEqual(await expectedPart(cache, PRODUCTION));
    const TESTING: PartSelection = { environments: [1] };
    expect(historyPart(await partRead(cache, testing), TESTING)).toEqual(await expectedPart(cache, TESTING));
    expect(await slicesOf(partKey(['Environments-2']))).toEqual([]);
    expect(keptRows(await slicesOf(partKey(['Environments-1'])), 'deployments')).toBe(deployments.filter((d) => d.environment === 'Environments-1').length);
  });

  it('reads the whole space for a part of some projects, or before the space has dimensions', async () => {
    const cache = await open();
    await cache.writePage(SPACE, { deployments, releases: releaseIds.map(release) });
    expect(await partRead(cache)).toEqual(await cache.readHistory(SPACE));
    await cache.writePage(SPACE, { dims });
    const projects = (): PartSelection => ({ projects: [0], environments: [2] });
    expect(await partRead(cache, projects)).toEqual(await cache.readHistory(SPACE));
    const db = await raw();
    expect(await db.getAll('slices')).toEqual([]);
    db.close();
  });
});
