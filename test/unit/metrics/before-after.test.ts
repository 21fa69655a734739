import { describe, expect, it } from 'vitest';
import { beforeAfter, beforeAfterWindows } from '../../../lib/metrics/before-after';
import { prepare } from '../../../lib/metrics/prepare';
import type { InsightsQuery } from '../../../lib/metrics/types';
import { at, DAY, HOUR, type HistoryRows, historyFrom } from '../../factories';

const CHANGE = at('2024-06-01T00:00:00Z');

describe('beforeAfterWindows', () => {
  it('puts equal windows of the whole days since the change on either side of it', () => {
    const w = beforeAfterWindows(CHANGE, CHANGE + 10 * DAY + 9 * HOUR, 90)!;
    expect(w.days).toBe(10);
    expect(w.before).toEqual({ from: at('2024-05-22T00:00:00Z'), to: CHANGE });
    expect(w.after).toEqual({ from: CHANGE, to: at('2024-06-11T00:00:00Z') });
    expect(w.after.to - w.after.from).toBe(w.before.to - w.before.from);
  });

  it('stops at the longest window asked for', () => {
    const w = beforeAfterWindows(CHANGE, CHANGE + 400 * DAY, 90)!;
    expect(w.days).toBe(90);
    expect(w.before.from).toBe(CHANGE - 90 * DAY);
    expect(w.after.to).toBe(CHANGE + 90 * DAY);
  });

  it('reaches back no further than the day of the view’s first deployment', () => {
    const w = beforeAfterWindows(CHANGE, CHANGE + 30 * DAY, 90, CHANGE - 3 * DAY - 12 * HOUR)!;
    // 3½ days of history before the change: a window of 4 days takes in the first deployment.
    expect(w.days).toBe(4);
    expect(w.before.from).toBeLessThanOrEqual(CHANGE - 3 * DAY - 12 * HOUR);
    expect(beforeAfterWindows(CHANGE, CHANGE + 30 * DAY, 90, CHANGE + HOUR)).toBeNull();
  });

  it('has nothing to compare before a whole day has passed, or for a change still to come', () => {
    expect(beforeAfterWindows(CHANGE, CHANGE + 23 * HOUR, 90)).toBeNull();
    expect(beforeAfterWindows(CHANGE, CHANGE - DAY, 90)).toBeNull();
    expect(beforeAfterWindows(CHANGE, CHANGE + 5 * DAY, 0)).toBeNull();
  });
});

/**
 * Ten days before the change: each day a release at 00:00 fails at 01:00 and succeeds at 04:00 (lead time
 * 4 h, recovery 3 h). Ten days after: two releases a day, each out an hour later (lead time 1 h); on the first
 * and sixth day the morning one fails at 00:30 first (recovery 30 min). One success on each side outside the
 * windows must not count.
 */
function history(): HistoryRows {
  const releases: HistoryRows['releases'] = [];
  const deployments: HistoryRows['deployments'] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const release = (assembled: number) => {
    const version = `v${releases.length}`;
    releases.push({ version, assembled: iso(assembled) });
    return version;
  };
  const outside = release(CHANGE - 12 * DAY);
  deployments.push({ environment: 'Production', release: outside, completed: iso(CHANGE - 12 * DAY + HOUR) });
  for (let k = 0; k < 10; k++) {
    const day = CHANGE - (10 - k) * DAY;
    const v = release(day);
    deployments.push({ environment: 'Production', release: v, completed: iso(day + HOUR), state: 'Failed' });
    deployments.push({ environment: 'Production', release: v, completed: iso(day + 4 * HOUR) });
  }
  for (let k = 0; k < 10; k++) {
    for (const half of [0, 12 * HOUR]) {
      const start = CHANGE + k * DAY + half;
      const v = release(start);
      if (half === 0 && (k === 0 || k === 5)) deployments.push({ environment: 'Production', release: v, completed: iso(start + HOUR / 2), state: 'Failed' });
      deployments.push({ environment: 'Production', release: v, completed: iso(start + HOUR) });
    }
  }
  const late = release(CHANGE + 10 * DAY);
  deployments.push({ environment: 'Production', release: late, completed: iso(CHANGE + 10 * DAY + HOUR) });
  return { releases, deployments };
}

