/**
 * How big each scale is. Deployment counts are approximate: cadences are calibrated, outcomes random.
 *
 * A space's projects get their cadence one of two ways:
 * - **budget** (no `cadence`): the space gets `share` of the scale's `targetDeployments`, spread over its
 *   projects by random (log-normal) weights; each project's release rate is calibrated to its part.
 * - **cadence tiers** (`cadence`): each project is given a Production rate by its tier — a few *elite*
 *   projects deploy to Production several times a day (since a few months; about weekly before), a few
 *   deploy *rarely* (about monthly), the rest about *weekly* — and the release rate is calibrated to it.
 *   The deployment count follows from the tiers (which are tuned so the scale lands near its target);
 *   `share` only says whether the space deploys at all (0 = never).
 */

export type ScaleName = 'tiny' | 'demo' | 'large' | 'huge';

export type Tier = 'elite' | 'weekly' | 'rare';

export interface SpacePlan {
  projects: number;
  /** Share of the installation's deployments (budget spaces); 0 = the space never deploys. */
  share: number;
  tenants: number;
  /** How many of the space's project group names to use (names.ts `PROJECT_GROUPS`). */
  groups: number;
  /** Cadence tiers: how many projects are elite and how many rare; the others are weekly. */
  cadence?: { elite: number; rare: number };
}

export interface TierCadence {
  /** Successful Production deployments per day (a 7-day week), drawn uniformly from this range. */
  productionPerDay: [number, number];
  /**
   * A pipeline: after a successful deployment to stage k, the release (or a newer one proven there) is
   * promoted to stage k + 1 with probability `promote[k]`, after a delay with median `delayMinutes[k]`
   * (moved into working hours). The last entry repeats for longer lifecycles.
   */
  promote: number[];
  delayMinutes: number[];
  /**
   * The project got faster `sinceDays` ago (uniform in the range); before, it shipped `earlier` times as
   * often (uniform in the range). Staggered per project, so the installation's activity ramps up.
   */
  speedUp?: { sinceDays: [number, number]; earlier: [number, number] };
}

/**
 * The tiers' cadences. Elite projects promote nearly every release within the hour (continuous
 * delivery) and got there three to four months ago (about weekly before); weekly ones promote most
 * releases over a few days and have sped up a little over the last months; rare ones hold releases longer.
 */
export const TIER_CADENCES: Record<Tier, TierCadence> = {
  elite: {
    productionPerDay: [1.2, 1.6],
    promote: [0.97, 0.97, 0.95],
    delayMinutes: [12, 20, 30],
    speedUp: { sinceDays: [95, 115], earlier: [0.1, 0.1] },
  },
  weekly: {
    productionPerDay: [0.065, 0.15],
    promote: [0.95, 0.93, 0.9],
    delayMinutes: [120, 600, 1500],
    speedUp: { sinceDays: [90, 150], earlier: [0.4, 0.7] },
  },
  rare: { productionPerDay: [0.015, 0.03], promote: [0.85, 0.75, 0.7], delayMinutes: [600, 2880, 5760] },
};

/** Budget spaces' promotion occasions per day, relative to the release rate, for stage 1, 2, 3. */
export const BUDGET_OCCASION_FACTORS = [0.75, 0.4, 0.22];

export interface Scale {
  name: ScaleName;
  /** Budget spaces share it; for cadence-tier spaces it is what the tiers are tuned to give (and sizes tables). */
  targetDeployments: number;
  /** Length of the history, ending at `now`. */
  days: number;
  spaces: SpacePlan[];
  /**
   * Multiplies the probabilities of rare events (cancellations, time-outs, rollbacks, edits, defects) so
   * small histories still contain a few of each.
   */
  rare: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  tiny: {
    name: 'tiny',
    targetDeployments: 300,
    days: 45,
    spaces: [
      { projects: 5, share: 0.8, tenants: 4, groups: 5 },
      { projects: 2, share: 0.15, tenants: 0, groups: 3 },
      { projects: 1, share: 0.05, tenants: 0, groups: 2 },
      { projects: 1, share: 0, tenants: 0, groups: 1 },
    ],
    rare: 6,
  },
  demo: {
    name: 'demo',
    targetDeployments: 7000,
    days: 180,
    spaces: [
      { projects: 55, share: 1, tenants: 8, groups: 9, cadence: { elite: 4, rare: 7 } },
      { projects: 9, share: 1, tenants: 0, groups: 4, cadence: { elite: 0, rare: 3 } },
      { projects: 6, share: 1, tenants: 0, groups: 3, cadence: { elite: 0, rare: 1 } },
      { projects: 2, share: 0, tenants: 0, groups: 1 },
    ],
    rare: 2,
  },
  large: {
    name: 'large',
    targetDeployments: 100_000,
    days: 730,
    spaces: [
      { projects: 120, share: 0.78, tenants: 20, groups: 12 },
      { projects: 36, share: 0.15, tenants: 0, groups: 5 },
      { projects: 20, share: 0.07, tenants: 0, groups: 4 },
      { projects: 3, share: 0, tenants: 0, groups: 1 },
    ],
    rare: 1,
  },
  huge: {
    name: 'huge',
    targetDeployments: 1_000_000,
    days: 1095,
    spaces: [
      { projects: 420, share: 0.78, tenants: 40, groups: 5 },
      { projects: 90, share: 0.15, tenants: 0, groups: 3 },
      { projects: 40, share: 0.07, tenants: 0, groups: 2 },
      { projects: 3, share: 0, tenants: 0, groups: 1 },
    ],
    rare: 1,
  },
};

export const isScaleName = (name: string): name is ScaleName => Object.hasOwn(SCALES, name);
