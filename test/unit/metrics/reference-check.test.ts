/**
 * The engine (radix sorts, one stream walk, pre-sorted values, slot scans) against a deliberately naive
 * reference written from the definitions with objects, comparator sorts and filters, on random histories
 * with ties, tenants, channels, every task state and blocked releases.
 */
import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../lib/metrics/compute-insights';
import { prepare } from '../../../lib/metrics/prepare';
import { at, type HistoryRows, historyFrom } from '../../factories';
import { randomRows } from '../../support/random-history';
import { leadTimeOf, recoveryOf } from '@/lib/metrics/deployment-values';

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
        expect(Number.isNaN(leadTimeOf(p, i)) ? null : leadTimeOf(p, i), `lead ${i}`).toBe(ref.lead[i]);
        expect(Number.isNaN(recoveryOf(p, i)) ? null : recoveryOf(p, i), `recovery ${i}`).toBe(ref.recovery[i]);
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
