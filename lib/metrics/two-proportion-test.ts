import { normalCdf } from './normal-cdf';
import { Z95 } from './wilson-interval';

export interface ProportionChange {
  before: { x: number; n: number };
  after: { x: number; n: number };
  /** after − before, as a fraction (0.05 = five percentage points). */
  difference: number;
  /** 95 % interval of the difference (normal approximation, unpooled). */
  interval: { lower: number; upper: number };
  z: number;
  /** Two-sided. */
  pValue: number;
  /** At the 5 % level. */
  significant: boolean;
}

/**
 * Whether a rate (deployment failure rate, rework rate) changed beyond noise between two periods: the
 * two-sided two-proportion z test, with the pooled proportion p̄ = (x₁ + x₂)/(n₁ + n₂),
 * `z = (p̂₂ − p̂₁) / √(p̄(1 − p̄)(1/n₁ + 1/n₂))`. `null` — "not enough data" — when the normal approximation
 * does not hold: fewer than 5 successes or 5 failures expected in either period (n·p̄ and n·(1 − p̄)), the
 * textbook condition.
 *
 * @example
 * twoProportionTest(140, 200, 255, 340) // 70 % vs 75 %
 * //=> { difference: 0.05, z: 1.2660, pValue: 0.2055, significant: false, … }
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): ProportionChange | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  for (const n of [n1, n2]) if (n * pooled < 5 || n * (1 - pooled) < 5) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const z = (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  const half = Z95 * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return {
    before: { x: x1, n: n1 },
    after: { x: x2, n: n2 },
    difference: p2 - p1,
    interval: { lower: p2 - p1 - half, upper: p2 - p1 + half },
    z,
    pValue,
    significant: pValue < 0.05,
  };
}
