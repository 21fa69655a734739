/** How big each scale is. Deployment targets are approximate: cadences are calibrated, outcomes random. */

export type ScaleName = 'tiny' | 'demo' | 'large' | 'huge';

export interface SpacePlan {
  projects: number;
  /** Share of the installation's deployments. */
  share: number;
  tenants: number;
}

export interface Scale {
  name: ScaleName;
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
      { projects: 5, share: 0.8, tenants: 4 },
      { projects: 2, share: 0.15, tenants: 0 },
      { projects: 1, share: 0.05, tenants: 0 },
      { projects: 1, share: 0, tenants: 0 },
    ],
    rare: 6,
  },
  demo: {
    name: 'demo',
    targetDeployments: 5000,
    days: 365,
    spaces: [
      { projects: 18, share: 0.78, tenants: 8 },
      { projects: 6, share: 0.15, tenants: 0 },
      { projects: 4, share: 0.07, tenants: 0 },
      { projects: 1, share: 0, tenants: 0 },
    ],
    rare: 2,
  },
  large: {
    name: 'large',
    targetDeployments: 100_000,
    days: 730,
    spaces: [
      { projects: 90, share: 0.78, tenants: 20 },
      { projects: 24, share: 0.15, tenants: 0 },
      { projects: 12, share: 0.07, tenants: 0 },
      { projects: 2, share: 0, tenants: 0 },
    ],
    rare: 1,
  },
  huge: {
    name: 'huge',
    targetDeployments: 1_000_000,
    days: 1095,
    spaces: [
      { projects: 420, share: 0.78, tenants: 40 },
      { projects: 90, share: 0.15, tenants: 0 },
      { projects: 40, share: 0.07, tenants: 0 },
      { projects: 3, share: 0, tenants: 0 },
    ],
    rare: 1,
  },
};

export const isScaleName = (name: string): name is ScaleName => Object.hasOwn(SCALES, name);
