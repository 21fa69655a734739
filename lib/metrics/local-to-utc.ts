import { DAY_MS } from './constants';
import { zoneOffset } from './zone-offset';

/**
 * The UTC instant of a wall-clock time in an IANA zone. The wall-clock time is given as `localMs`, the epoch
 * milliseconds it would have if the zone were UTC (build it with `Date.UTC(y, m, d, h, min, s, ms)`, whose
 * out-of-range fields roll over: day 32 of January = 1 February).
 *
 * Ambiguous and missing wall times follow `Temporal`'s "compatible" rule: a time that occurs twice (clocks
 * going back) resolves to the earlier instant; a time skipped by clocks going forward resolves to the
 * instant the same distance after the transition (02:30 on a night that jumps 02:00→03:00 is 03:30). So the
 * start of a day whose midnight is skipped is the transition instant.
 *
 * @example
 * localToUtc(Date.UTC(2024, 2, 31), 'Europe/London') // midnight before the spring change
 * //=> 1711843200000 (2024-03-31T00:00:00Z)
 * localToUtc(Date.UTC(2024, 3, 1), 'Europe/London') // midnight after it, in BST
 * //=> 1711926000000 (2024-03-31T23:00:00Z)
 */
export function localToUtc(localMs: number, timeZone: string): number {
  const local = localMs;
  const before = zoneOffset(local - DAY_MS, timeZone);
  const after = zoneOffset(local + DAY_MS, timeZone);
  if (before === after) {
    const t = local - before;
    if (zoneOffset(t, timeZone) === before) return t;
  }
  const tBefore = local - before;
  const tAfter = local - after;
  const validBefore = zoneOffset(tBefore, timeZone) === before;
  const validAfter = zoneOffset(tAfter, timeZone) === after;
  if (validBefore && validAfter) return Math.min(tBefore, tAfter);
  if (validBefore) return tBefore;
  if (validAfter) return tAfter;
  // In a gap: read the wall time with the offset from before the transition (moves it forward).
  return tBefore;
}
