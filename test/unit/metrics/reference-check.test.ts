/**
 * The engine (radix sorts, one stream walk, pre-sorted values, slot scans) against a deliberately naive
 * reference written from the definitions with objects, comparator sorts and filters, on random histories
 * with ties, tenants, channels, every task state and blocked releases.
 */
import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../lib/metrics/compute-insights';
import type { TaskStateName } from '../../../lib/metrics/facts';
import { prepare } from '../../../lib/metrics/prepare';
import { at, HOUR, type HistoryRows, historyFrom, MINUTE } from '../../factories';

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRows(seed: number, count: number): HistoryRows {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const start = at('2024-01-01T00:00:00Z');
  const releases: HistoryRows['releases'] = [];
  for (const project of ['P1', 'P2']) {
    for (const channel of ['Default', 'Beta']) {
      for (let k = 0; k < 100; k++) {
        // Coarse times make ties in creation (ordered by id) likely.
        const assembled = start + Math.floor(rnd() * 300) * HOUR;
        releases.push({ project, channel, version: `${channel}-${k}`, assembled: new Date(assembled).toISOString(), blocked: rnd() < 0.05 });
      }
    }
  }
  const states: TaskStateName[] = ['Success', 'Success', 'Success', 'Success', 'Failed', 'Canceled', 'TimedOut'];
  const deployments: HistoryRows['deployments'] = [];
  for (let k = 0; k < count; k++) {
    const completed = start + Math.floor(rnd() * 600) * 30 * MINUTE; // coarse: ties in completion too
    // Mostly one of the newest releases created before the deployment (new changes), sometimes an older
    // one (rollback) or one created later (negative lead time).
    const project = pick(['P1', 'P2']);
    const channel = rnd() < 0.8 ? 'Default' : 'Beta';
    const ofChannel = releases
      .filter((r) => r.project === project && r.channel === channel)
      .sort((a, b) => Date.parse(a.assembled) - Date.parse(b.assembled));
    const before = ofChannel.filter((r) => Date.parse(r.assembled) <= completed);
    const after = ofChannel.filter((r) => Date.parse(r.assembled) > completed);
    let r = after[0];
    if (before.length > 0 && (after.length === 0 || rnd() > 0.01)) {
      const back = Math.min(before.length - 1, Math.floor(-Math.log(1 - rnd()) * 1.5));
      r = before[before.length - 1 - back];
    }
    const unfinished = rnd() < 0.02;
    deployments.push({
      id: 1 + Math.floor(rnd() * 1_000_000),
      project,
      channel,
      release: r.version,
      environment: pick(['Test', 'Production']),
      tenant: pick([undefined, 'A', 'B']),
      state: unfinished ? 'Executing' : pick(states),
      guidedFailure: rnd() < 0.05,
      completed: unfinished ? null : new Date(completed).toISOString(),
      started: unfinished ? new Date(completed).toISOString() : new Date(completed - Math.floor(rnd() * 90) * MINUTE).toISOString(),
    });
  }
  return { releases, deployments };
}

/** The definitions, written the obvious way. */
function reference(rows: HistoryRows) {
  const history = historyFrom(rows);
  const d = history.deployments;
  const r = history.releases;
  const n = d.length;
  // The task's own outcome: what the stream walk and the frequency use.
  const outcome = (i: number) => {
    if (Number.isNaN(d.completed[i])) return 'excluded';
    if (d.state[i] === 4) return 'failure';
    if (d.state[i] !== 3) return 'excluded';
    if (d.guidedFailure[i]) return 'failure';
    return 'success';
  };
  // The failure rate also counts successes of blocked releases as failures (option on, the default).
  const failsTheRate = (i: number) => outcome(i) === 'failure' || (outcome(i) === 'success' && r.blocked[d.release[i]] === 1);
  // release order per project+channel
  const order = new Map<string, number[]>();
  for (let k = 0; k < r.length; k++) {
    const key = `${r.project[k]}/${r.channel[k]}`;
    order.set(key, [...(order.get(key) ?? []), k]);
  }
  for (const list of order.values()) list.sort((a, b) => r.assembled[a] - r.assembled[b] || r.id[a] - r.id[b]);
  const position = (rel: number) => order.get(`${r.project[rel]}/${r.channel[rel]}`)!.indexOf(rel);
  const releaseAt = (rel: number, pos: number) => order.get(`${r.project[rel]}/${r.channel[rel]}`)![pos];

  const lead = new Array<number | null>(n).fill(null);
  const recovery = new Array<number | null>(n).fill(null);
  const until = new Array<number>(n).fill(0);
  const previous = new Array<number>(n).fill(-1);
  /** Redeploy / rollback (at or below the mark) or inside a failure run: rework before hotfix channels. */
  const rework = new Array<boolean>(n).fill(false);
  const streams = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = `${d.project[i]}/${d.channel[i]}/${d.environment[i]}/${d.tenant[i]}`;
    streams.set(key, [...(streams.get(key) ?? []), i]);
  }
  for (const list of streams.values()) {
    const rowsInOrder = list
      .filter((i) => outcome(i) !== 'excluded')
      .sort((a, b) => d.completed[a] - d.completed[b] || d.id[a] - d.id[b]);
    let mark = -1;
    let earliest = Number.POSITIVE_INFINITY;
    let lastSuccess = -1;
    const run: number[] = [];
    for (const i of rowsInOrder) {
      previous[i] = lastSuccess;
      const pos = position(d.release[i]);
      rework[i] = (mark >= 0 && pos <= mark) || run.length > 0;
      if (outcome(i) === 'success') {
        let from = -1;
        if (mark < 0) from = Math.min(earliest, pos);
        else if (pos > mark) from = mark + 1;
        if (from >= 0) lead[i] = d.completed[i] - r.assembled[releaseAt(d.release[i], from)];
        mark = Math.max(mark, pos);
        if (run.length > 0) {
          recovery[i] = d.completed[i] - d.completed[run[0]];
          until[i] = run.length;
          run.length = 0;
        }
        lastSuccess = i;
      } else {
        run.push(i);
        if (mark < 0) earliest = Math.min(earliest, pos);
      }
    }
  }
  return { history, lead, recovery, until, previous, rework, outcome, failsTheRate };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return null;
  const h = (s.length - 1) / 2;
  return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
};

