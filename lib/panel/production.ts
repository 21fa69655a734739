/**
 * "Production environments": each project's production environment — the last environment of its default
 * channel's lifecycle, the environment the project panel opens on — as one scope, shared by the popup's
 * summary (lib/summary) and the space report's default (lib/report), so both count the same deployments.
 * Pure: dimensions in.
 */
import type { Dimensions } from '@/lib/metrics/facts';
import type { DeploymentFilter } from '@/lib/metrics/types';
import { lifecycleEnvironments } from './project-view';

export interface ProductionTarget {
  project: number;
  /** The default channel whose lifecycle decided the environment (-1 when the project has no channel). */
  channel: number;
  environment: number;
}

/**
 * Each project's production environment: the last environment of its default channel's lifecycle (the
 * first channel by name when none is marked default). Projects whose lifecycle reaches no environment are
 * left out.
 *
 * @example
 * productionTargets(history.dims)
 * //=> [{ project: 0, channel: 1, environment: 3 }, { project: 1, channel: 2, environment: 4 }]
 */
export function productionTargets(dims: Dimensions): ProductionTarget[] {
  const targets: ProductionTarget[] = [];
  const channels = defaultChannels(dims);
  dims.projects.forEach((_, project) => {
    const channel = channels[project];
    const environments = lifecycleEnvironments(dims, project, channel);
    const environment = environments[environments.length - 1];
    if (environment !== undefined) targets.push({ project, channel, environment });
  });
  return targets;
}

/** Each project's default channel (-1: none), in one pass over the channels rather than one per project. */
function defaultChannels(dims: Dimensions): Int32Array {
  const best = new Int32Array(dims.projects.length).fill(-1);
  dims.channels.forEach((c, i) => {
    if (c.project < 0 || c.project >= best.length) return;
    const b = dims.channels[best[c.project]];
    if (!b || (c.isDefault && !b.isDefault) || (c.isDefault === b.isDefault && c.name.localeCompare(b.name) < 0)) best[c.project] = i;
  });
  return best;
}

/**
 * The deployments to each project's production environment, whatever their channel or tenant, as a filter:
 * the popup's scope, and the space report's default ("Production environments").
 *
 * @example
 * productionFilter(productionTargets(dims)) //=> { projectEnvironments: [{ project: 0, environment: 3 }, { project: 1, environment: 4 }] }
 */
export function productionFilter(targets: readonly ProductionTarget[]): DeploymentFilter {
  return { projectEnvironments: targets.map((t) => ({ project: t.project, environment: t.environment })) };
}

