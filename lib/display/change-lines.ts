/**
 * How a card says what changed, the same way for both of its comparisons — the range against the period
 * before it, and the last 28 days against the 28 before (Octopus's blocks) —: which dates, the headline figure
 * on each side with its count, how much it moved, and whether that is beyond noise (lib/metrics/metric-change.ts).
 * Only a change beyond noise gets an arrow and a colour, so two lines never contradict each other at a glance.
 */
import type { MetricChange } from '@/lib/metrics/metric-change';
import { formatCount, formatDateRange, formatDurationShort, formatPercent, formatRate } from './format';

export interface ChangeLineView {
  /** `This range` or `Last 28 days`. */
  label: string;
  /** The dates compared with and both sides' figures: `vs 3 Sep – 2 Dec: 36 → 114`. */
  text: string;
  /** How much, and whether beyond noise: `▲ ×3.2, beyond noise (p < 0.001)`, `−12%, within noise (p = 0.41)`. */
  verdict: string;
  /** `▲` / `▼` for a change beyond noise, else empty. */
  arrow: string;
  sentiment: MetricChange['sentiment'];
  significant: boolean;
}

export interface ChangeLineOptions {
  timeZone: string;
  /** For whether dates need their year. */
  now: number;
  locale?: string;
}

const LABELS = { previous: 'This range', trend28: 'Last 28 days' } as const;

/** Both sides' figures in the metric's own terms. */
function figures(c: MetricChange): string {
  const { before, after } = c;
  switch (c.metric) {
    case 'frequency':
      // Counts read best; rates only where the days with history differ.
      return Math.round(before.days) === Math.round(after.days)
        ? `${formatCount(before.count)} → ${formatCount(after.count)} successful`
        : `${formatRate(before.value ?? 0)} → ${formatRate(after.value ?? 0)} a week`;
    case 'failureRate':
    case 'reworkRate':
      return `${formatPercent(before.value)} (${formatCount(before.count)} of ${formatCount(before.n)}) → ${formatPercent(after.value)} (${formatCount(after.count)} of ${formatCount(after.n)})`;
    default:
      return `median ${formatDurationShort(before.value)} → ${formatDurationShort(after.value)}`;
  }
}

/**
 * How far the headline moved: `+12%`, `−33%`, or a factor from a doubling on (`×3.2`), where a percentage
 * like "up 2090 %" stops meaning anything. A failure rate moves in percentage points.
 *
 * @example
 * magnitude({ metric: 'leadTime', change: 20.9, … }) //=> '×21.9'
 */
export function magnitude(c: MetricChange): string {
  if ((c.metric === 'failureRate' || c.metric === 'reworkRate') && c.before.value !== null && c.after.value !== null) {
    const points = (c.after.value - c.before.value) * 100;
    return `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} points`;
  }
  if (c.change === null) return c.direction === 'up' ? 'up from none' : '';
  if (c.change >= 1) return `×${(1 + c.change).toFixed(1)}`;
  const percent = Math.round(c.change * 100);
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent)}%`;
}

const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`);

function verdict(c: MetricChange): string {
  if (c.reason === 'no-history') return 'no history to compare with: nothing was deployed yet';
  if (c.reason === 'not-enough-data') return `not enough data to tell (n = ${formatCount(c.before.n)} and ${formatCount(c.after.n)})`;
  const size = magnitude(c);
  if (c.direction === 'same') return `no change (${pText(c.pValue!)})`;
  return c.significant ? `${size}, beyond noise (${pText(c.pValue!)})` : `${size}, within noise (${pText(c.pValue!)})`;
}

/**
 * @example
 * changeLine(insights.beyondOctopus.changes.previous.frequency, 'previous', { timeZone: 'UTC', now, locale: 'en-GB' })
 * //=> { label: 'This range', text: 'vs 3 Sept – 2 Dec: 36 → 114 successful', verdict: '×3.2, beyond noise (p < 0.001)', arrow: '▲', sentiment: 'good', significant: true }
 */
export function changeLine(c: MetricChange, which: 'previous' | 'trend28', options: ChangeLineOptions): ChangeLineView {
  const dates = formatDateRange(c.before.from, c.before.to, options.timeZone, options.now, options.locale);
  const arrow = c.significant ? (c.direction === 'up' ? '▲' : '▼') : '';
  return {
    label: LABELS[which],
    text: c.reason === 'no-history' ? `vs ${dates}` : `vs ${dates}: ${figures(c)}`,
    verdict: verdict(c),
    arrow,
    sentiment: c.sentiment,
    significant: c.significant,
  };
}
