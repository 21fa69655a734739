import { describe, expect, it } from 'vitest';
import { logGamma } from '../../../lib/metrics/log-gamma';
import { mannKendall } from '../../../lib/metrics/mann-kendall';
import { medianInterval } from '../../../lib/metrics/median-interval';
import { normalCdf } from '../../../lib/metrics/normal-cdf';
import { quantileSorted } from '../../../lib/metrics/quantile-sorted';
import { summarizeSorted } from '../../../lib/metrics/summarize-sorted';
import { wilsonInterval } from '../../../lib/metrics/wilson-interval';

const range = (n: number) => Float64Array.from({ length: n }, (_, i) => i + 1);

describe('quantileSorted (type 7)', () => {
  it('interpolates between order statistics', () => {
    const x = Float64Array.of(1, 2, 3, 4);
    expect(quantileSorted(x, 0.5)).toBe(2.5); // h = 1.5 → 2 + 0.5 (3 - 2)
    expect(quantileSorted(x, 0.95)).toBeCloseTo(3.85, 12); // h = 2.85 → 3 + 0.85 (4 - 3)
    expect(quantileSorted(x, 0)).toBe(1);
    expect(quantileSorted(x, 1)).toBe(4);
    expect(quantileSorted(Float64Array.of(7), 0.95)).toBe(7);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNull();
  });
});

describe('summarizeSorted', () => {
  it('count, mean, median, p95, min, max, quartiles', () => {
    const s = summarizeSorted(Float64Array.of(10, 20, 30, 100));
    // mean 160 / 4 = 40; median h = 1.5 → 25; p95 h = 2.85 → 30 + 0.85 · 70 = 89.5; p25 h = 0.75 → 17.5; p75 h = 2.25 → 47.5
    expect(s).toMatchObject({ count: 4, mean: 40, median: 25, min: 10, max: 100 });
    expect(s.p95).toBeCloseTo(89.5, 10);
    expect(s.beyondOctopus.p25).toBeCloseTo(17.5, 10);
    expect(s.beyondOctopus.p75).toBeCloseTo(47.5, 10);
    expect(s.beyondOctopus.medianCi95).toBeNull();
  });

  it('n = 0 gives nulls, not a throw', () => {
    expect(summarizeSorted(new Float64Array(0))).toEqual({
      count: 0,
      mean: null,
      median: null,
      p95: null,
      min: null,
      max: null,
      beyondOctopus: { p25: null, p75: null, medianCi95: null },
    });
  });

  it('does not modify its input', () => {
    const x = Float64Array.of(1, 2, 3);
    summarizeSorted(x);
    expect([...x]).toEqual([1, 2, 3]);
  });
});

describe('medianInterval (distribution-free, binomial order statistics)', () => {
  it('n = 10: [x(2), x(9)], coverage 1 − 2 · P(B ≤ 1) = 1 − 2 · 11/1024', () => {
    expect(medianInterval(range(10))).toEqual({ lower: 2, upper: 9, coverage: 1 - 22 / 1024 });
  });

  it('n = 6: [x(1), x(6)], coverage 1 − 2/64; n = 5 cannot reach 95 % (P(B = 0) = 1/32 > 0.025)', () => {
    expect(medianInterval(range(6))).toEqual({ lower: 1, upper: 6, coverage: 1 - 2 / 64 });
    expect(medianInterval(range(5))).toBeNull();
    expect(medianInterval(new Float64Array(0))).toBeNull();
  });

  it('large n matches an exact integer computation of the binomial tail', () => {
    // Reference: largest l with Σ_{k<l} C(n, k) ≤ 0.025 · 2^n, in exact BigInt arithmetic.
    const reference = (n: number) => {
      const total = 2n ** BigInt(n);
      let c = 1n;
      let sum = 0n;
      let l = 0;
      for (let k = 0; k <= n / 2; k++) {
        sum += c;
        if (sum * 1000n > total * 25n) break;
        l = k + 1;
        c = (c * BigInt(n - k)) / BigInt(k + 1);
      }
      return l;
    };
    for (const n of [300, 1000, 4001]) {
      const l = reference(n);
      const ci = medianInterval(range(n));
      expect(ci?.lower).toBe(l);
      expect(ci?.upper).toBe(n + 1 - l);
    }
  });
});

describe('wilsonInterval', () => {
  it('0 of 12: upper = z² / (n + z²) = 3.8415 / 15.8415 = 0.24249', () => {
    const ci = wilsonInterval(0, 12);
    expect(ci?.lower).toBeCloseTo(0, 12);
    expect(ci?.upper).toBeCloseTo(0.242494, 6);
  });

  it('8 of 255 (Octopus API sample: Rate 0.03137): [0.01598, 0.06067]', () => {
    // p = 0.031373, z²/n = 0.015065, centre = (p + z²/2n) / (1 + z²/n) = 0.038905 / 1.015065 = 0.038327,
    // half = z / 1.015065 · √(p(1 − p)/n + z²/4n²) = 1.930890 · √(0.00011917 + 0.00001477) = 0.022347
    const ci = wilsonInterval(8, 255);
    expect(ci?.lower).toBeCloseTo(0.01598, 5);
    expect(ci?.upper).toBeCloseTo(0.06067, 5);
  });

  it('12 of 12: lower = n / (n + z²) = 12 / 15.8415 = 0.75751; 0 of 0: null', () => {
    const ci = wilsonInterval(12, 12);
    expect(ci?.lower).toBeCloseTo(0.757506, 6);
    expect(ci?.upper).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('normalCdf and logGamma', () => {
  it('Φ(0) = 0.5, Φ(1.96) = 0.975, Φ(−1) = 0.158655', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });

  it('ln Γ(11) = ln 10! = ln 3 628 800; ln Γ(½) = ln √π', () => {
    expect(logGamma(11)).toBeCloseTo(Math.log(3_628_800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });
});

describe('mannKendall', () => {
  it('a strictly increasing series: S = 45, Var = 10·9·25/18 = 125, Z = 44/√125 = 3.9355, p ≈ 8.3e-5', () => {
    const r = mannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], true);
    expect(r?.s).toBe(45);
    expect(r?.tau).toBe(1);
    expect(r?.z).toBeCloseTo(3.93548, 4);
    expect(r?.pValue).toBeCloseTo(8.303e-5, 6);
    expect(r?.trend).toBe('increasing');
    expect(r?.sentiment).toBe('good');
    expect(mannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], false)?.sentiment).toBe('bad');
  });

  it('ties: [1, 1, 2, 2]: S = 4, Var = (4·3·13 − 2·2·1·9)/18 = 120/18, Z = 3/√6.667 = 1.1619, p = 0.2453', () => {
    const r = mannKendall([1, 1, 2, 2], false);
    expect(r?.s).toBe(4);
    expect(r?.z).toBeCloseTo(1.161895, 5);
    expect(r?.pValue).toBeCloseTo(0.245278, 5);
    expect(r?.trend).toBe('none');
    expect(r?.sentiment).toBe('neutral');
  });

  it('fewer than 4 values: null', () => {
    expect(mannKendall([1, 2, 3], true)).toBeNull();
  });
});
