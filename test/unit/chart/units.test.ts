import { describe, expect, it } from 'vitest';
import { DURATION_UNITS, durationIncrements, durationTick, durationUnit, logDurationTicks, spansMagnitudes } from '@/lib/chart/units';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

describe('the unit of a duration axis', () => {
  it('is the largest that the range holds twice, weeks only past ten weeks', () => {
    expect(durationUnit(0).name).toBe('minutes');
    expect(durationUnit(Number.NaN).name).toBe('minutes');
    expect(durationUnit(2 * HOUR - 1).name).toBe('minutes');
    expect(durationUnit(2 * HOUR).name).toBe('hours');
    expect(durationUnit(2 * DAY - 1).name).toBe('hours');
    expect(durationUnit(2 * DAY).name).toBe('days');
    // The example: a lead time of weeks that read "600h" reads in days.
    expect(durationUnit(600 * HOUR).name).toBe('days');
    expect(durationUnit(10 * WEEK - 1).name).toBe('days');
    expect(durationUnit(10 * WEEK).name).toBe('weeks');
  });

  it('writes ticks in that unit, with at most two decimals', () => {
    expect(durationTick(90 * MINUTE, DURATION_UNITS.hours)).toBe('1.5h');
    expect(durationTick(36 * HOUR, DURATION_UNITS.days)).toBe('1.5d');
    expect(durationTick(DAY / 3, DURATION_UNITS.days)).toBe('0.33d');
    expect(durationTick(3 * WEEK, DURATION_UNITS.weeks)).toBe('3w');
    expect(durationTick(45 * MINUTE, DURATION_UNITS.minutes)).toBe('45m');
  });

  it('steps its ticks by whole units (or quarters and halves) of it', () => {
    expect(durationIncrements(DURATION_UNITS.days).slice(0, 5)).toEqual([DAY / 4, DAY / 2, DAY, 2 * DAY, 5 * DAY]);
  });
});

describe('a log scale of durations', () => {
  it('ticks at a minute, an hour, a day, a week… inside the range', () => {
    expect(logDurationTicks(20 * MINUTE, 3 * DAY)).toEqual({ values: [HOUR, 6 * HOUR, DAY], labels: ['1h', '6h', '1d'] });
    expect(logDurationTicks(30_000, 2 * HOUR).labels).toEqual(['1m', '10m', '1h']);
    expect(logDurationTicks(2 * DAY, 3 * DAY).values).toEqual([]);
  });

  it('is offered when the values span at least a factor of 20', () => {
    expect(spansMagnitudes([[HOUR, null, 19 * HOUR]])).toBe(false);
    expect(spansMagnitudes([[HOUR, 0], [20 * HOUR]])).toBe(true);
    expect(spansMagnitudes([[null], []])).toBe(false);
  });
});
