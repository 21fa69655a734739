import { Z95 } from './wilson-interval';

export interface RateDifference {
  /** after − before, events per unit of time (the unit of `t1` and `t2`). */
  difference: number;
  interval: { lower: number; upper: number };
  /** after ÷ before, with its interval; null when there were no events before (or after: no log). */
  ratio: { value: number; lower: number; upper: number } | null;
}

/**
 * How much a count over time (deployment frequency) moved between two periods, with intervals: the rate
 * difference `x₂/t₂ − x₁/t₁ ± z √(x₁/t₁² + x₂/t₂²)` and the rate ratio `exp(ln(RR) ± z √(1/x₁ + 1/x₂))` —
 * the normal approximations for Poisson counts (Rothman, *Epidemiology: An Introduction*, ch. 9). Pair it with
 * `rateRatioTest` for the p value. `null` when either period has no length.
 *
 * @example
 * // Rothman's worked example: 136 cancers in 22,050 person-years among the blind, 1,709 in 127,650 among the
 * // visually impaired; 90 % limits (z = 1.645): difference −7.2 per 1000 (−8.2 to −6.2), ratio 0.46 (0.40 to 0.53).
 * rateDifference(1709, 127650, 136, 22050, 1.645)
 * //=> { difference: -0.00722, interval: { lower: -0.00824, upper: -0.00620 }, ratio: { value: 0.4607, lower: 0.398, upper: 0.533 } }
 */
export function rateDifference(x1: number, t1: number, x2: number, t2: number, z = Z95): RateDifference | null {
  if (!(t1 > 0) || !(t2 > 0)) return null;
  const difference = x2 / t2 - x1 / t1;
  const half = z * Math.sqrt(x1 / (t1 * t1) + x2 / (t2 * t2));
  let ratio: RateDifference['ratio'] = null;
  if (x1 > 0 && x2 > 0) {
    const value = x2 / t2 / (x1 / t1);
    const spread = z * Math.sqrt(1 / x1 + 1 / x2);
    ratio = { value, lower: value * Math.exp(-spread), upper: value * Math.exp(spread) };
  }
  return { difference, interval: { lower: difference - half, upper: difference + half }, ratio };
}
