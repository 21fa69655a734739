import { describe, expect, it } from 'vitest';
import { TaskState } from '@/lib/metrics/facts';
import { projectHistory } from '@/lib/metrics/history-part';
import { mergeDeploymentChunk, mergeReleaseChunk } from '@/lib/store/chunks';
import { buildHistory } from '@/lib/store/load';
import type { DeploymentRecord, DimensionRecords, ReleaseRecord } from '@/lib/store/records';
import type { DeploymentChunk } from '@/lib/store/schema';

// Four projects; project 3 only in the newest chunk; each project's channels are its own.
const projectOf = (id: number) => (id > 40_000 ? id % 4 : id % 3);
const release = (i: number): ReleaseRecord => ({
  id: 70_000 + i,
  project: `Projects-${i % 4}`,
  channel: `Channels-${i % 4}-${(i >> 2) % 2}`,
  version: `1.${i}`,
  assembled: 1_600_000_000_000 + i * 3_600_000 + (i % 7) * 1000,
  blocked: i % 50 === 0,
});
const releases = Array.from({ length: 1200 }, (_, i) => release(i));
const deployment = (id: number): DeploymentRecord => {
  const p = projectOf(id);
  // A release of this deployment's project (its index ≡ p mod 4).
  const r = releases[(((id * 7) % 300) * 4 + p) % releases.length];
  return {
    id,
    project: `Projects-${p}`,
    environment: `Environments-${id % 4}`,
    channel: r.channel,
    tenant: id % 5 === 0 ? null : `Tenants-${id % 6}`,
    release: r.id,
    task: 500_000 + id,
    state: id % 9 === 0 ? TaskState.Failed : id % 31 === 0 ? TaskState.Canceled : TaskState.Success,
    guidedFailure: id % 17 === 0,
    created: 1_650_000_000_000 + id * 60_000 + (id % 13) * 7,
    queued: 1_650_000_000_000 + id * 60_000 + 40,
    started: id % 29 === 0 ? Number.NaN : 1_650_000_000_000 + id * 60_000 + 900,
    completed: id % 29 === 0 ? Number.NaN : 1_650_000_000_000 + id * 60_000 + 300_000 + (id % 11) * 1000,
  };
};

const dims: DimensionRecords = {
  space: { id: 'Spaces-1', name: 'Default' },
  projects: [0, 1, 2, 3].map((p) => ({ id: `Projects-${p}`, name: `P${p}`, slug: `p${p}`, groupId: 'ProjectGroups-1', lifecycleId: 'Lifecycles-1', tenantedMode: 'TenantedOrUntenanted' as const })),
  projectGroups: [{ id: 'ProjectGroups-1', name: 'All' }],
  environments: [0, 1, 2, 3].map((e) => ({ id: `Environments-${e}`, name: `E${e}`, sortOrder: e })),
  channels: [0, 1, 2, 3].flatMap((p) => [0, 1].map((c) => ({ id: `Channels-${p}-${c}`, name: `C${c}`, projectId: `Projects-${p}`, lifecycleId: null, isDefault: c === 0 }))),
  tenants: [0, 1, 2, 3, 4, 5].map((t) => ({ id: `Tenants-${t}`, name: `T${t}`, tags: [] })),
  lifecycles: [{ id: 'Lifecycles-1', name: 'Default', phases: [] }],
};

