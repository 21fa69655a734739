import { describe, expect, it } from 'vitest';
import { beforeAfter } from '../../../lib/metrics/before-after';
import { prepare } from '../../../lib/metrics/prepare';
import { beforeAfterView, dayOf, markDayStart } from '../../../lib/panel/before-after-view';
import { at, DAY, HOUR, type HistoryRows, historyFrom } from '../../factories';

const CHANGE = at('2024-06-01T00:00:00Z');

/** Seven days before: one release a day out in 4 h, every other one failing first. Seven after: two a day, out in 1 h. */
function history(): HistoryRows {
  const releases: HistoryRows['releases'] = [];
  const deployments: HistoryRows['deployments'] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let k = 0; k < 14; k++) {
    const after = k >= 7;
    for (const half of after ? [0, 12 * HOUR] : [0]) {
      const start = CHANGE + (k - 7) * DAY + half;
      const version = `v${releases.length}`;
      releases.push({ version, assembled: iso(start) });
      if (!after && k % 2 === 0) deployments.push({ environment: 'Production', release: version, completed: iso(start + HOUR), state: 'Failed' });
      deployments.push({ environment: 'Production', release: version, completed: iso(start + (after ? HOUR : 4 * HOUR)) });
    }
  }
  return { releases, deployments };
}

describe('beforeAfterView', () => {
  const change = beforeAfter(prepare(historyFrom(history())), { now: CHANGE + 7 * DAY + HOUR, range: { preset: 'lastMonth' }, granularity: 'week', timeZone: 'UTC' }, CHANGE, 90)!;
  const view = beforeAfterView(change, 'Asia/Kolkata', 'en-GB');

  it('names the windows in the view’s zone', () => {
    expect(view.windows).toBe('7 days before vs 7 days after 1 Jun 2024 (Asia/Kolkata)');
  });

  it('reads each metric with its samples, signed difference, interval and a verdict that knows which way is better', () => {
    const [frequency, lead, failures, recovery] = view.rows;
    expect(frequency).toMatchObject({ title: 'Deployment frequency', measure: 'per week', before: '7.0', after: '14', beforeSample: '7 deployments', afterSample: '14 deployments', difference: '+7.0' });
    expect(frequency.interval).toMatch(/^95% interval [+−]\d/);
    expect(frequency.verdict).toBe('noise');
    expect(frequency.verdictText).toMatch(/^Within noise \(p = 0\.\d{3}\)$/);
    expect(lead).toMatchObject({ before: '4h', after: '1h', beforeSample: '7 values', afterSample: '14 values', difference: '−3h', interval: '95% interval −3h to −3h', verdict: 'better' });
    expect(lead.verdictText).toMatch(/^Better, beyond noise \(p/);
    expect(lead.raw).toEqual({ before: 4 * HOUR, after: HOUR, beforeN: 7, afterN: 14, difference: -3 * HOUR, lower: -3 * HOUR, upper: -3 * HOUR });
    expect(failures.raw).toMatchObject({ difference: -4 / 11, lower: null, upper: null });
    // 4 failed of 11 before, none of 14 after: the test's approximation does not hold (4 failures in all).
    expect(failures).toMatchObject({ before: '36.4%', after: '0.0%', beforeSample: '4 of 11', afterSample: '0 of 14', difference: '−36.4 pts', verdict: 'not-enough-data', verdictText: 'Not enough data to tell' });
    expect(recovery).toMatchObject({ before: '3h', after: '–', beforeSample: '4 values', afterSample: '0 values', difference: '–', verdict: 'not-enough-data' });
  });
});

describe('mark days', () => {
  it('start at midnight in the view’s zone, and a chart click picks the day it falls on there', () => {
    expect(markDayStart('2024-06-01', 'UTC')).toBe(CHANGE);
    // Kolkata is UTC+5:30: its 1 June starts at 31 May 18:30 UTC.
    expect(markDayStart('2024-06-01', 'Asia/Kolkata')).toBe(at('2024-05-31T18:30:00Z'));
    expect(markDayStart('June 1st', 'UTC')).toBeNull();
    expect(dayOf(at('2024-05-31T20:00:00Z'), 'Asia/Kolkata')).toBe('2024-06-01');
    expect(dayOf(at('2024-05-31T20:00:00Z'), 'UTC')).toBe('2024-05-31');
  });
});
