import { describe, expect, it } from 'vitest';
import { TaskState } from '@/lib/metrics/facts';
import { buildHistory } from '@/lib/store/load';
import { deploymentChunkToRecords, mergeDeploymentChunk, mergeReleaseChunk, releaseChunkToRecords } from '@/lib/store/chunks';
import type { DeploymentRecord, ReleaseRecord } from '@/lib/store/records';
import type { DeploymentChunk } from '@/lib/store/schema';

const deployment = (id: number, extra: Partial<DeploymentRecord> = {}): DeploymentRecord => ({
  id,
  project: `Projects-${id % 3}`,
  environment: `Environments-${id % 4}`,
  channel: `Channels-${id % 5}`,
  tenant: id % 2 ? null : `Tenants-${id % 7}`,
  release: 70_000 + (id % 900),
  task: 500_000 + id * 2,
  state: TaskState.Success,
  guidedFailure: id % 11 === 0,
  created: 1_700_000_000_000 + id * 1000,
  queued: 1_700_000_000_000 + id * 1000 + 5,
  started: 1_700_000_000_000 + id * 1000 + 50,
  completed: id % 13 === 0 ? Number.NaN : 1_700_000_000_000 + id * 1000 + 60_000,
  ...extra,
});

describe('chunk columns on disk', () => {
  it('are as narrow as their values allow, and read back exactly', () => {
    const rows = Array.from({ length: 300 }, (_, i) => deployment(16_384 * 3 + i * 7));
    const chunk = mergeDeploymentChunk('Spaces-1', 3, undefined, rows);
    // Offsets from the chunk's bases fit in 16 bits; a few dozen distinct ids index in 8.
    expect(chunk.id).toBeInstanceOf(Uint16Array);
    expect(chunk.release).toBeInstanceOf(Uint16Array);
    expect(chunk.task).toBeInstanceOf(Uint16Array);
    for (const column of [chunk.project, chunk.environment, chunk.channel, chunk.tenant]) expect(column).toBeInstanceOf(Uint8Array);
    const back = deploymentChunkToRecords(chunk);
    expect(back.map((r) => ({ ...r, completed: Number.isNaN(r.completed) ? 'NaN' : r.completed }))).toEqual(
      rows.map((r) => ({ ...r, completed: Number.isNaN(r.completed) ? 'NaN' : r.completed })),
    );
  });

  it('keep creation times as deltas between rows, and as they are when a gap is longer than 32 bits of milliseconds', () => {
    const times = (r: DeploymentRecord) => [r.created, r.queued, r.started, r.completed];
    const nearRows = [deployment(1), deployment(2, { created: 1_700_000_000_000 - 5, queued: 1_700_000_000_000 })];
    const farRows = [deployment(1), deployment(2, { created: 1_700_000_000_000 + 60 * 86_400_000, queued: 1_700_000_000_000 + 60 * 86_400_000 })];
    const near = mergeDeploymentChunk('Spaces-1', 0, undefined, nearRows);
    const far = mergeDeploymentChunk('Spaces-1', 0, undefined, farRows);
    expect(near.created).toBeInstanceOf(Int32Array);
    expect(far.created).toBeInstanceOf(Float64Array);
    expect(deploymentChunkToRecords(near).map(times)).toEqual(nearRows.map(times));
    expect(deploymentChunkToRecords(far).map(times)).toEqual(farRows.map(times));
  });

  it('widen when a chunk holds more distinct ids than 8 bits can index, "no tenant" included', () => {
    const rows = Array.from({ length: 600 }, (_, i) => deployment(i + 1, { tenant: i % 2 ? null : `Tenants-${i}`, task: 2 ** 31 + i * 100_000 }));
    const chunk = mergeDeploymentChunk('Spaces-1', 0, undefined, rows);
    expect(chunk.tenant).toBeInstanceOf(Uint16Array);
    expect(chunk.task).toBeInstanceOf(Uint32Array);
    expect(deploymentChunkToRecords(chunk).map((r) => [r.tenant, r.task])).toEqual(rows.map((r) => [r.tenant, r.task]));
  });

  it('of chunks written before (32-bit numbers, 16-bit indices, no bases) read as they always did', () => {
    const old: DeploymentChunk = {
      space: 'Spaces-1',
      kind: 'deployments',
      no: 0,
      count: 2,
      strings: ['Projects-1', 'Environments-1', 'Channels-1', 'Tenants-1'],
      id: Uint32Array.of(5, 9),
      release: Uint32Array.of(77, 78),
      project: Uint16Array.of(0, 0),
      environment: Uint16Array.of(1, 1),
      channel: Uint16Array.of(2, 2),
      tenant: Uint16Array.of(3, 0xffff),
      state: Uint8Array.of(TaskState.Success, TaskState.Failed),
      guidedFailure: Uint8Array.of(0, 1),
      created: Float64Array.of(1000, 2000),
      queued: Int32Array.of(1, 1),
      started: Int32Array.of(2, 2),
      completed: Int32Array.of(3, 3),
    };
    expect(deploymentChunkToRecords(old).map((r) => [r.id, r.release, r.task, r.tenant, r.completed])).toEqual([
      [5, 77, 0, 'Tenants-1', 1003],
      [9, 78, 0, null, 2003],
    ]);
    // Merging an update into it writes the new format, with every old row kept.
    const merged = mergeDeploymentChunk('Spaces-1', 0, old, [deployment(7)]);
    expect(deploymentChunkToRecords(merged).map((r) => r.id)).toEqual([5, 7, 9]);
  });

  it('load into the same history whatever their width', () => {
    const releases: ReleaseRecord[] = Array.from({ length: 900 }, (_, i) => ({ id: 70_000 + i, project: `Projects-${i % 3}`, channel: `Channels-${i % 5}`, version: `1.${i}`, assembled: 1_600_000_000_000 + i, blocked: i % 50 === 0 }));
    const rows = Array.from({ length: 500 }, (_, i) => deployment(i * 3 + 1));
    const releaseChunk = mergeReleaseChunk('Spaces-1', 4, undefined, releases);
    expect(releaseChunkToRecords(releaseChunk)).toEqual(releases);
    const history = buildHistory(undefined, [mergeDeploymentChunk('Spaces-1', 0, undefined, rows)], [releaseChunk]);
    expect([...history.deployments.id]).toEqual(rows.map((r) => r.id));
    expect([...history.deployments.release].map((r) => history.releases.id[r])).toEqual(rows.map((r) => r.release));
    expect([...history.deployments.tenant].filter((t) => t === -1)).toHaveLength(rows.filter((r) => r.tenant === null).length);
  });
});
