import type { History, ReleaseFacts } from './facts';
import { deploymentColumns, releaseColumns } from './facts-columns';
import type { DeploymentFilter } from './types';

/** Which deployments a part of a history keeps: absent = every one. Indices into `History.dims`. */
export interface PartSelection {
  projects?: readonly number[];
  environments?: readonly number[];
}

/**
 * The part of a history a view's metrics depend on: the deployments of the selected projects in the
 * selected environments, and the releases of those projects, with the same dimensions. Every figure of a
 * deployment comes from its own stream (project + channel + environment + tenant) and its project's
 * releases (release order is per project + channel), so a view restricted to some projects or
 * environments prepares this instead of the whole space, as a database pushes a filter below its window
 * functions: a project's panel sorts and walks a few thousand rows rather than a million, a production
 * report a quarter of them. Rows keep their order; release references are renumbered into the part.
 *
 * @example
 * historyPart(history, { projects: [3] }).deployments.length //=> the number of deployments of project 3
 */
export function historyPart(history: History, selection: PartSelection): History {
  const d = history.deployments;
  const r = history.releases;
  const projects = membership(selection.projects, history.dims.projects.length);
  const environments = membership(selection.environments, history.dims.environments.length);
  const kept = (i: number) => (projects === undefined || projects[d.project[i]] === 1) && (environments === undefined || environments[d.environment[i]] === 1);
  // The selected projects' releases, and any other a kept deployment names (never in Octopus's data, but
  // then the figures must still be those of the whole history). Releases nothing deploys here still count:
  // a deployment's lead time starts at the oldest release of its channel it brings to the environment.
  const keep = new Uint8Array(r.length);
  for (let i = 0; i < r.length; i++) if (projects === undefined || projects[r.project[i]] === 1) keep[i] = 1;
  let deployments = 0;
  for (let i = 0; i < d.length; i++) {
    if (!kept(i)) continue;
    deployments++;
    if (d.release[i] >= 0 && d.release[i] < r.length) keep[d.release[i]] = 1;
  }
  const releaseAt = new Int32Array(r.length).fill(-1);
  let releases = 0;
  for (let i = 0; i < r.length; i++) if (keep[i]) releaseAt[i] = releases++;

  // Every release kept (a part by environment): the part shares the history's release columns, read-only
  // like all of a History (references keep their numbers: `releaseAt` is then the identity).
  const outR = releases === r.length ? r : copyReleases(r, releaseAt, releases);
  const outD = deploymentColumns(deployments);
  for (let i = 0, k = 0; i < d.length; i++) {
    if (!kept(i)) continue;
    outD.id[k] = d.id[i];
    outD.project[k] = d.project[i];
    outD.environment[k] = d.environment[i];
    outD.channel[k] = d.channel[i];
    outD.tenant[k] = d.tenant[i];
    outD.release[k] = d.release[i] >= 0 && d.release[i] < r.length ? releaseAt[d.release[i]] : -1;
    outD.state[k] = d.state[i];
    outD.guidedFailure[k] = d.guidedFailure[i];
    outD.created[k] = d.created[i];
    outD.queued[k] = d.queued[i];
    outD.started[k] = d.started[i];
    outD.completed[k] = d.completed[i];
    k++;
  }
  return { deployments: outD, releases: outR, dims: history.dims };
}

/** The releases `releaseAt` keeps (≥ 0), in their order. */
function copyReleases(r: ReleaseFacts, releaseAt: Int32Array, count: number): ReleaseFacts {
  const out = releaseColumns(count);
  for (let i = 0, k = 0; i < r.length; i++) {
    if (releaseAt[i] < 0) continue;
    out.id[k] = r.id[i];
    out.project[k] = r.project[i];
    out.channel[k] = r.channel[i];
    out.version[k] = r.version[i];
    out.assembled[k] = r.assembled[i];
    out.blocked[k] = r.blocked[i];
    k++;
  }
  return out;
}

/**
 * The part of a history that holds every deployment a filter can let through (a superset: the rest of the
 * filter still applies to it).
 *
 * @example
 * partFor({ environments: [2], environmentGroups: [{ name: 'Production', environments: [5] }] })
 * //=> { projects: undefined, environments: [2, 5] }
 */
export function partFor(filter: DeploymentFilter | undefined): PartSelection {
  if (!filter) return {};
  const groups = filter.environmentGroups;
  const environments = filter.environments || groups ? [...(filter.environments ?? []), ...(groups ?? []).flatMap((g) => g.environments)] : undefined;
  return { projects: filter.projects, environments };
}

/**
 * A project's part: every figure of a project is its own.
 *
 * @example
 * prepare(projectHistory(history, 3)) // what project 3's panel computes on
 */
export function projectHistory(history: History, project: number): History {
  return historyPart(history, { projects: [project] });
}

function membership(indices: readonly number[] | undefined, size: number): Uint8Array | undefined {
  if (indices === undefined) return undefined;
  const member = new Uint8Array(size);
  for (const i of indices) if (i >= 0 && i < size) member[i] = 1;
  return member;
}
