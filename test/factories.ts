/**
 * The only way tests build metric inputs: readable rows with names and ISO dates in, a columnar
 * {@link History} out. Dimensions are created from the names the rows use, in order of first appearance.
 */
import { type History, TASK_STATE_NAMES, type TaskStateName } from '../lib/metrics/facts';
import { deploymentColumns, releaseColumns } from '../lib/metrics/facts-columns';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** ISO 8601 (with zone) → UTC ms. Throws on a typo so a bad fixture cannot pass silently. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`factories: bad date ${iso}`);
  return ms;
}

export interface ReleaseRow {
  version: string;
  /** ISO date of `Assembled` (creation). */
  assembled: string;
  project?: string;
  channel?: string;
  /** Unresolved defect (prevent progression). */
  blocked?: boolean;
  /** N of `Releases-N`; default: position + 1. */
  id?: number;
}

export interface DeploymentRow {
  environment: string;
  /** Version of a release row of the same project and channel. */
  release: string;
  project?: string;
  channel?: string;
  tenant?: string;
  /** Default `Success` when completed, else `Executing`. */
  state?: TaskStateName;
  guidedFailure?: boolean;
  /** ISO completion time; `null` = not finished. */
  completed: string | null;
  /** Default: 5 minutes before completion (NaN when unfinished and not given). */
  started?: string | null;
  /** Default: 1 minute before start. */
  queued?: string;
  /** Default: the queue time. */
  created?: string;
  /** N of `Deployments-N`; default: position + 1. */
  id?: number;
}

export interface HistoryRows {
  releases: ReleaseRow[];
  deployments: DeploymentRow[];
  /** Fix the environment order (and `sortOrder`); others are appended as they appear. */
  environments?: string[];
  /** Projects with their group (default group "Default Project Group"). */
  projects?: { name: string; group?: string }[];
  /** Tenants with tags (`"Tag Set/Tag"`); others are created untagged as they appear. */
  tenants?: { name: string; tags?: string[] }[];
}

class Names {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  get(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(name);
      this.index.set(name, i);
    }
    return i;
  }
}

/**
 * Builds a {@link History} from readable rows.
 *
 * @example
 * historyFrom({
 *   releases: [{ version: '1.0', assembled: '2024-01-01T09:00:00Z' }],
 *   deployments: [{ environment: 'Production', release: '1.0', completed: '2024-01-01T10:00:00Z' }],
 * })
 */
export function historyFrom(rows: HistoryRows): History {
  const groups = new Names();
  const projects = new Names();
  const projectGroup = new Map<number, number>();
  const environments = new Names();
  const tenants = new Names();
  const tenantTags = new Map<number, string[]>();
  const channels = new Names(); // key: project index + '\u0000' + channel name
  groups.get('Default Project Group');
  for (const p of rows.projects ?? []) projectGroup.set(projects.get(p.name), groups.get(p.group ?? 'Default Project Group'));
  for (const e of rows.environments ?? []) environments.get(e);
  for (const t of rows.tenants ?? []) tenantTags.set(tenants.get(t.name), t.tags ?? []);
  const channelOf = (project: string, channel: string) => channels.get(`${projects.get(project)}\u0000${channel}`);

  const nr = rows.releases.length;
  const releaseIndex = new Map<string, number>();
  const releases = releaseColumns(nr);
  rows.releases.forEach((r, k) => {
    const project = r.project ?? 'Web';
    const channel = r.channel ?? 'Default';
    releases.id[k] = r.id ?? k + 1;
    releases.project[k] = projects.get(project);
    releases.channel[k] = channelOf(project, channel);
    releases.version[k] = r.version;
    releases.assembled[k] = at(r.assembled);
    releases.blocked[k] = r.blocked ? 1 : 0;
    releaseIndex.set(`${project}\u0000${channel}\u0000${r.version}`, k);
  });

  const n = rows.deployments.length;
  const deployments = deploymentColumns(n);
  rows.deployments.forEach((row, k) => {
    const project = row.project ?? 'Web';
    const channel = row.channel ?? 'Default';
    const release = releaseIndex.get(`${project}\u0000${channel}\u0000${row.release}`);
    if (release === undefined) throw new Error(`factories: no release ${project} ${channel} ${row.release}`);
    const completed = row.completed === null ? Number.NaN : at(row.completed);
    const started =
      row.started === null ? Number.NaN : row.started !== undefined ? at(row.started) : completed - 5 * MINUTE;
    const queued = row.queued !== undefined ? at(row.queued) : started - MINUTE;
    const state = row.state ?? (row.completed === null ? 'Executing' : 'Success');
    deployments.id[k] = row.id ?? k + 1;
    deployments.project[k] = projects.get(project);
    deployments.environment[k] = environments.get(row.environment);
    deployments.channel[k] = channelOf(project, channel);
    deployments.tenant[k] = row.tenant === undefined ? -1 : tenants.get(row.tenant);
    deployments.release[k] = release;
    deployments.state[k] = TASK_STATE_NAMES.indexOf(state);
    deployments.guidedFailure[k] = row.guidedFailure ? 1 : 0;
    deployments.completed[k] = completed;
    deployments.started[k] = started;
    deployments.queued[k] = queued;
    deployments.created[k] = row.created !== undefined ? at(row.created) : queued;
  });

  const projectNames = projects.list;
  return {
    deployments,
    releases,
    dims: {
      projectGroups: groups.list.map((name, i) => ({ id: `ProjectGroups-${i + 1}`, name })),
      projects: projectNames.map((name, i) => ({
        id: `Projects-${i + 1}`,
        name,
        slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        group: projectGroup.get(i) ?? 0,
        lifecycle: 0,
        tenantedMode: 'TenantedOrUntenanted' as const,
      })),
      environments: environments.list.map((name, i) => ({ id: `Environments-${i + 1}`, name, sortOrder: i })),
      channels: channels.list.map((key, i) => {
        const [project, name] = key.split('\u0000');
        return { id: `Channels-${i + 1}`, name, project: Number(project), lifecycle: -1, isDefault: name === 'Default' };
      }),
      tenants: tenants.list.map((name, i) => ({ id: `Tenants-${i + 1}`, name, tags: tenantTags.get(i) ?? [] })),
      lifecycles: [{ id: 'Lifecycles-1', name: 'Default Lifecycle', phases: [] }],
    },
  };
}

/** Index of a named dimension value; throws when absent. */
export function indexOf(list: readonly { name: string }[], name: string): number {
  const i = list.findIndex((x) => x.name === name);
  if (i < 0) throw new Error(`factories: no ${name}`);
  return i;
}

/** Index of the deployment with `Deployments-<id>`. */
export function deploymentIndex(history: History, id: number): number {
  const i = history.deployments.id.indexOf(id);
  if (i < 0) throw new Error(`factories: no Deployments-${id}`);
  return i;
}

/** A deep copy to compare against after a call, proving the input was not mutated. */
export function snapshot(history: History): History {
  return structuredClone(history);
}
