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
  const rows = keptRows(d.project, projects, d.environment, environments);
  const deployments = rows.length;
  // The selected projects' releases, and any other a kept deployment names (never in Octopus's data, but
  // then the figures must still be those of the whole history). Releases nothing deploys here still count:
  // a deployment's lead time starts at the oldest release of its channel it brings to the environment.
  const keep = new Uint8Array(r.length);
  if (selection.projects === undefined) keep.fill(1);
  else {
    const top = projects.length - 1;
    for (let i = 0; i < r.length; i++) {
      const p = r.project[i] + 1;
      keep[i] = projects[p < 0 || p > top ? 0 : p];
    }
  }
  const release = d.release;
  for (let k = 0; k < deployments; k++) {
    const rel = release[rows[k]];
    if (rel >= 0 && rel < r.length) keep[rel] = 1;
  }
  const releaseAt = new Int32Array(r.length).fill(-1);
  let releases = 0;
  for (let i = 0; i < r.length; i++) if (keep[i]) releaseAt[i] = releases++;

  // Every release kept (a part by environment): the part shares the history's release columns, read-only
  // like all of a History (references keep their numbers: `releaseAt` is then the identity).
  const outR = releases === r.length ? r : copyReleases(r, releaseAt, releases);
  const outD = deploymentColumns(deployments);
  // Column by column over the kept rows: short loops the JIT optimises at once (a panel opens on code
  // not optimised yet), each reading one column.
  gatherUint32(outD.id, d.id, rows);
  gatherInt32(outD.project, d.project, rows);
  gatherInt32(outD.environment, d.environment, rows);
  gatherInt32(outD.channel, d.channel, rows);
  gatherInt32(outD.tenant, d.tenant, rows);
  gatherUint8(outD.state, d.state, rows);
  gatherUint8(outD.guidedFailure, d.guidedFailure, rows);
  gatherFloat64(outD.created, d.created, rows);
  gatherFloat64(outD.queued, d.queued, rows);
  gatherFloat64(outD.started, d.started, rows);
  gatherFloat64(outD.completed, d.completed, rows);
  for (let k = 0; k < deployments; k++) {
    const rel = release[rows[k]];
    outD.release[k] = rel >= 0 && rel < r.length ? releaseAt[rel] : -1;
  }
  return { deployments: outD, releases: outR, dims: history.dims };
}

/**
 * The rows whose project and environment are members (membership tables shifted by one, so that a
 * reference of -1, or one past the dimensions, reads 0), in order: one pass to count, one to fill.
 */
function keptRows(project: Int32Array, projects: Uint8Array, environment: Int32Array, environments: Uint8Array): Uint32Array {
  const n = project.length;
  const pTop = projects.length - 1;
  const eTop = environments.length - 1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const p = project[i] + 1;
    const e = environment[i] + 1;
    count += projects[p < 0 || p > pTop ? 0 : p] & environments[e < 0 || e > eTop ? 0 : e];
  }
  const rows = new Uint32Array(count);
  for (let i = 0, k = 0; k < count; i++) {
    const p = project[i] + 1;
    const e = environment[i] + 1;
    if (projects[p < 0 || p > pTop ? 0 : p] & environments[e < 0 || e > eTop ? 0 : e]) rows[k++] = i;
  }
  return rows;
}

// One per column type, so each loop's element access stays monomorphic.
function gatherInt32(out: Int32Array, column: Int32Array, rows: Uint32Array): void {
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]];
}
function gatherUint32(out: Uint32Array, column: Uint32Array, rows: Uint32Array): void {
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]];
}
function gatherUint8(out: Uint8Array, column: Uint8Array, rows: Uint32Array): void {
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]];
}
function gatherFloat64(out: Float64Array, column: Float64Array, rows: Uint32Array): void {
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]];
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

/**
 * A membership table shifted by one, slot 0 for a reference of -1 or out of range: a member only when
 * `indices` is absent (then everything is).
 */
function membership(indices: readonly number[] | undefined, size: number): Uint8Array {
  const member = new Uint8Array(size + 1);
  if (indices === undefined) member.fill(1);
  else for (const i of indices) if (i >= 0 && i < size) member[i + 1] = 1;
  return member;
}
