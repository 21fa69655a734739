import { DAY_MS, HOUR_MS, MONTH_MS, SIX_MONTHS_MS, WEEK_MS } from './constants';
import type { DoraMetric, TierName, TierYear } from './types';

/**
 * One tier's bound on a metric. Lower-is-better metrics (lead time, failure rate, recovery) have an upper
 * bound, deployment frequency (successful deployments per day) a lower bound. `strict` means the survey said
 * "less than" (`<`); otherwise the bound is inclusive ("between a and b" includes b, a point value includes
 * itself).
 */
export interface TierBound {
  tier: TierName;
  bound: number;
  strict: boolean;
  /** The survey / report wording the bound comes from. */
  text: string;
}

/** Bounds per metric, best tier first. */
export type TierTable = Record<DoraMetric, readonly TierBound[]>;

const b = (tier: TierName, bound: number, strict: boolean, text: string): TierBound => ({ tier, bound, strict, text });
const PER_DAY = 1;
const PER_WEEK = DAY_MS / WEEK_MS;
const PER_MONTH = DAY_MS / MONTH_MS;
const PER_SIX_MONTHS = DAY_MS / SIX_MONTHS_MS;

/**
 * The DORA performance-cluster tables, as data (docs/dora-landscape.md §2).
 *
 * Units: frequency in successful deployments per day (a week is 7 days, a month 365.25/12 days, six months six
 * of those); lead time and recovery in milliseconds; failure rate as a fraction.
 *
 * The reports' bands are survey answers, not a partition: they leave gaps and overlap, and since 2023 the
 * failure rate is a typical value per cluster (non-monotonic in 2024: High 20 %, Medium 10 %). We resolve
 * this one way for every metric and year: only each band's bound towards the worse side is kept, and a
 * value gets the **best tier whose bound it meets**; a value that meets none is `low` (flagged
 * `beyondLowestBand`). So a better value never gets a worse tier, gaps fall to the next tier that contains
 * them, and a tier whose bound is not worse than a better tier's is unreachable (2024: Medium failure rate
 * and Medium recovery; 2023: Low frequency and Low lead time; 2021: Medium and Low failure rate).
 */
export const DORA_TIERS: Record<TierYear, TierTable> = {
  /**
   * Accelerate State of DevOps 2024, via OctopusDeploy/blog blog/2024-10/2024-devops-performance-clusters
   * (docs/dora-landscape.md §2.4). Elite 19 %, High 22 %, Medium 35 %, Low 25 % of respondents.
   */
  2024: {
    frequency: [
      b('elite', PER_DAY, false, 'On demand (multiple deploys per day)'),
      b('high', PER_WEEK, false, 'Between once per day and once per week'),
      b('medium', PER_MONTH, false, 'Between once per week and once per month'),
      b('low', PER_SIX_MONTHS, false, 'Between once per month and once every six months'),
    ],
    leadTime: [
      b('elite', DAY_MS, true, 'Less than a day'),
      b('high', WEEK_MS, false, '1 day to 1 week'),
      b('medium', MONTH_MS, false, '1 week to 1 month'),
      b('low', SIX_MONTHS_MS, false, '1 to 6 months'),
    ],
    failureRate: [
      b('elite', 0.05, false, '5%'),
      b('high', 0.2, false, '20%'),
      b('medium', 0.1, false, '10% (better than High: unreachable)'),
      b('low', 0.4, false, '40%'),
    ],
    recovery: [
      b('elite', HOUR_MS, true, 'Less than an hour'),
      b('high', DAY_MS, true, 'Less than a day'),
      b('medium', DAY_MS, true, 'Less than a day (same as High: unreachable)'),
      b('low', MONTH_MS, false, '1 week to 1 month'),
    ],
  },
  /**
   * Accelerate State of DevOps 2023: Elite row confirmed by the dora.dev 2023 infographic; full table from
   * OctopusDeploy/blog blog/2023-10/software-delivery-performance-clusters-2023 (docs/dora-landscape.md §2.3).
   * Recovery is "failed deployment recovery time" from 2023 on.
   */
  2023: {
    frequency: [
      b('elite', PER_DAY, false, 'On demand'),
      b('high', PER_WEEK, false, 'Between once per day and once per week'),
      b('medium', PER_MONTH, false, 'Between once per week and once per month'),
      b('low', PER_MONTH, false, 'Between once per week and once per month (same as Medium: unreachable)'),
    ],
    leadTime: [
      b('elite', DAY_MS, true, 'Less than one day'),
      b('high', WEEK_MS, false, 'Between one day and one week'),
      b('medium', MONTH_MS, false, 'Between one week and one month'),
      b('low', MONTH_MS, false, 'Between one week and one month (same as Medium: unreachable)'),
    ],
    failureRate: [
      b('elite', 0.05, false, '5%'),
      b('high', 0.1, false, '10%'),
      b('medium', 0.15, false, '15%'),
      b('low', 0.64, false, '64%'),
    ],
    recovery: [
      b('elite', HOUR_MS, true, 'Less than one hour'),
      b('high', DAY_MS, true, 'Less than one day'),
      b('medium', WEEK_MS, false, 'Between one day and one week'),
      b('low', SIX_MONTHS_MS, false, 'Between one month and six months'),
    ],
  },
  /** Accelerate State of DevOps 2021, p. 9 (docs/dora-landscape.md §2.1). Recovery is "time to restore service". */
  2021: {
    frequency: [
      b('elite', PER_DAY, false, 'On-demand (multiple deploys per day)'),
      b('high', PER_MONTH, false, 'Between once per week and once per month'),
      b('medium', PER_SIX_MONTHS, false, 'Between once per month and once every 6 months'),
      b('low', 0, false, 'Fewer than once per six months'),
    ],
    leadTime: [
      b('elite', HOUR_MS, true, 'Less than one hour'),
      b('high', WEEK_MS, false, 'Between one day and one week'),
      b('medium', SIX_MONTHS_MS, false, 'Between one month and six months'),
      b('low', Number.POSITIVE_INFINITY, false, 'More than six months'),
    ],
    failureRate: [
      b('elite', 0.15, false, '0%-15%'),
      b('high', 0.3, false, '16%-30%'),
      b('medium', 0.3, false, '16%-30% (same as High: unreachable)'),
      b('low', 0.3, false, '16%-30% (same as High: unreachable)'),
    ],
    recovery: [
      b('elite', HOUR_MS, true, 'Less than one hour'),
      b('high', DAY_MS, true, 'Less than one day'),
      b('medium', WEEK_MS, false, 'Between one day and one week'),
      b('low', Number.POSITIVE_INFINITY, false, 'More than six months'),
    ],
  },
};
