import { describe, expect, it } from 'vitest';
import { performanceTier } from '../../../lib/metrics/performance-tier';
import { DAY, HOUR } from '../../factories';

const WEEK = 7 * DAY;
const MONTH = (365.25 / 12) * DAY; // 30.4375 days
const SIX_MONTHS = 6 * MONTH;
const tier = (...args: Parameters<typeof performanceTier>) => performanceTier(...args)?.tier ?? null;
const beyond = (...args: Parameters<typeof performanceTier>) => performanceTier(...args)?.beyondLowestBand;

describe('performanceTier 2024 (default)', () => {
  it('lead time: elite < 1 day ≤ high ≤ 1 week < medium ≤ 1 month < low ≤ 6 months, beyond still low', () => {
    expect(tier('leadTime', DAY - 1)).toBe('elite');
    expect(tier('leadTime', DAY)).toBe('high'); // "less than a day" is strict
    expect(tier('leadTime', WEEK)).toBe('high'); // "1 day to 1 week" includes 1 week
    expect(tier('leadTime', WEEK + 1)).toBe('medium');
    expect(tier('leadTime', MONTH)).toBe('medium');
    expect(tier('leadTime', MONTH + 1)).toBe('low');
    expect(beyond('leadTime', SIX_MONTHS)).toBe(false);
    expect(tier('leadTime', SIX_MONTHS + 1)).toBe('low');
    expect(beyond('leadTime', SIX_MONTHS + 1)).toBe(true);
  });

  it('frequency (successful per day): elite ≥ 1, high ≥ 1/7, medium ≥ 1/month, low ≥ 1/6 months', () => {
    expect(tier('frequency', 1)).toBe('elite');
    expect(tier('frequency', 0.999)).toBe('high');
    expect(tier('frequency', 1 / 7)).toBe('high');
    expect(tier('frequency', 1 / 7 - 1e-9)).toBe('medium');
    expect(tier('frequency', DAY / MONTH)).toBe('medium');
    expect(tier('frequency', DAY / MONTH - 1e-9)).toBe('low');
    expect(beyond('frequency', DAY / SIX_MONTHS)).toBe(false);
    expect(beyond('frequency', 0)).toBe(true);
  });

  it('failure rate: non-monotonic table (High 20 %, Medium 10 %) resolved monotonically; Medium is unreachable', () => {
    expect(tier('failureRate', 0)).toBe('elite');
    expect(tier('failureRate', 0.05)).toBe('elite');
    expect(tier('failureRate', 0.050001)).toBe('high');
    expect(tier('failureRate', 0.1)).toBe('high');
    expect(tier('failureRate', 0.2)).toBe('high');
    expect(tier('failureRate', 0.200001)).toBe('low');
    expect(beyond('failureRate', 0.4)).toBe(false);
    expect(beyond('failureRate', 0.41)).toBe(true);
  });

  it('recovery: elite < 1 h, high < 1 day, (medium = high: unreachable), low ≤ 1 month', () => {
    expect(tier('recovery', HOUR - 1)).toBe('elite');
    expect(tier('recovery', HOUR)).toBe('high');
    expect(tier('recovery', DAY - 1)).toBe('high');
    expect(tier('recovery', DAY)).toBe('low'); // the 1 day – 1 week gap falls to Low (≤ 1 month)
    expect(beyond('recovery', MONTH)).toBe(false);
    expect(beyond('recovery', MONTH + 1)).toBe(true);
  });

  it('no value: null', () => {
    expect(performanceTier('leadTime', null)).toBeNull();
    expect(performanceTier('leadTime', Number.NaN)).toBeNull();
  });
});

describe('performanceTier 2023 and 2021', () => {
  it('2023 failure rate: 5 / 10 / 15 / 64 %', () => {
    expect(tier('failureRate', 0.05, 2023)).toBe('elite');
    expect(tier('failureRate', 0.1, 2023)).toBe('high');
    expect(tier('failureRate', 0.15, 2023)).toBe('medium');
    expect(tier('failureRate', 0.16, 2023)).toBe('low');
    expect(beyond('failureRate', 0.64, 2023)).toBe(false);
    expect(beyond('failureRate', 0.65, 2023)).toBe(true);
  });

  it('2023 recovery: medium ≤ 1 week, low ≤ 6 months', () => {
    expect(tier('recovery', WEEK, 2023)).toBe('medium');
    expect(tier('recovery', WEEK + 1, 2023)).toBe('low');
  });

  it('2023 frequency: Low has Medium’s band, so below monthly is low beyond the bands', () => {
    expect(tier('frequency', DAY / MONTH, 2023)).toBe('medium');
    expect(tier('frequency', DAY / MONTH - 1e-9, 2023)).toBe('low');
    expect(beyond('frequency', DAY / MONTH - 1e-9, 2023)).toBe(true);
  });

  it('2021 lead time: elite < 1 h; the 1 h – 1 day gap resolves to High; 1 week – 1 month to Medium', () => {
    expect(tier('leadTime', HOUR - 1, 2021)).toBe('elite');
    expect(tier('leadTime', HOUR, 2021)).toBe('high');
    expect(tier('leadTime', 8 * DAY, 2021)).toBe('medium');
    expect(tier('leadTime', SIX_MONTHS + 1, 2021)).toBe('low');
    expect(beyond('leadTime', SIX_MONTHS + 1, 2021)).toBe(false); // 2021 Low is "more than six months"
  });

  it('2021 frequency: High is "between once per week and once per month", so weekly is High', () => {
    expect(tier('frequency', 1 / 7, 2021)).toBe('high');
    expect(tier('frequency', DAY / MONTH, 2021)).toBe('high');
    expect(tier('frequency', DAY / SIX_MONTHS, 2021)).toBe('medium');
    expect(tier('frequency', 0, 2021)).toBe('low');
  });

  it('2021 failure rate: 0–15 % elite, 16–30 % high (shared by the rest), above 30 % low beyond the bands', () => {
    expect(tier('failureRate', 0.15, 2021)).toBe('elite');
    expect(tier('failureRate', 0.155, 2021)).toBe('high');
    expect(tier('failureRate', 0.3, 2021)).toBe('high');
    expect(beyond('failureRate', 0.31, 2021)).toBe(true);
  });
});
