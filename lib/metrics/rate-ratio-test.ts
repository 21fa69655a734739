import { normalCdf } from './normal-cdf';

export interface RateChange {
  before: { count: number; days: number };
  after: { count: number; days: number };
  /** after rate ÷ before rate (events per day). */
  ratio: number;
  /** Two-sided. */
  pValue: number;
  significant: boolean;
}

/**
 * Whether a count over time (deployment frequency) changed beyond noise between two periods of possibly
 * different lengths: conditional on the total x₁ + x₂, x₂ is binomial with p₀ = t₂/(t₁ + t₂) if the rate is
 * unchanged (the classic comparison of two Poisson rates). Tested with the normal approximation and a
 * continuity correction; `null` — "not enough data" — under 10 events in all or an expected count under 5 on
 * either side.
 *
 * @example
 * rateRatioTest(36, 91, 114, 91) // 36 vs 114 deployments in two 91-day periods
 * //=> { ratio: 3.1667, pValue: ~1.9e-10, significant: true, … }
 */
export function rateRatioTest(x1: number, days1: number, x2: number, days2: number): RateChange | null {
  const total = x1 + x2;
  if (days1 <= 0 || days2 <= 0 || total < 10) return null;
  const p0 = days2 / (days1 + days2);
  if (total * p0 < 5 || total * (1 - p0) < 5) return null;
  const sd = Math.sqrt(total * p0 * (1 - p0));
  const deviation = Math.max(0, Math.abs(x2 - total * p0) - 0.5);
  const pValue = Math.min(1, 2 * (1 - normalCdf(deviation / sd)));
  return {
    before: { count: x1, days: days1 },
    after: { count: x2, days: days2 },
    ratio: x1 === 0 ? Number.POSITIVE_INFINITY : x2 / days2 / (x1 / days1),
    pValue,
    significant: pValue < 0.05,
  };
}
