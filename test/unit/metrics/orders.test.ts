/**
 * The orders `prepare` builds (by time, streams, releases, values) against comparator sorts written the
 * obvious way, on inputs that are sorted, nearly sorted, far from sorted and adversarial.
 */
import { describe, expect, it } from 'vitest';
import type { DeploymentFacts, ReleaseFacts } from '../../../lib/metrics/facts';
import { orderByTime } from '../../../lib/metrics/order-by-time';
import { orderDeployments } from '../../../lib/metrics/order-deployments';
import { orderReleases } from '../../../lib/metrics/order-releases';
import { sortScratch } from '../../../lib/metrics/sort-by-key';
import { sortValues } from '../../../lib/metrics/sort-values';

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows with a time by (time, position in `input`), then rows without one in input order. */
function naiveTimeOrder(times: Float64Array, input: number[]): number[] {
  const position = new Map(input.map((r, j) => [r, j]));
  const known = input.filter((r) => !Number.isNaN(times[r])).sort((a, b) => times[a] - times[b] || position.get(a)! - position.get(b)!);
  return [...known, ...input.filter((r) => Number.isNaN(times[r]))];
}

describe('orderByTime', () => {
  const rnd = random(3);
  const n = 3000;
  const index = Array.from({ length: n }, (_, i) => i);
  const cases: Record<string, Float64Array> = {
    sorted: Float64Array.from(index, (i) => 1_000 * i),
    // Like deployments by id: created in order, completing after a random duration, some unfinished.
    nearly: Float64Array.from(index, (i) => (rnd() < 0.03 ? Number.NaN : 60_000 * i + Math.floor(rnd() * 600_000))),
    reversed: Float64Array.from(index, (i) => -i),
    random: Float64Array.from(index, () => Math.floor(rnd() * 1e12)),
    // Everything but one row in one instant: one bucket holds all of them.
    'one instant': Float64Array.from(index, (i) => (i === n - 1 ? 1e9 : 5 + (i % 7))),
    ties: Float64Array.from(index, () => Math.floor(rnd() * 10)),
    fractions: Float64Array.from(index, () => rnd() * 100),
    'no times': new Float64Array(n).fill(Number.NaN),
    // Like start times: out of order by a neighbour at most (the insertion sort alone).
    neighbours: Float64Array.from(index, (i) => (rnd() < 0.01 ? Number.NaN : 60_000 * i + Math.floor(rnd() * 90_000))),
    // In order at first, then not at all: the insertion sort gives up and the buckets take over.
    'orderly, then not': Float64Array.from(index, (i) => (i < 1500 ? 1_000 * i : Math.floor(rnd() * 1e9))),
  };
  for (const [name, times] of Object.entries(cases)) {
    it(`${name}: equals a comparator sort (ties by input order, rows without a time last)`, () => {
      const order = orderByTime(times, null);
      expect([...order.rows]).toEqual(naiveTimeOrder(times, index));
      expect(order.known).toBe(index.filter((i) => !Number.isNaN(times[i])).length);
    });
  }

  it('starts from a given input order, which decides ties', () => {
    const times = Float64Array.of(5, 3, 5, Number.NaN, 3);
    const input = [4, 2, 0, 3, 1];
    expect([...orderByTime(times, Uint32Array.from(input)).rows]).toEqual(naiveTimeOrder(times, input));
    expect([...orderByTime(times, Uint32Array.from(input)).rows]).toEqual([4, 1, 2, 0, 3]);
  });
});

describe('sortValues', () => {
  const rnd = random(9);
  it('sorts whole numbers of every size class, negative ones too, stably, leaving NaN out', () => {
    const n = 5000;
    const scales = [10, 2 ** 20, 2 ** 30, 2 ** 40];
    const values = Float64Array.from({ length: n }, () => (rnd() < 0.05 ? Number.NaN : Math.floor((rnd() - 0.1) * scales[Math.floor(rnd() * 4)])));
    const rows = Uint32Array.from({ length: n }, (_, j) => 10 * j + 1);
    const expected = [...rows.keys()].filter((j) => !Number.isNaN(values[j])).sort((a, b) => values[a] - values[b] || a - b);
    const sorted = sortValues(rows, values, sortScratch(n));
    expect([...sorted.rows]).toEqual(expected.map((j) => rows[j]));
    expect([...sorted.values]).toEqual(expected.map((j) => values[j]));
  });

  it('sorts fractions by comparison, with the same order', () => {
    const values = Float64Array.of(2.5, -1, 2.5, Number.NaN, 0.25);
    expect(sortValues(Uint32Array.of(0, 1, 2, 3, 4), values)).toEqual({ rows: Uint32Array.of(1, 4, 0, 2), values: Float64Array.of(-1, 0.25, 2.5, 2.5) });
  });
});

function deployments(rows: { project: number; channel: number; environment: number; tenant: number; id: number; completed: number; started: number }[]): DeploymentFacts {
  const column = <T extends Int32Array | Uint32Array | Float64Array>(make: new (n: number) => T, pick: (r: (typeof rows)[number]) => number) => {
    const out = new make(rows.length);
    rows.forEach((r, i) => {
      out[i] = pick(r);
    });
    return out;
  };
  return {
    length: rows.length,
    id: column(Uint32Array, (r) => r.id),
    project: column(Int32Array, (r) => r.project),
    channel: column(Int32Array, (r) => r.channel),
    environment: column(Int32Array, (r) => r.environment),
    tenant: column(Int32Array, (r) => r.tenant),
    release: column(Int32Array, () => 0),
    state: new Uint8Array(rows.length).fill(3),
    guidedFailure: new Uint8Array(rows.length),
    created: column(Float64Array, (r) => r.started),
    queued: column(Float64Array, (r) => r.started),
    started: column(Float64Array, (r) => r.started),
    completed: column(Float64Array, (r) => r.completed),
  };
}

