/**
 * Weekday rhythm: people release and promote in business hours on weekdays; evenings see a little,
 * nights and weekends almost nothing. Times are thinned from a Poisson process by this weight.
 */
import { DAY, HOUR } from '../octopus-time';
import type { Random } from '../random';

/** Relative activity at instant `t` (UTC ms) for a team `offsetHours` ahead of UTC. */
export function activityWeight(t: number, offsetHours: number): number {
  const local = t + offsetHours * HOUR;
  const day = Math.floor(local / DAY);
  const dow = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  if (dow === 0 || dow === 6) return 0.04;
  const hour = Math.floor((local - day * DAY) / HOUR);
  if (hour >= 8 && hour < 18) return 1;
  if (hour === 7 || hour === 18 || hour === 19) return 0.35;
  if (hour >= 20 && hour < 23) return 0.12;
  return 0.03;
}

/** Mean of {@link activityWeight} over a week: converts "per day on average" into the peak rate. */
export const MEAN_WEIGHT = (() => {
  let sum = 0;
  const steps = 7 * 24 * 4;
  for (let i = 0; i < steps; i++) sum += activityWeight(i * 15 * 60_000, 0);
  return sum / steps;
})();

/** Instants in [from, to) with the given average rate per day, shaped by the weekday rhythm. */
export function rhythmTimes(rng: Random, from: number, to: number, perDay: number, offsetHours: number): number[] {
  const out: number[] = [];
  if (perDay <= 0 || to <= from) return out;
  const peakPerMs = perDay / MEAN_WEIGHT / DAY;
  let t = from;
  for (;;) {
    t += rng.exp(1 / peakPerMs);
    if (t >= to) return out;
    if (rng.next() < activityWeight(t, offsetHours)) out.push(Math.floor(t));
  }
}

/**
 * A human reaction `delay` after `t`, pushed into working hours when it would land at night or at the
 * weekend (people answer guided failures and approvals when they are at work).
 */
export function humanTime(rng: Random, t: number, delay: number, offsetHours: number): number {
  let at = t + delay;
  for (let i = 0; i < 96 && activityWeight(at, offsetHours) < 0.3; i++) at += 30 * 60_000 + rng.int(0, 600_000);
  return Math.floor(at);
}
