import { DORA_TIERS } from './dora-tiers';
import type { DoraMetric, TierName, TierYear } from './types';

/**
 * The DORA performance tier of one measured value: the best tier of the year's table whose bound the value
 * meets (frequency: `value ≥ bound`; lead time, failure rate, recovery: `value < bound` for "less than"
 * bands, `value ≤ bound` otherwise), else `low` with `beyondLowestBand`. See {@link DORA_TIERS} for the
 * tables, their sources and how gaps and overlaps resolve. `null` for a missing value.
 *
 * Units: frequency in successful deployments per day; lead time and recovery in ms; failure rate a fraction.
 *
 * @example
 * performanceTier('leadTime', 23 * 3_600_000, 2024)
 * //=> { tier: 'elite', beyondLowestBand: false }
 * performanceTier('failureRate', 0.15, 2024) // High's 20 % is met, Medium's 10 % is better than High's
 * //=> { tier: 'high', beyondLowestBand: false }
 */
export function performanceTier(
  metric: DoraMetric,
  value: number | null,
  year: TierYear = 2024,
): { tier: TierName; beyondLowestBand: boolean } | null {
  if (value === null || Number.isNaN(value)) return null;
  for (const band of DORA_TIERS[year][metric]) {
    const meets =
      metric === 'frequency' ? value >= band.bound : band.strict ? value < band.bound : value <= band.bound;
    if (meets) return { tier: band.tier, beyondLowestBand: false };
  }
  return { tier: 'low', beyondLowestBand: true };
}
