import { localToUtc } from './local-to-utc';
import type { Granularity, WeekStart } from './types';
import { zonedDate } from './zoned-date';

/** More buckets than this is a caller bug (for example daily buckets over centuries). */
const MAX_BUCKETS = 100_000;

/**
 * Calendar bucket boundaries covering `[from, to)` in an IANA zone: local midnights for `day`, local
 * midnights of the week's first day for `week` (`sunday` like Octopus, or `monday`), local midnights of the
 * 1st for `month`. Returns the UTC instants `e[0] ≤ from < e[1] < … < e[k] ≥ to`, so bucket i is
 * `[e[i], e[i+1])`. DST-correct: in `Europe/London` the day of the spring change is 23 hours long and the day
 * of the autumn change 25 hours. Empty windows (`to ≤ from`) give the single bucket containing `from`.
 *
 * @example
 * bucketEdges(Date.UTC(2024, 2, 30, 12), Date.UTC(2024, 3, 1, 12), 'day', 'Europe/London')
 * //=> Float64Array [2024-03-30T00:00Z, 2024-03-31T00:00Z, 2024-03-31T23:00Z, 2024-04-01T23:00Z] (as ms)
 */
export function bucketEdges(
  from: number,
  to: number,
  granularity: Granularity,
  timeZone: string,
  weekStart: WeekStart = 'sunday',
): Float64Array {
  const z = zonedDate(from, timeZone);
  const year = z.year;
  const month = z.month;
  let day = z.day;
  if (granularity === 'week') {
    const first = weekStart === 'monday' ? 1 : 0;
    day -= (z.weekday - first + 7) % 7;
  } else if (granularity === 'month') {
    day = 1;
  }
  const edges: number[] = [];
  for (let k = 0; ; k++) {
    if (k > MAX_BUCKETS) throw new RangeError(`bucketEdges: more than ${MAX_BUCKETS} ${granularity} buckets`);
    let local: number;
    if (granularity === 'day') local = Date.UTC(year, month, day + k);
    else if (granularity === 'week') local = Date.UTC(year, month, day + 7 * k);
    else local = Date.UTC(year, month + k, 1);
    const edge = localToUtc(local, timeZone);
    // A zone whose day starts inside a gap can map two local midnights close together; keep edges increasing.
    if (edges.length > 0 && edge <= edges[edges.length - 1]) continue;
    edges.push(edge);
    if (edge >= to && edges.length >= 2) break;
  }
  return Float64Array.from(edges);
}
