import { describe, expect, it } from 'vitest';
import { trendIndicator } from '../../../lib/metrics/trend-indicator';

describe("trendIndicator (Octopus's 28-day rule)", () => {
  it('none when either block has fewer than 10 deployments', () => {
    expect(trendIndicator('leadTime', 200, 100, 9, 50)).toMatchObject({ direction: 'none', reason: 'too-few-deployments' });
    expect(trendIndicator('leadTime', 200, 100, 50, 9)).toMatchObject({ direction: 'none', reason: 'too-few-deployments' });
    expect(trendIndicator('leadTime', 200, 100, 10, 10).direction).toBe('up');
  });

  it('steady under a 5 % change; exactly 5 % is a change', () => {
    // (104.9 − 100) / 100 = 0.049 → steady
    expect(trendIndicator('leadTime', 104.9, 100, 10, 10)).toMatchObject({ direction: 'steady', sentiment: 'neutral' });
    // (105 − 100) / 100 = 0.05 → up
    expect(trendIndicator('leadTime', 105, 100, 10, 10)).toMatchObject({ direction: 'up', change: 0.05 });
    // (95 − 100) / 100 = −0.05 → down
    expect(trendIndicator('leadTime', 95, 100, 10, 10)).toMatchObject({ direction: 'down', change: -0.05 });
  });

  it('sentiment: frequency up is good, every other metric up is bad', () => {
    expect(trendIndicator('frequency', 12, 10, 10, 10).sentiment).toBe('good');
    expect(trendIndicator('frequency', 8, 10, 10, 10).sentiment).toBe('bad');
    for (const metric of ['leadTime', 'failureRate', 'recovery', 'duration', 'queueTime'] as const) {
      expect(trendIndicator(metric, 12, 10, 10, 10).sentiment).toBe('bad');
      expect(trendIndicator(metric, 8, 10, 10, 10).sentiment).toBe('good');
    }
  });

  it('missing values and a zero previous value', () => {
    expect(trendIndicator('recovery', null, 10, 10, 10)).toMatchObject({ direction: 'none', reason: 'no-current-value' });
    expect(trendIndicator('recovery', 10, null, 10, 10)).toMatchObject({ direction: 'none', reason: 'no-previous-value' });
    expect(trendIndicator('failureRate', 0, 0, 10, 10)).toMatchObject({ direction: 'steady', change: 0 });
    expect(trendIndicator('failureRate', 0.1, 0, 10, 10)).toMatchObject({ direction: 'up', change: null, sentiment: 'bad' });
  });
});
