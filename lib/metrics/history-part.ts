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
 * selected environments, and the releases their lead times can reach — every release of each project +
 * channel that a kept deployment's release belongs to, deployed here or not (a lead time starts at the
 * oldest release of its channel the stream has not received) —, with the same dimensions. Every figure of a
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
  const rows = keptRows(d.project, projects, d.environment, environments, selection.projects === undefined);
  const deployments = rows.length;
  const release = d.release;
  // The whole history keeps every release: the part then shares the history's release columns, read-only
  // like all of a History (references keep their numbers).
  const whole = selection.projects === undefined && selection.environments === undefined;
  const kept = whole ? null : reachableReleases(r, history.dims.channels.length, release, rows);
  const outR = kept ? copyReleases(r, kept) : r;
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
  if (kept) renumberReleases(outD.release, release, rows, kept, r.length);
  else for (let k = 0; k < deployments; k++) {
    const rel = release[rows[k]];
    outD.release[k] = rel >= 0 && rel < r.length ? rel : -1;
  }
  return { deployments: outD, releases: outR, dims: history.dims };
}

/**
 * Each kept row's release as its position in `kept` (ascending; it holds every release a kept row deploys),
 * -1 for none. The table by release is not filled: only the releases of `kept` are read from it.
 */
function renumberReleases(out: Int32Array, release: Int32Array, rows: Uint32Array, kept: Uint32Array, releases: number): void {
  const at = new Int32Array(releases);
  for (let k = 0; k < kept.length; k++) at[kept[k]] = k;
  for (let k = 0; k < rows.length; k++) {
    const rel = release[rows[k]];
    out[k] = rel >= 0 && rel < releases ? at[rel] : -1;
  }
}

/**
 * The releases of the (project, channel) groups of the releases `rows` deploy, ascending: the only ones the
 * stream walk of those rows reads (release order is per project + channel). A channel belongs to one
 * project, so a table by channel (`channels` of them) finds a group; a Set of pairs takes data that breaks
 * that rule or names a reference out of range.
 */
function reachableReleases(r: ReleaseFacts, channels: number, release: Int32Array, rows: Uint32Array): Uint32Array {
  const n = r.length;
  const { project, channel } = r;
  // 1 + the project of each channel a deployed release belongs to (0: none; slot 0 is "no channel"); any
  // other pair in `pairs`.
  const projectOf = new Int32Array(channels + 1);
  const pairs = new Set<string>();
  const pair = (i: number) => `${project[i]},${channel[i]}`;
  for (let k = 0; k < rows.length; k++) {
    const rel = release[rows[k]];
    if (rel < 0 || rel >= n) continue;
    const slot = channel[rel] + 1;
    const p = project[rel] + 1;
    if (slot < 0 || slot > channels || p <= 0) pairs.add(pair(rel));
    else if (projectOf[slot] === 0) projectOf[slot] = p;
    else if (projectOf[slot] !== p) pairs.add(pair(rel));
  }
  const kept = new Uint32Array(n);
  let count = 0;
  if (pairs.size === 0) {
    // The common case, with no Set to ask: a slot out of range, like a channel no kept row deploys, reads 0.
    for (let i = 0; i < n; i++) {
      const slot = channel[i] + 1;
      const want = (slot >>> 0) <= channels ? projectOf[slot] : 0;
      kept[count] = i;
      count += want !== 0 && want === project[i] + 1 ? 1 : 0;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const slot = channel[i] + 1;
      kept[count] = i;
      if (slot >= 0 && slot <= channels && projectOf[slot] !== 0 && projectOf[slot] === project[i] + 1) count++;
      else if (pairs.has(pair(i))) count++;
    }
  }
  return kept.subarray(0, count);
}

/**
 * The rows whose project and environment are members (membership tables shifted by one, so that a
 * reference of -1, or one past the dimensions, reads 0), in order: one pass into a buffer of every row's size
 * (temporary; a second pass to count first cost as much again).
 */
function keptRows(project: Int32Array, projects: Uint8Array, environment: Int32Array, environments: Uint8Array, everyProject: boolean): Uint32Array {
  const n = project.length;
  const pTop = projects.length - 1;
  const eTop = environments.length - 1;
  const rows = new Uint32Array(n);
  let count = 0;
  if (everyProject) {
    // An environments' part (the popup, a production report) reads one column, not two.
    for (let i = 0; i < n; i++) {
      const e = environment[i] + 1;
      if (environments[(e >>> 0) > eTop ? 0 : e] !== 0) rows[count++] = i;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const p = project[i] + 1;
      const e = environment[i] + 1;
      if ((projects[(p >>> 0) > pTop ? 0 : p] & environments[(e >>> 0) > eTop ? 0 : e]) !== 0) rows[count++] = i;
    }
  }
  return rows.subarray(0, count);
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

/** The releases `kept`, in their order. */
function copyReleases(r: ReleaseFacts, kept: Uint32Array): ReleaseFacts {
  const out = releaseColumns(kept.length);
  gatherUint32(out.id, r.id, kept);
  gatherInt32(out.project, r.project, kept);
  gatherInt32(out.channel, r.channel, kept);
  gatherFloat64(out.assembled, r.assembled, kept);
  gatherUint8(out.blocked, r.blocked, kept);
  for (let k = 0; k < kept.length; k++) out.version[k] = r.version[kept[k]];
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
