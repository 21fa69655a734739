import { describe, expect, it } from 'vitest';
import { poissonInterval } from '../../../lib/metrics/poisson-interval';

describe('poissonInterval (exact, Garwood)', () => {
  // Published 95 % limits for a Poisson count k (e.g. the tables in Ulm, Am. J. Epidemiol. 1990, and
  // R's poisson.test): k = 0: [0, 3.689]; 1: [0.0253, 5.572]; 5: [1.624, 11.668]; 10: [4.795, 18.390].
  it.each([
    [0, 0, 3.6889],
    [1, 0.0253, 5.5716],
    [5, 1.6235, 11.6683],
    [10, 4.7954, 18.3904],
  ])('k = %i: [%f, %f] per unit of exposure', (k, lower, upper) => {
    const ci = poissonInterval(k, 1)!;
    expect(ci.lower).toBeCloseTo(lower, 3);
    expect(ci.upper).toBeCloseTo(upper, 3);
  });

  it('divides by the exposure: 10 deployments in 5 days is 0.96–3.68 a day', () => {
    const ci = poissonInterval(10, 5)!;
    expect(ci.lower).toBeCloseTo(4.7954 / 5, 4);
    expect(ci.upper).toBeCloseTo(18.3904 / 5, 4);
  });

  it('the upper limit for no events is −ln(0.025) exactly', () => {
    expect(poissonInterval(0, 1)!.upper).toBeCloseTo(-Math.log(0.025), 10);
  });

  it('large counts land near the normal approximation', () => {
    const ci = poissonInterval(5000, 28)!;
    expect(ci.lower * 28).toBeGreaterThan(5000 - 1.96 * Math.sqrt(5000) - 2);
    expect(ci.upper * 28).toBeLessThan(5000 + 1.96 * Math.sqrt(5000) + 3);
  });

  it('no exposure, no interval', () => {
    expect(poissonInterval(3, 0)).toBeNull();
  });
});
