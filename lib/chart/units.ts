/**
 * Duration axes in the unit that fits their range, so a lead time of weeks reads "3w" and not "600h", and
 * the ticks of a log scale at durations people think in (a minute, an hour, a day, a week…). Pure.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export interface DurationUnit {
  name: 'minutes' | 'hours' | 'days' | 'weeks';
  /** One unit in milliseconds. */
  ms: number;
  /** Written after a tick's number: `45m`, `12h`, `3d`, `6w`. */
  suffix: string;
}

export const DURATION_UNITS: Record<DurationUnit['name'], DurationUnit> = {
  minutes: { name: 'minutes', ms: MINUTE, suffix: 'm' },
  hours: { name: 'hours', ms: HOUR, suffix: 'h' },
  days: { name: 'days', ms: DAY, suffix: 'd' },
  weeks: { name: 'weeks', ms: WEEK, suffix: 'w' },
};

/**
 * The unit an axis whose highest value is `maxMs` is labelled in: a unit is used once the range holds two
 * of it (under 2 hours: minutes; under 2 days: hours), and weeks only past ten weeks — "60d" still reads
 * at a glance where "8.6w" does not.
 *
 * @example
 * durationUnit(90 * 60_000).name        //=> 'minutes'
 * durationUnit(30 * 3_600_000).name     //=> 'hours'
 * durationUnit(25 * 86_400_000).name    //=> 'days'
 * durationUnit(120 * 86_400_000).name   //=> 'weeks'
 */
export function durationUnit(maxMs: number): DurationUnit {
  if (!(maxMs >= 2 * HOUR)) return DURATION_UNITS.minutes;
  if (maxMs < 2 * DAY) return DURATION_UNITS.hours;
  if (maxMs < 10 * WEEK) return DURATION_UNITS.days;
  return DURATION_UNITS.weeks;
}

/** Tick steps, in units: uPlot picks the smallest that keeps ticks apart. */
const STEPS = [0.25, 0.5, 1, 2, 5, 10, 15, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000];

/** The tick increments of a linear axis in `unit`, in milliseconds (uPlot's `incrs`). */
export const durationIncrements = (unit: DurationUnit): number[] => STEPS.map((s) => s * unit.ms);

/**
 * A tick's label in the axis's unit, at most two decimals.
 *
 * @example
 * durationTick(36 * 3_600_000, DURATION_UNITS.days) //=> '1.5d'
 */
export function durationTick(ms: number, unit: DurationUnit): string {
  const value = Math.round((ms / unit.ms) * 100) / 100;
  return `${value}${unit.suffix}`;
}

/** Durations people think in, for a log scale's ticks. */
const LADDER: [number, string][] = [
  [1000, '1s'],
  [10_000, '10s'],
  [MINUTE, '1m'],
  [10 * MINUTE, '10m'],
  [HOUR, '1h'],
  [6 * HOUR, '6h'],
  [DAY, '1d'],
  [WEEK, '1w'],
  [4 * WEEK, '4w'],
  [26 * WEEK, '26w'],
  [52 * WEEK, '52w'],
  [520 * WEEK, '520w'],
];

/**
 * The ticks of a log-scale duration axis between `min` and `max` (ms): the ladder's steps inside the range,
 * with its labels.
 *
 * @example
 * logDurationTicks(20 * 60_000, 3 * 86_400_000) //=> { values: [3_600_000, 21_600_000, 86_400_000], labels: ['1h', '6h', '1d'] }
 */
export function logDurationTicks(min: number, max: number): { values: number[]; labels: string[] } {
  const inside = LADDER.filter(([ms]) => ms >= min && ms <= max);
  return { values: inside.map(([ms]) => ms), labels: inside.map(([, label]) => label) };
}

/**
 * Whether durations span enough orders of magnitude for a log scale to help: the highest positive value at
 * least 20 times the lowest.
 */
export function spansMagnitudes(columns: readonly (readonly (number | null)[])[]): boolean {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const column of columns) {
    for (const v of column) {
      if (v === null || !(v > 0)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return max > 0 && max / min >= 20;
}