// Three chunks of deployments (ids by bucket), the newest naming project 3; two of releases; and a chunk
// written before bases and deltas existed (absolute creation times, 32-bit numbers).
const chunks: DeploymentChunk[] = [
  mergeDeploymentChunk('Spaces-1', 0, undefined, Array.from({ length: 700 }, (_, i) => deployment(1 + i * 7))),
  mergeDeploymentChunk('Spaces-1', 1, undefined, Array.from({ length: 700 }, (_, i) => deployment(16_384 + 1 + i * 7))),
  mergeDeploymentChunk('Spaces-1', 2, undefined, Array.from({ length: 700 }, (_, i) => deployment(49_152 + 1 + i * 7))),
];
const legacy: DeploymentChunk = {
  space: 'Spaces-1',
  kind: 'deployments',
  no: 3,
  count: 3,
  strings: ['Projects-1', 'Environments-1', 'Channels-1-0', 'Tenants-1', 'Projects-2', 'Channels-2-1'],
  id: Uint32Array.of(65_536, 65_537, 65_538),
  release: Uint32Array.of(70_001, 70_006, 70_009),
  project: Uint16Array.of(0, 4, 0),
  environment: Uint16Array.of(1, 1, 1),
  channel: Uint16Array.of(2, 5, 2),
  tenant: Uint16Array.of(3, 0xffff, 0xffff),
  state: Uint8Array.of(TaskState.Success, TaskState.Failed, TaskState.Success),
  guidedFailure: Uint8Array.of(0, 1, 0),
  created: Float64Array.of(1_700_000_000_000, 1_700_000_100_000, 1_700_000_200_000),
  queued: Int32Array.of(1, 1, 1),
  started: Int32Array.of(2, 2, 2),
  completed: Int32Array.of(300_000, -0x80000000, 300_000),
};
const releaseChunks = [mergeReleaseChunk('Spaces-1', 4, undefined, releases.slice(0, 600)), mergeReleaseChunk('Spaces-1', 4, undefined, releases.slice(600))];

describe("a project's history read from the cache", () => {
  const whole = buildHistory(dims, [...chunks, legacy], releaseChunks);

  it("is the whole space's history's part of that project, column for column", () => {
    for (let p = 0; p < 4; p++) {
      const only = buildHistory(dims, [...chunks, legacy], releaseChunks, `Projects-${p}`);
      expect(only.dims).toEqual(whole.dims);
      // Only its rows were decoded: every deployment and release of the project, nothing else.
      expect([...only.deployments.project].every((x) => x === p)).toBe(true);
      expect([...only.releases.project].every((x) => x === p)).toBe(true);
      expect(only.deployments.length).toBe([...whole.deployments.project].filter((x) => x === p).length);
      expect(only.releases.length).toBe([...whole.releases.project].filter((x) => x === p).length);
      expect(only.deployments.length).toBeGreaterThan(p === 3 ? 100 : 400);
      expect(projectHistory(only, p)).toEqual(projectHistory(whole, p));
    }
  });

  it('reads no rows of a project no chunk names', () => {
    const none = buildHistory(dims, [...chunks, legacy], releaseChunks, 'Projects-99');
    expect(none.deployments.length).toBe(0);
    expect(none.releases.length).toBe(0);
  });
});

describe('chunks of every column width', () => {
  it('decode the same whether references are 8, 16 or 32 bits wide and times 8, 16 or 32 (a chunk widened for the loop)', () => {
    type Ints = Uint8ArrayConstructor | Uint32ArrayConstructor;
    type Offsets = Int8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor;
    // References in `Ref`'s width (its largest value: no tenant), time offsets in `Time`'s (its smallest: not happened).
    const ofWidths = (Ref: Ints, noTenantValue: number, Time: Offsets, Completed: Offsets, none: number, noneCompleted: number): DeploymentChunk => ({
      ...legacy,
      no: 6,
      id: Uint32Array.of(98_304, 98_305, 98_306),
      project: Ref.of(0, 4, 0),
      environment: Ref.of(1, 1, 1),
      channel: Ref.of(2, 5, 2),
      tenant: Ref.of(3, noTenantValue, noTenantValue),
      release: Uint32Array.of(70_001, 70_006, 70_009),
      queued: Time.of(1, 1, 1),
      started: Time.of(2, 2, none),
      completed: Completed.of(30_000, noneCompleted, 100),
    });
    const wide32 = ofWidths(Uint32Array, 0xffffffff, Int32Array, Int32Array, -0x80000000, -0x80000000);
    const narrow = ofWidths(Uint8Array, 0xff, Int8Array, Int16Array, -0x80, -0x8000);
    const a = buildHistory(dims, [wide32], releaseChunks);
    const b = buildHistory(dims, [narrow], releaseChunks);
    expect([...a.deployments.tenant]).toEqual([1, -1, -1]);
    expect([...a.deployments.project]).toEqual([1, 2, 1]);
    expect(a.deployments.started[2]).toBeNaN();
    expect(a.deployments.completed[1]).toBeNaN();
    expect(a.deployments.completed[0]).toBe(1_700_000_000_000 + 30_000);
    expect(b.deployments).toEqual(a.deployments);
    expect([...a.deployments.release].every((r) => r >= 0)).toBe(true);
  });
});