describe('orderDeployments', () => {
  const rnd = random(5);
  const rows = Array.from({ length: 2000 }, (_, k) => {
    const channel = Math.floor(rnd() * 6) - 1;
    return {
      // A channel belongs to a project, except in a few rows (data that breaks the rule).
      project: rnd() < 0.02 ? 7 : Math.max(0, channel) % 3,
      channel,
      environment: Math.floor(rnd() * 4) - 1,
      tenant: Math.floor(rnd() * 5) - 1,
      id: rnd() < 0.5 ? 2 * k + 1 : 4000 - k, // ids not ascending with the index
      completed: rnd() < 0.05 ? Number.NaN : Math.floor(rnd() * 500) * 60_000,
      started: rnd() < 0.02 ? Number.NaN : Math.floor(rnd() * 500) * 60_000,
    };
  });
  const d = deployments(rows);
  const order = orderDeployments(d);
  const byId = [...rows.keys()].sort((a, b) => rows[a].id - rows[b].id);

  it('orders by completion and by start, ties by id; unfinished by id', () => {
    const completed = naiveTimeOrder(d.completed, byId);
    expect([...order.byCompleted]).toEqual(completed.slice(0, order.byCompleted.length));
    expect([...order.unfinished]).toEqual(completed.slice(order.byCompleted.length));
    expect(order.unfinished.length).toBe(rows.filter((r) => Number.isNaN(r.completed)).length);
    const started = naiveTimeOrder(d.started, byId);
    expect([...order.byStarted]).toEqual(started.filter((r) => !Number.isNaN(d.started[r])));
  });

  it('numbers streams the same when the dimensions are given, even too small for some references', () => {
    for (const sizes of [
      { channels: 5, environments: 3, tenants: 4 },
      { channels: 2, environments: 1, tenants: 0 },
    ]) {
      const sized = orderDeployments(d, sizes);
      expect([...sized.stream]).toEqual([...order.stream]);
      expect(sized.streams).toEqual(order.streams);
    }
  });

  it('numbers streams by (project, channel, environment, tenant), one per distinct combination', () => {
    const key = (r: (typeof rows)[number]) => [r.project, r.channel, r.environment, r.tenant];
    const distinct = [...new Set(rows.map((r) => key(r).join(',')))].map((k) => k.split(',').map(Number));
    distinct.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
    const s = order.streams;
    expect(s.count).toBe(distinct.length);
    expect(Array.from({ length: s.count }, (_, k) => [s.project[k], s.channel[k], s.environment[k], s.tenant[k]])).toEqual(distinct);
    rows.forEach((r, i) => {
      expect(distinct[order.stream[i]]).toEqual(key(r));
    });
  });

  it('gives the same orders after a larger history used the working memory it keeps (lib/metrics/scratch.ts)', () => {
    const small = deployments(rows.slice(0, 300));
    const before = orderDeployments(small);
    // More streams, tenants and buckets than the small history: its slots hold other numbers afterwards.
    const larger = deployments(rows.map((r, k) => ({ ...r, tenant: (r.tenant + k) % 40, completed: r.completed + (k % 13) * 7_777_777 })));
    orderDeployments(larger);
    const after = orderDeployments(small);
    for (const key of ['byCompleted', 'byStarted', 'unfinished', 'stream'] as const) expect([...after[key]]).toEqual([...before[key]]);
    expect(after.streams).toEqual(before.streams);
  });
});

describe('orderReleases', () => {
  it('orders by (project, channel, assembled, id), releases without a creation time last in their group', () => {
    const rnd = random(8);
    const n = 1500;
    const rows = Array.from({ length: n }, (_, k) => ({
      id: rnd() < 0.5 ? k + 1 : 3 * n - k,
      channel: Math.floor(rnd() * 5) - 1,
      assembled: rnd() < 0.03 ? Number.NaN : Math.floor(rnd() * 100) * 1000,
      odd: rnd() < 0.02,
    }));
    const releases: ReleaseFacts = {
      length: n,
      id: Uint32Array.from(rows, (r) => r.id),
      // A channel's project, except in a few rows.
      project: Int32Array.from(rows, (r) => (r.odd ? 9 : Math.max(0, r.channel) % 2)),
      channel: Int32Array.from(rows, (r) => r.channel),
      version: rows.map((r) => String(r.id)),
      assembled: Float64Array.from(rows, (r) => r.assembled),
      blocked: new Uint8Array(n),
    };
    const key = (r: number) => [releases.project[r], releases.channel[r], Number.isNaN(releases.assembled[r]) ? Number.POSITIVE_INFINITY : releases.assembled[r], releases.id[r]];
    const expected = [...rows.keys()].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return x[0] - y[0] || x[1] - y[1] || (x[2] === y[2] ? 0 : x[2] < y[2] ? -1 : 1) || x[3] - y[3];
    });
    const order = orderReleases(releases);
    expect([...order.order]).toEqual(expected);
    expected.forEach((r, k) => {
      expect(order.rank[r]).toBe(k);
    });
    // Group numbers count (project, channel) pairs in order; each release holds its own.
    const pair = (r: number) => `${releases.project[r]},${releases.channel[r]}`;
    const numbers = [...new Set(expected.map(pair))];
    expect([...order.group]).toEqual([...rows.keys()].map((r) => numbers.indexOf(pair(r))));
  });
});
