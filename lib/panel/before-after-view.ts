/**
 * The before/after view as data: for a change (a date mark), each DORA metric over the equal windows on
 * either side of it, the difference with its 95 % interval, and whether the change is beyond noise — in words
 * that say which way is better. Pure; `<BeforeAfterView>` only lays it out.
 */
import type { BeforeAfter, DurationChange } from '@/lib/metrics/before-after';
import { formatCount, formatDate, formatDurationShort, formatPercent, formatRate } from '@/lib/display/format';
import { METRIC_NAMES } from '@/lib/display/metric-names';
import { localToUtc } from '@/lib/metrics/local-to-utc';
import type { DoraMetric } from '@/lib/metrics/types';
import { zonedDate } from '@/lib/metrics/zoned-date';

export type Verdict = 'better' | 'worse' | 'noise' | 'not-enough-data';

export interface BeforeAfterRowView {
  metric: DoraMetric;
  title: string;
  /** What the figures are: "per week", "median", "failed / all". */
  measure: string;
  before: string;
  after: string;
  /** What each side's figure rests on: "12 deployments", "3 of 20", "9 values". */
  beforeSample: string;
  afterSample: string;
  /** after − before, signed, in the metric's unit. */
  difference: string;
  /** "95% interval −2h to +30m", or why there is none. */
  interval: string;
  verdict: Verdict;
  verdictText: string;
  /** The numbers behind the texts (ms, per week, fraction; sample sizes), for tests and tools reading the page. */
  raw: { before: number | null; after: number | null; beforeN: number; afterN: number; difference: number | null; lower: number | null; upper: number | null };
}

export interface BeforeAfterView {
  /** "10 days before vs 10 days after 1 Jun 2026 (UTC)". */
  windows: string;
  rows: BeforeAfterRowView[];
}

/** A signed figure: "+" above zero, the minus sign below. */
const sign = (v: number, abs: string) => (v > 0 ? `+${abs}` : v < 0 ? `−${abs}` : abs);
const signedDuration = (ms: number) => sign(ms, formatDurationShort(Math.abs(ms)));
const signedRate = (v: number) => sign(v, formatRate(Math.abs(v)));
const points = (fraction: number) => sign(fraction, `${Math.abs(fraction * 100).toFixed(1)} pts`);

const spread = (difference: number | null, interval?: { lower: number; upper: number }) => ({ difference, lower: interval?.lower ?? null, upper: interval?.upper ?? null });

function verdict(significant: boolean | undefined, difference: number, higherIsBetter: boolean, p: number | undefined): { verdict: Verdict; verdictText: string } {
  if (significant === undefined || p === undefined) return { verdict: 'not-enough-data', verdictText: 'Not enough data to tell' };
  const pText = p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
  if (!significant || difference === 0) return { verdict: 'noise', verdictText: `Within noise (${pText})` };
  const better = higherIsBetter ? difference > 0 : difference < 0;
  return better ? { verdict: 'better', verdictText: `Better, beyond noise (${pText})` } : { verdict: 'worse', verdictText: `Worse, beyond noise (${pText})` };
}

function durationRow(metric: 'leadTime' | 'recovery', change: BeforeAfter): BeforeAfterRowView {
  const before = change.before[metric];
  const after = change.after[metric];
  const c: DurationChange = change[metric];
  const values = (n: number) => `${formatCount(n)} ${n === 1 ? 'value' : 'values'}`;
  const shift = c.shift;
  return {
    metric,
    title: METRIC_NAMES[metric],
    measure: 'median',
    before: formatDurationShort(before.median),
    after: formatDurationShort(after.median),
    beforeSample: values(before.count),
    afterSample: values(after.count),
    difference: shift ? signedDuration(shift.shift) : after.median !== null && before.median !== null ? signedDuration(after.median - before.median) : '–',
    interval: shift ? `95% interval ${signedDuration(shift.interval.lower)} to ${signedDuration(shift.interval.upper)}` : 'no interval under 3 values a side',
    ...verdict(c.test?.significant, shift?.shift ?? 0, false, c.test?.pValue),
    raw: { before: before.median, after: after.median, beforeN: before.count, afterN: after.count, ...spread(shift ? shift.shift : null, shift?.interval) },
  };
}

function frequencyRow(change: BeforeAfter): BeforeAfterRowView {
  const { before, after, frequency } = change;
  const deployments = (n: number) => `${formatCount(n)} ${n === 1 ? 'deployment' : 'deployments'}`;
  const d = frequency.perWeek;
  return {
    metric: 'frequency',
    title: METRIC_NAMES.frequency,
    measure: 'per week',
    before: formatRate(before.frequency.perWeek),
    after: formatRate(after.frequency.perWeek),
    beforeSample: deployments(before.frequency.successful),
    afterSample: deployments(after.frequency.successful),
    difference: d ? signedRate(d.difference) : '–',
    interval: d ? `95% interval ${signedRate(d.interval.lower)} to ${signedRate(d.interval.upper)}` : '–',
    ...verdict(frequency.test?.significant, d?.difference ?? 0, true, frequency.test?.pValue),
    raw: { before: before.frequency.perWeek, after: after.frequency.perWeek, beforeN: before.frequency.successful, afterN: after.frequency.successful, ...spread(d ? d.difference : null, d?.interval) },
  };
}

function failureRateRow(change: BeforeAfter): BeforeAfterRowView {
  const b = change.before.failureRate;
  const a = change.after.failureRate;
  const t = change.failureRate;
  const raw = b.rate !== null && a.rate !== null ? a.rate - b.rate : null;
  return {
    metric: 'failureRate',
    title: METRIC_NAMES.failureRate,
    measure: 'failed of all',
    before: formatPercent(b.rate),
    after: formatPercent(a.rate),
    beforeSample: `${formatCount(b.failed)} of ${formatCount(b.total)}`,
    afterSample: `${formatCount(a.failed)} of ${formatCount(a.total)}`,
    difference: raw === null ? '–' : points(raw),
    interval: t ? `95% interval ${points(t.interval.lower)} to ${points(t.interval.upper)}` : 'no interval: too few failures or successes',
    ...verdict(t?.significant, t?.difference ?? 0, false, t?.pValue),
    raw: { before: b.rate, after: a.rate, beforeN: b.total, afterN: a.total, ...spread(raw, t?.interval) },
  };
}

/**
 * @example
 * beforeAfterView(change, 'UTC', 'en-GB').rows[1]
 * //=> { title: 'Deployment lead time', measure: 'median', before: '4h', after: '1h', difference: '−3h', verdict: 'better', … }
 */
export function beforeAfterView(change: BeforeAfter, timeZone: string, locale?: string): BeforeAfterView {
  const day = formatDate(change.windows.after.from, timeZone, locale);
  const days = `${change.windows.days} ${change.windows.days === 1 ? 'day' : 'days'}`;
  return {
    windows: `${days} before vs ${days} after ${day} (${timeZone})`,
    rows: [frequencyRow(change), durationRow('leadTime', change), failureRateRow(change), durationRow('recovery', change)],
  };
}

/** The start of a day (`YYYY-MM-DD`, as a date input gives it) in the view's zone, UTC ms; null for anything else. */
export function markDayStart(date: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(local) ? localToUtc(local, timeZone) : null;
}

/** The day (`YYYY-MM-DD`) a moment falls on in the view's zone: a chart click picks it. */
export function dayOf(at: number, timeZone: string): string {
  const z = zonedDate(at, timeZone);
  return `${String(z.year).padStart(4, '0')}-${String(z.month + 1).padStart(2, '0')}-${String(z.day).padStart(2, '0')}`;
}
