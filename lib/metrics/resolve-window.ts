import { bucketEdges } from './bucket-edges';
import { localToUtc } from './local-to-utc';
import type { Granularity, RangePreset, RangeSpec, ResolvedWindow, WeekStart } from './types';
import { zoneOffset } from './zone-offset';

const PRESET: Record<RangePreset, { days: number; months: number }> = {
  last7Days: { days: 7, months: 0 },
  last30Days: { days: 30, months: 0 },
  lastMonth: { days: 0, months: 1 },
  lastQuarter: { days: 0, months: 3 },
  lastYear: { days: 0, months: 12 },
};

/** The start of a preset: the same wall-clock time N days or months before `now`, in the zone. */
function presetStart(now: number, preset: RangePreset, timeZone: string): number {
  const { days, months } = PRESET[preset];
  const local = new Date(now + zoneOffset(now, timeZone));
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() - months;
  // Clamp the day to the target month (31 May minus 3 months = 29 February in a leap year).
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Math.min(local.getUTCDate(), lastDay) - days;
  const fromLocal = Date.UTC(
    y,
    m,
    d,
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return localToUtc(fromLocal, timeZone);
}

export interface WindowSpec {
  now: number;
  range: RangeSpec;
  timeZone?: string;
  granularity?: Granularity;
  weekStart?: WeekStart;
  alignStart?: boolean;
}

/**
 * Turns a range into a half-open window `[from, to)` (start inclusive, end exclusive) and its buckets.
 *
 * - Presets end at `now` and start at the same wall-clock time 7 days (`last7Days`), 30 days (`last30Days`: the
 *   popup's summary and the space report's default), 1 month (`lastMonth`),
 *   3 months (`lastQuarter`) or 12 months (`lastYear`) earlier in `timeZone` (day clamped to the month's end).
 * - `{ from, to }` is taken as given (`to` below `from` gives an empty window at `from`).
 * - `alignStart` moves `from` back to the start of its first bucket (whole buckets, like Octopus's charts).
 * - The previous period is the same length just before: `[from - (to - from), from)`.
 * - Buckets (default `week`, weeks from Sunday) are clipped to the window; a cut bucket is partial.
 *
 * @example
 * resolveWindow({ now: Date.UTC(2024, 4, 31, 12), range: { preset: 'lastQuarter' }, timeZone: 'UTC', granularity: 'month' })
 * //=> { from: 2024-02-29T12:00Z, to: 2024-05-31T12:00Z, edges: [Feb 29 12:00, Mar 1, Apr 1, May 1, May 31 12:00], … }
 */
export function resolveWindow(spec: WindowSpec): ResolvedWindow {
  const timeZone = spec.timeZone ?? 'UTC';
  const granularity = spec.granularity ?? 'week';
  const weekStart = spec.weekStart ?? 'sunday';
  let from: number;
  let to: number;
  if ('preset' in spec.range) {
    to = spec.now;
    from = presetStart(spec.now, spec.range.preset, timeZone);
  } else {
    from = spec.range.from;
    to = Math.max(spec.range.to, from);
  }
  const calendar = bucketEdges(from, to, granularity, timeZone, weekStart);
  if (spec.alignStart) from = calendar[0];
  if (to <= from) {
    return {
      from,
      to: from,
      previousFrom: from,
      previousTo: from,
      timeZone,
      granularity,
      weekStart,
      edges: Float64Array.of(from),
      calendar: Float64Array.of(from),
    };
  }
  const buckets = calendar.length - 1;
  const edges = new Float64Array(buckets + 1);
  edges[0] = from;
  for (let k = 1; k < buckets; k++) edges[k] = calendar[k];
  edges[buckets] = to;
  return {
    from,
    to,
    previousFrom: from - (to - from),
    previousTo: from,
    timeZone,
    granularity,
    weekStart,
    edges,
    calendar: calendar.slice(),
  };
}