describe('engine vs naive reference on random histories', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: per-deployment values and window statistics agree`, () => {
      const rows = randomRows(seed, 2500);
      const ref = reference(rows);
      const p = prepare(ref.history);
      const n = ref.history.deployments.length;
      for (let i = 0; i < n; i++) {
        expect(Number.isNaN(p.leadTimeMs[i]) ? null : p.leadTimeMs[i], `lead ${i}`).toBe(ref.lead[i]);
        expect(Number.isNaN(p.recoveryMs[i]) ? null : p.recoveryMs[i], `recovery ${i}`).toBe(ref.recovery[i]);
        expect(p.deploymentsUntilRecovery[i], `until ${i}`).toBe(ref.until[i]);
        expect(p.previousSuccess[i], `previous ${i}`).toBe(ref.previous[i]);
        expect(p.rework[i] !== 0, `rework ${i}`).toBe(ref.rework[i]);
      }

      const from = at('2024-01-04T00:00:00Z');
      const to = at('2024-01-10T00:00:00Z');
      const production = ref.history.dims.environments.findIndex((e) => e.name === 'Production');
      const beta = ref.history.dims.channels.flatMap((c, k) => (c.name === 'Beta' ? [k] : []));
      const insights = computeInsights(p, { now: to, range: { from, to }, granularity: 'day', filter: { environments: [production] }, hotfixChannels: beta });
      const d = ref.history.deployments;
      const inWindow = [...Array(n).keys()].filter((i) => d.completed[i] >= from && d.completed[i] < to && d.environment[i] === production);
      const successes = inWindow.filter((i) => ref.outcome(i) === 'success');
      const failures = inWindow.filter((i) => ref.failsTheRate(i));
      const finished = inWindow.filter((i) => ref.outcome(i) !== 'excluded');
      expect(inWindow.filter((i) => ref.outcome(i) === 'success' && ref.failsTheRate(i)).length).toBeGreaterThan(0); // blocked successes present
      expect(insights.summary.frequency.successful).toBe(successes.length);
      expect(insights.summary.failureRate.failed).toBe(failures.length);
      expect(insights.summary.failureRate.total).toBe(finished.length);
      const leads = inWindow.map((i) => ref.lead[i]).filter((v): v is number => v !== null);
      expect(leads.length).toBeGreaterThan(20); // not vacuous
      expect(insights.summary.leadTime.count).toBe(leads.length);
      expect(insights.summary.leadTime.median).toBe(median(leads));
      const recoveries = inWindow.map((i) => ref.recovery[i]).filter((v): v is number => v !== null);
      expect(recoveries.length).toBeGreaterThan(5);
      expect(insights.summary.recovery.median).toBe(median(recoveries));
      // Beta is marked as a hotfix channel: every counted Beta deployment is rework too.
      const reworked = finished.filter((i) => ref.rework[i] || beta.includes(d.channel[i]));
      expect(reworked.length).toBeGreaterThan(20);
      expect(insights.summary.beyondOctopus.reworkRate.rework).toBe(reworked.length);
      expect(insights.summary.beyondOctopus.reworkRate.total).toBe(finished.length);
      const bucketSums = insights.series.reduce((sum, b) => sum + b.frequency.successful, 0);
      expect(bucketSums).toBe(successes.length);
    });
  }
});