describe('beforeAfter', () => {
  const query: InsightsQuery = { now: CHANGE + 10 * DAY + 5 * HOUR, range: { preset: 'lastMonth' }, granularity: 'week', timeZone: 'UTC' };
  const change = beforeAfter(prepare(historyFrom(history())), query, CHANGE, 90)!;

  it('computes each window’s figures over the ten days on either side', () => {
    expect(change.windows.days).toBe(10);
    expect(change.before).toMatchObject({ from: CHANGE - 10 * DAY, to: CHANGE, days: 10 });
    expect(change.after).toMatchObject({ from: CHANGE, to: CHANGE + 10 * DAY, days: 10 });
    expect(change.before.frequency.successful).toBe(10);
    expect(change.after.frequency.successful).toBe(20);
    expect(change.before.failureRate).toMatchObject({ failed: 10, total: 20 });
    expect(change.after.failureRate).toMatchObject({ failed: 2, total: 22 });
    expect(change.before.leadTime).toMatchObject({ count: 10, median: 4 * HOUR });
    expect(change.after.leadTime).toMatchObject({ count: 20, median: HOUR });
    expect(change.before.recovery).toMatchObject({ count: 10, median: 3 * HOUR });
    expect(change.after.recovery).toMatchObject({ count: 2, median: HOUR / 2 });
  });

  it('frequency: 7 more a week (10 → 20 in ten days), not beyond noise at this size', () => {
    const f = change.frequency;
    expect(f.perWeek!.difference).toBeCloseTo(7, 10);
    // ±1.96 √(10/w² + 20/w²) with w = 10/7 weeks.
    const half = 1.959964 * Math.sqrt(30) * 0.7;
    expect(f.perWeek!.interval.lower).toBeCloseTo(7 - half, 3);
    expect(f.perWeek!.interval.upper).toBeCloseTo(7 + half, 3);
    expect(f.perWeek!.ratio!.value).toBeCloseTo(2, 10);
    // 20 of 30 against the 15 expected: z = (5 − 0.5) / √7.5 = 1.643, p = 0.100.
    expect(f.test!.pValue).toBeCloseTo(0.1004, 3);
    expect(f.test!.significant).toBe(false);
  });

  it('failure rate: 50 % → 9.1 %, significant, with the difference’s interval', () => {
    const r = change.failureRate!;
    expect(r.before).toEqual({ x: 10, n: 20 });
    expect(r.after).toEqual({ x: 2, n: 22 });
    expect(r.difference).toBeCloseTo(2 / 22 - 0.5, 12);
    expect(r.interval.lower).toBeLessThan(r.difference);
    expect(r.interval.upper).toBeGreaterThan(r.difference);
    expect(r.interval.upper).toBeLessThan(0);
    expect(r.significant).toBe(true);
  });

  it('lead time: 3 h shorter with every pair agreeing, significant', () => {
    expect(change.leadTime.shift).toMatchObject({ shift: -3 * HOUR, interval: { lower: -3 * HOUR, upper: -3 * HOUR } });
    expect(change.leadTime.test!.significant).toBe(true);
  });

  it('recovery: two values after the change are not enough to tell', () => {
    expect(change.recovery.shift).toBeNull();
    expect(change.recovery.test).toBeNull();
  });

  it('ends its windows by the end it is given (a view of the past), never after now', () => {
    const p = prepare(historyFrom(history()));
    expect(beforeAfter(p, query, CHANGE, 90, CHANGE + 3 * DAY + HOUR)!.windows.days).toBe(3);
    expect(beforeAfter(p, query, CHANGE, 90, CHANGE + 30 * DAY)!.windows.days).toBe(10);
  });

  it('keeps the "before" window within the history: a change four days after the first deployment compares four days', () => {
    const p = prepare(historyFrom(history()));
    // The first deployment completed at 01:00, 12 days before CHANGE; a mark four days after that day...
    const change = beforeAfter(p, { ...query, now: CHANGE + 30 * DAY }, CHANGE - 12 * DAY + 4 * DAY, 90)!;
    // ...leaves 3 days and 23 hours of history before it: four days, equal on both sides.
    expect(change.windows.days).toBe(4);
    expect(beforeAfter(p, query, CHANGE - 13 * DAY, 90)).toBeNull();
  });

  it('is nothing for a change less than a day ago', () => {
    expect(beforeAfter(prepare(historyFrom(history())), { ...query, now: CHANGE + HOUR }, CHANGE, 90)).toBeNull();
  });
});
