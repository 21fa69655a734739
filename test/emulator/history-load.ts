/**
 * Loads a history file (`--data`) into a store, validating it first. Problems are reported with their
 * JSON path (`Spaces[0].Deployments[12].EnvironmentId: …`) so a hand-made scenario is easy to fix.
 *
 * Hand-made files may be terse: catalog resources need only their ids, names and references (the rest
 * is filled with Octopus's defaults); `Users` may be left out (admin and restricted are then created).
 * Tasks still running at `Now` get a seeded plan for when and how they finish.
 */
import { readFileSync } from 'node:fs';
import { restrictedScope } from './generator/catalog';
import { slugify } from './generator/names';
import {
  type ChannelResource,
  type EnvironmentResource,
  HISTORY_FORMAT,
  HISTORY_VERSION,
  type HistoryUser,
  type LifecycleResource,
  type ProjectGroupResource,
  type ProjectResource,
  type SpaceResource,
  TASK_STATES,
  type TagSetResource,
  type TenantResource,
} from './history-file';
import { MINUTE, parseDate } from './octopus-time';
import { adminPermissionSet, restrictedPermissionSet } from './permissions';
import { hashString, Random } from './random';
import { guidanceCode, idNumberOf, InterruptionKind, isFinalState, State, Store, stateCode, TaskKind } from './store';
import { EMULATOR_USERS, userResource } from './users';

const MAX_PROBLEMS = 40;

export class HistoryFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(
      `${source} is not a valid emulator history file:\n  ${problems.join('\n  ')}${
        problems.length >= MAX_PROBLEMS ? '\n  … (more problems not shown)' : ''
      }`,
    );
  }
}

class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(`${path}: ${message}`);
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 60));

/** Typed reads of one JSON object, recording problems under its path. */
class Reader {
  constructor(
    readonly value: Json,
    readonly path: string,
    private readonly p: Problems,
  ) {}

  private at(name: string) {
    return `${this.path}.${name}`;
  }

  has(name: string): boolean {
    return this.value[name] !== undefined && this.value[name] !== null;
  }

  str(name: string): string {
    const v = this.value[name];
    if (typeof v !== 'string' || v === '') {
      this.p.add(this.at(name), `expected a non-empty string, got ${show(v)}`);
      return '';
    }
    return v;
  }

  optStr(name: string): string | null {
    const v = this.value[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      this.p.add(this.at(name), `expected a string or null, got ${show(v)}`);
      return null;
    }
    return v;
  }

  id(name: string, prefix: string): string {
    const v = this.str(name);
    if (v && idNumberOf(v, prefix) < 0) this.p.add(this.at(name), `expected an id like "${prefix}-1", got ${show(v)}`);
    return v;
  }

  optId(name: string, prefix: string): string | null {
    const v = this.optStr(name);
    if (v !== null && idNumberOf(v, prefix) < 0) this.p.add(this.at(name), `expected an id like "${prefix}-1" or null, got ${show(v)}`);
    return v;
  }

  date(name: string): number {
    const v = this.value[name];
    const ms = typeof v === 'string' ? parseDate(v) : Number.NaN;
    if (Number.isNaN(ms)) this.p.add(this.at(name), `expected a date like "2024-08-02T05:07:42.445+00:00", got ${show(v)}`);
    return ms;
  }

  optDate(name: string): number {
    return this.has(name) ? this.date(name) : Number.NaN;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.value[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') {
      this.p.add(this.at(name), `expected true or false, got ${show(v)}`);
      return fallback;
    }
    return v;
  }

  num(name: string, fallback: number): number {
    const v = this.value[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.p.add(this.at(name), `expected a number, got ${show(v)}`);
      return fallback;
    }
    return v;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
    const v = this.value[name];
    if ((v === undefined || v === null) && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || !allowed.includes(v as T)) {
      this.p.add(this.at(name), `expected one of ${allowed.join(', ')}, got ${show(v)}`);
      return fallback ?? allowed[0];
    }
    return v as T;
  }

  strings(name: string): string[] {
    const v = this.value[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      this.p.add(this.at(name), `expected an array of strings, got ${show(v)}`);
      return [];
    }
    return v as string[];
  }

  list(name: string, required = false): Reader[] {
    const v = this.value[name];
    if (v === undefined && !required) return [];
    if (!Array.isArray(v)) {
      this.p.add(this.at(name), `expected an array, got ${show(v)}`);
      return [];
    }
    const out: Reader[] = [];
    v.forEach((item, i) => {
      if (isObject(item)) out.push(new Reader(item, `${this.at(name)}[${i}]`, this.p));
      else this.p.add(`${this.at(name)}[${i}]`, `expected an object, got ${show(item)}`);
    });
    return out;
  }

  obj(name: string): Reader | undefined {
    const v = this.value[name];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) {
      this.p.add(this.at(name), `expected an object, got ${show(v)}`);
      return undefined;
    }
    return new Reader(v, this.at(name), this.p);
  }

  problem(name: string, message: string): void {
    this.p.add(name ? this.at(name) : this.path, message);
  }
}

/** Octopus's defaults for catalog fields a hand-made file leaves out; given fields win. */
function withDefaults<T>(defaults: T, given: Json): T {
  const merged = { ...defaults, ...given } as T & { Links: Record<string, string> };
  const defaultLinks = (defaults as { Links: Record<string, string> }).Links;
  const givenLinks = isObject(given.Links) ? (given.Links as Record<string, string>) : undefined;
  // Given links keep their order; defaults only fill the gaps.
  merged.Links = givenLinks
    ? { ...givenLinks, ...Object.fromEntries(Object.entries(defaultLinks).filter(([k]) => !(k in givenLinks))) }
    : defaultLinks;
  return merged;
}

export interface LoadOptions {
  /** Seeds the plans for tasks still running at `Now`. */
  seed?: number;
}

export function readHistoryFile(path: string, opts: LoadOptions = {}): Store {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HistoryFileError(path, [`cannot be read: ${(e as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new HistoryFileError(path, [`is not JSON: ${(e as Error).message}`]);
  }
  return storeFromHistory(json, opts, path);
}

export function loadHistory(json: unknown, opts: LoadOptions = {}): Store {
  return storeFromHistory(json, opts, 'history');
}

function storeFromHistory(json: unknown, opts: LoadOptions, source: string): Store {
  const p = new Problems();
  const fail = () => {
    if (p.list.length) throw new HistoryFileError(source, p.list);
  };
  if (!isObject(json)) throw new HistoryFileError(source, ['the top level must be a JSON object']);
  const root = new Reader(json, '$', p);
  if (json.Format !== HISTORY_FORMAT) root.problem('Format', `expected "${HISTORY_FORMAT}", got ${show(json.Format)}`);
  if (json.Version !== HISTORY_VERSION) root.problem('Version', `expected ${HISTORY_VERSION}, got ${show(json.Version)}`);
  const installationId = root.str('InstallationId');
  if (installationId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(installationId)) {
    root.problem('InstallationId', 'expected a GUID');
  }
  const now = root.date('Now');
  const spaces = root.list('Spaces', true);
  if (spaces.length === 0 && p.list.length === 0) root.problem('Spaces', 'expected at least one space');
  fail();

  const catalog = {
    spaces: [] as SpaceResource[],
    projectGroups: [] as ProjectGroupResource[],
    lifecycles: [] as LifecycleResource[],
    environments: [] as EnvironmentResource[],
    projects: [] as ProjectResource[],
    channels: [] as ChannelResource[],
    tagSets: [] as TagSetResource[],
    tenants: [] as TenantResource[],
  };
  const seen = new Set<string>();
  const unique = (r: Reader, id: string) => {
    if (!id) return;
    if (seen.has(id)) r.problem('Id', `duplicate id ${id}`);
    seen.add(id);
  };
  const inSpace = new Map<string, string>();
  const ref = (r: Reader, field: string, id: string | null, spaceId: string, what: string) => {
    if (id && inSpace.get(id) !== spaceId) r.problem(field, `"${id}" does not match any ${what} in ${spaceId}`);
  };

  // Catalog, space by space.
  spaces.forEach((sp) => {
    const space = sp.obj('Space');
    if (!space) {
      sp.problem('Space', 'missing');
      return;
    }
    const spaceId = space.id('Id', 'Spaces');
    unique(space, spaceId);
    const name = space.str('Name');
    catalog.spaces.push(
      withDefaults<SpaceResource>(
        {
          Id: spaceId,
          Name: name,
          Slug: slugify(name),
          Description: null,
          IsDefault: catalog.spaces.length === 0,
          IsPrivate: false,
          TaskQueueStopped: false,
          SpaceManagersTeams: [`teams-spacemanagers-${spaceId}`],
          SpaceManagersTeamMembers: [],
          Icon: null,
          ExtensionSettings: [],
          Links: {
            Self: `/api/spaces/${spaceId}`,
            SpaceHome: `/api/${spaceId}`,
            Web: `/app#/spaces/${spaceId}`,
            Logo: `/api/spaces/${spaceId}/logo`,
            Search: `/api/spaces/${spaceId}/search`,
          },
        },
        space.value,
      ),
    );
    const register = (r: Reader, prefix: string): string => {
      const id = r.id('Id', prefix);
      unique(r, id);
      if (id) inSpace.set(id, spaceId);
      const sid = r.optStr('SpaceId');
      if (sid !== null && sid !== spaceId) r.problem('SpaceId', `is ${sid} but the resource is listed under ${spaceId}`);
      return id;
    };
    for (const r of sp.list('Environments')) {
      const id = register(r, 'Environments');
      const envName = r.str('Name');
      catalog.environments.push(
        withDefaults<EnvironmentResource>(
          {
            Id: id,
            Name: envName,
            Slug: slugify(envName),
            Description: null,
            SortOrder: r.num('SortOrder', catalog.environments.length),
            UseGuidedFailure: r.bool('UseGuidedFailure', false),
            AllowDynamicInfrastructure: true,
            ExtensionSettings: [],
            SpaceId: spaceId,
            Links: {
              Self: `/api/${spaceId}/environments/${id}`,
              Web: `/app#/${spaceId}/infrastructure/environments/${id}`,
            },
          },
          r.value,
        ),
      );
    }
    for (const r of sp.list('ProjectGroups')) {
      const id = register(r, 'ProjectGroups');
      const groupName = r.str('Name');
      catalog.projectGroups.push(
        withDefaults<ProjectGroupResource>(
          {
            Id: id,
            Name: groupName,
            Slug: slugify(groupName),
            Description: null,
            EnvironmentIds: [],
            RetentionPolicyId: null,
            SpaceId: spaceId,
            Links: {
              Self: `/api/${spaceId}/projectgroups/${id}`,
              Projects: `/api/${spaceId}/projectgroups/${id}/projects{?skip,take}`,
            },
          },
          r.value,
        ),
      );
    }
    for (const r of sp.list('Lifecycles')) {
      const id = register(r, 'Lifecycles');
      const lcName = r.str('Name');
      const phases = r.list('Phases', true).map((ph) => {
        const auto = ph.strings('AutomaticDeploymentTargets');
        const optional = ph.strings('OptionalDeploymentTargets');
        for (const env of [...auto, ...optional]) {
          if (inSpace.get(env) !== spaceId) ph.problem('', `environment "${env}" does not exist in ${spaceId}`);
        }
        return {
          Id: ph.optStr('Id') ?? `${id}-phase-${ph.path.length}`,
          Name: ph.str('Name'),
          AutomaticDeploymentTargets: auto,
          OptionalDeploymentTargets: optional,
          MinimumEnvironmentsBeforePromotion: ph.num('MinimumEnvironmentsBeforePromotion', 0),
          IsOptionalPhase: ph.bool('IsOptionalPhase', false),
          IsPriorityPhase: ph.bool('IsPriorityPhase', false),
          ReleaseRetentionPolicy: null,
          TentacleRetentionPolicy: null,
          ...ph.value,
        };
      });
      catalog.lifecycles.push(
        withDefaults<LifecycleResource>(
          {
            Id: id,
            Name: lcName,
            Slug: slugify(lcName),
            Description: null,
            Phases: phases,
            ReleaseRetentionPolicy: { Unit: 'Days', QuantityToKeep: 30, ShouldKeepForever: false },
            TentacleRetentionPolicy: { Unit: 'Items', QuantityToKeep: 3, ShouldKeepForever: false },
            SpaceId: spaceId,
            Links: { Self: `/api/${spaceId}/lifecycles/${id}` },
          },
          { ...r.value, Phases: phases },
        ),
      );
    }
    for (const r of sp.list('TagSets')) {
      const id = register(r, 'TagSets');
      const tsName = r.str('Name');
      const tags = r.list('Tags').map((t, i) => {
        const tagName = t.str('Name');
        return {
          Id: t.optStr('Id') ?? `${id}-${i + 1}`,
          Name: tagName,
          Color: t.optStr('Color') ?? '#333333',
          Description: null,
          SortOrder: i,
          CanonicalTagName: `${tsName}/${tagName}`,
          ...t.value,
        };
      });
      catalog.tagSets.push(
        withDefaults<TagSetResource>(
          {
            Id: id,
            Name: tsName,
            Description: null,
            SortOrder: catalog.tagSets.length,
            Tags: tags,
            SpaceId: spaceId,
            Links: { Self: `/api/${spaceId}/tagsets/${id}` },
          },
          { ...r.value, Tags: tags },
        ),
      );
    }
    for (const r of sp.list('Projects')) {
      const id = register(r, 'Projects');
      const projectName = r.str('Name');
      const group = r.id('ProjectGroupId', 'ProjectGroups');
      const lifecycle = r.id('LifecycleId', 'Lifecycles');
      ref(r, 'ProjectGroupId', group, spaceId, 'project group');
      ref(r, 'LifecycleId', lifecycle, spaceId, 'lifecycle');
      catalog.projects.push(
        withDefaults<ProjectResource>(
          {
            Id: id,
            SpaceId: spaceId,
            VariableSetId: `variableset-${id}`,
            DeploymentProcessId: `deploymentprocess-${id}`,
            ClonedFromProjectId: null,
            DiscreteChannelRelease: false,
            IncludedLibraryVariableSetIds: [],
            DefaultToSkipIfAlreadyInstalled: false,
            TenantedDeploymentMode: r.oneOf('TenantedDeploymentMode', ['Untenanted', 'TenantedOrUntenanted', 'Tenanted'], 'Untenanted'),
            DefaultGuidedFailureMode: r.oneOf('DefaultGuidedFailureMode', ['EnvironmentDefault', 'Off', 'On'], 'EnvironmentDefault'),
            VersioningStrategy: { Template: null, DonorPackage: null, DonorPackageStepId: null },
            ReleaseCreationStrategy: { ChannelId: null, ReleaseCreationPackage: null, ReleaseCreationPackageStepId: null },
            Templates: [],
            AutoDeployReleaseOverrides: [],
            ReleaseNotesTemplate: null,
            DeploymentChangesTemplate: null,
            ForcePackageDownload: false,
            Icon: null,
            AllowIgnoreChannelRules: true,
            ExtensionSettings: [],
            Name: projectName,
            Slug: r.optStr('Slug') ?? slugify(projectName),
            Description: null,
            IsDisabled: r.bool('IsDisabled', false),
            ProjectGroupId: group,
            LifecycleId: lifecycle,
            AutoCreateRelease: false,
            IsVersionControlled: false,
            PersistenceSettings: { Type: 'Database' },
            ProjectConnectivityPolicy: {
              SkipMachineBehavior: 'None',
              TargetRoles: [],
              AllowDeploymentsToNoTargets: false,
              ExcludeUnhealthyTargets: false,
            },
            Links: {
              Self: `/api/${spaceId}/projects/${id}`,
              Releases: `/api/${spaceId}/projects/${id}/releases{/version}{?skip,take,searchByVersion}`,
              Channels: `/api/${spaceId}/projects/${id}/channels{/id}{?skip,take,partialName}`,
              Web: `/app#/${spaceId}/projects/${id}`,
            },
          },
          r.value,
        ),
      );
    }
    for (const r of sp.list('Channels')) {
      const id = register(r, 'Channels');
      const channelName = r.str('Name');
      const project = r.id('ProjectId', 'Projects');
      ref(r, 'ProjectId', project, spaceId, 'project');
      const lifecycle = r.optId('LifecycleId', 'Lifecycles');
      ref(r, 'LifecycleId', lifecycle, spaceId, 'lifecycle');
      catalog.channels.push(
        withDefaults<ChannelResource>(
          {
            Id: id,
            Name: channelName,
            Slug: slugify(channelName),
            Description: null,
            ProjectId: project,
            LifecycleId: lifecycle,
            IsDefault: r.bool('IsDefault', false),
            Rules: [],
            TenantTags: [],
            SpaceId: spaceId,
            Links: {
              Self: `/api/${spaceId}/channels/${id}`,
              Releases: `/api/${spaceId}/channels/${id}/releases{?skip,take,searchByVersion}`,
              Project: `/api/${spaceId}/projects/${project}`,
            },
          },
          r.value,
        ),
      );
    }
    for (const r of sp.list('Tenants')) {
      const id = register(r, 'Tenants');
      const tenantName = r.str('Name');
      const pe = r.obj('ProjectEnvironments');
      const projectEnvironments: Record<string, string[]> = {};
      if (pe) {
        for (const [projectId, envs] of Object.entries(pe.value)) {
          if (inSpace.get(projectId) !== spaceId) pe.problem(projectId, 'is not a project in this space');
          const list = Array.isArray(envs) ? envs.filter((e): e is string => typeof e === 'string') : [];
          for (const env of list) if (inSpace.get(env) !== spaceId) pe.problem(projectId, `environment "${env}" does not exist`);
          projectEnvironments[projectId] = list;
        }
      }
      catalog.tenants.push(
        withDefaults<TenantResource>(
          {
            Id: id,
            Name: tenantName,
            Slug: slugify(tenantName),
            Description: null,
            TenantTags: r.strings('TenantTags'),
            ProjectEnvironments: projectEnvironments,
            ClonedFromTenantId: null,
            IsDisabled: false,
            Icon: null,
            SpaceId: spaceId,
            Links: { Self: `/api/${spaceId}/tenants/${id}`, Web: `/app#/${spaceId}/tenants/${id}/overview` },
          },
          { ...r.value, ProjectEnvironments: projectEnvironments },
        ),
      );
    }
  });
  // Project groups and lifecycles are read before projects but referenced by them: check again now.
  fail();

  // Users.
  const spaceIds = catalog.spaces.map((s) => s.Id);
  const users: HistoryUser[] = [];
  const userList = root.list('Users');
  if (userList.length === 0) {
    const a = EMULATOR_USERS.admin;
    const r = EMULATOR_USERS.restricted;
    users.push({
      User: userResource(a.id, a.username, a.displayName, a.emailAddress, false),
      Password: a.password,
      Permissions: adminPermissionSet(a.id, spaceIds),
    });
    users.push({
      User: userResource(r.id, r.username, r.displayName, r.emailAddress, false),
      Password: r.password,
      Permissions: restrictedPermissionSet(r.id, restrictedScope(catalog, spaceIds[0]), 'Teams-1'),
    });
  } else {
    for (const u of userList) {
      const user = u.obj('User');
      const perms = u.obj('Permissions');
      if (!user || !perms) {
        u.problem('', 'expected { User, Password, Permissions }');
        continue;
      }
      const id = user.id('Id', 'Users');
      const username = user.str('Username');
      const displayName = user.optStr('DisplayName') ?? username;
      const sp = perms.obj('SpacePermissions');
      if (!sp) perms.problem('SpacePermissions', 'expected an object of permission name → restrictions');
      perms.strings('SystemPermissions');
      users.push({
        User: { ...userResource(id, username, displayName, user.optStr('EmailAddress'), user.bool('IsService', false)), ...user.value },
        Password: u.optStr('Password'),
        Permissions: { ...adminPermissionSet(id, []), ...perms.value } as HistoryUser['Permissions'],
      });
    }
  }
  const userIndex = new Map(users.map((u, i) => [u.User.Id, i]));
  fail();

  // History rows, gathered across spaces so ids can be added in order.
  interface Row {
    r: Reader;
    spaceId: string;
    n: number;
  }
  const gather = (section: string, prefix: string) => {
    const rows: Row[] = [];
    spaces.forEach((sp, s) => {
      for (const r of sp.list(section)) {
        const id = r.id('Id', prefix);
        unique(r, id);
        if (id) inSpace.set(id, catalog.spaces[s]?.Id);
        rows.push({ r, spaceId: catalog.spaces[s]?.Id, n: idNumberOf(id, prefix) });
      }
    });
    return rows.sort((a, b) => a.n - b.n);
  };
  const releases = gather('Releases', 'Releases');
  const tasks = gather('Tasks', 'ServerTasks');
  const deployments = gather('Deployments', 'Deployments');
  const interruptions = gather('Interruptions', 'Interruptions');
  const defects = gather('Defects', 'Defects');
  fail();

  const store = new Store({
    installationId,
    now,
    generator: isObject(json.Generator)
      ? { scale: String(json.Generator.Scale ?? 'file'), seed: Number(json.Generator.Seed ?? 0) }
      : null,
    users,
    ...catalog,
    capacity: {
      releases: releases.length + 256,
      deployments: deployments.length + 1024,
      tasks: tasks.length + 1024,
      interruptions: interruptions.length + 64,
      events: deployments.length * 3 + 4096,
    },
  });
  const rng = new Random(opts.seed ?? hashString(installationId), 0x10ad);
  const projectOf = (id: string) => store.projectIndex.get(id) ?? -1;
  const late = (r: Reader, field: string, ms: number) => {
    if (ms > now) r.problem(field, `is after Now (${new Date(now).toISOString()})`);
  };

  const versions = new Set<string>();
  for (const { r, spaceId } of releases) {
    const projectId = r.id('ProjectId', 'Projects');
    ref(r, 'ProjectId', projectId, spaceId, 'project');
    const channelId = r.id('ChannelId', 'Channels');
    ref(r, 'ChannelId', channelId, spaceId, 'channel');
    const channel = store.channelIndex.get(channelId) ?? -1;
    if (channel >= 0 && store.channels[channel].ProjectId !== projectId) {
      r.problem('ChannelId', `"${channelId}" belongs to ${store.channels[channel].ProjectId}, not ${projectId}`);
    }
    const version = r.str('Version');
    if (versions.has(`${projectId}/${version}`)) r.problem('Version', `${projectId} already has a release ${version}`);
    versions.add(`${projectId}/${version}`);
    const assembled = r.date('Assembled');
    late(r, 'Assembled', assembled);
    if (p.list.length) continue;
    store.addRelease({
      id: idNumberOf(r.str('Id'), 'Releases'),
      project: projectOf(projectId),
      channel,
      assembled,
      version,
      notes: r.optStr('ReleaseNotes'),
    });
  }
  fail();

  const taskDeployment = new Map<string, string>();
  for (const { r, spaceId } of tasks) {
    const id = r.str('Id');
    const name = r.str('Name');
    const state = r.oneOf('State', TASK_STATES);
    const queued = r.date('QueueTime');
    const started = r.optDate('StartTime');
    const completed = r.optDate('CompletedTime');
    late(r, 'StartTime', started);
    late(r, 'CompletedTime', completed);
    const code = stateCode(state);
    const args = r.obj('Arguments');
    const deploymentId = args?.optStr('DeploymentId') ?? null;
    if (name === 'Deploy' && !deploymentId) r.problem('Arguments.DeploymentId', 'a Deploy task needs its deployment id');
    if (deploymentId) taskDeployment.set(id, deploymentId);
    if (isFinalState(code) && Number.isNaN(completed)) r.problem('CompletedTime', `is required when State is ${state}`);
    if (code === State.Executing && Number.isNaN(started)) r.problem('StartTime', 'is required when State is Executing');
    if (p.list.length) continue;
    // A task still running at Now gets a plan: when it starts and finishes, and how.
    let start = started;
    let end = completed;
    let planned = code;
    if (!isFinalState(code)) {
      if (Number.isNaN(start)) start = Math.max(queued, now) + rng.int(5000, 120_000);
      end = Math.max(start, now) + rng.logNormal(5 * MINUTE, 0.5);
      planned = code === State.Cancelling ? State.Canceled : rng.chance(0.9) ? State.Success : State.Failed;
    }
    const node = /(\d+)$/.exec(r.optStr('ServerNode') ?? '');
    store.addTask({
      id: idNumberOf(id, 'ServerTasks'),
      space: store.spaceIndex.get(spaceId) ?? -1,
      kind: name === 'Deploy' && deploymentId ? TaskKind.Deploy : TaskKind.Other,
      deployment: -1,
      name,
      description: r.optStr('Description') ?? '',
      queueTime: queued,
      queueTimeExpiry: r.optDate('QueueTimeExpiry'),
      start,
      completed: Math.floor(end),
      state: planned,
      warnings: r.bool('HasWarningsOrErrors', false),
      node: node ? Math.max(0, Number(node[1]) - 1) : 0,
    });
  }
  fail();

  for (const { r, spaceId } of deployments) {
    const id = r.str('Id');
    const releaseId = r.id('ReleaseId', 'Releases');
    ref(r, 'ReleaseId', releaseId, spaceId, 'release');
    const envId = r.id('EnvironmentId', 'Environments');
    ref(r, 'EnvironmentId', envId, spaceId, 'environment');
    const tenantId = r.optId('TenantId', 'Tenants');
    ref(r, 'TenantId', tenantId, spaceId, 'tenant');
    const taskId = r.id('TaskId', 'ServerTasks');
    ref(r, 'TaskId', taskId, spaceId, 'task');
    if (taskId && taskDeployment.get(taskId) !== id) {
      r.problem('TaskId', `task ${taskId} is not the Deploy task of ${id} (its Arguments.DeploymentId is ${show(taskDeployment.get(taskId))})`);
    }
    const created = r.date('Created');
    late(r, 'Created', created);
    const release = store.releaseRow(releaseId);
    const projectId = r.optStr('ProjectId');
    if (release >= 0 && projectId && store.projects[store.releases.project[release]].Id !== projectId) {
      r.problem('ProjectId', `does not match the release's project ${store.projects[store.releases.project[release]].Id}`);
    }
    const deployedById = r.optStr('DeployedById');
    if (deployedById && deployedById !== 'users-system' && !userIndex.has(deployedById)) {
      r.problem('DeployedById', `"${deployedById}" is not one of the file's Users`);
    }
    if (p.list.length) continue;
    store.addDeployment({
      id: idNumberOf(id, 'Deployments'),
      release,
      environment: store.environmentIndex.get(envId)!,
      tenant: tenantId ? store.tenantIndex.get(tenantId)! : -1,
      task: store.taskRow(taskId),
      created,
      queueTime: r.optDate('QueueTime'),
      queueTimeExpiry: r.optDate('QueueTimeExpiry'),
      deployedBy: deployedById ? (userIndex.get(deployedById) ?? -1) : -1,
      useGuidedFailure: r.bool('UseGuidedFailure', false),
      forceRedeploy: r.bool('ForcePackageRedeployment', false),
    });
  }
  for (const [taskId, deploymentId] of taskDeployment) {
    if (store.deploymentRow(deploymentId) < 0 && p.list.length === 0) {
      p.add(`task ${taskId}`, `Arguments.DeploymentId "${deploymentId}" is not one of the file's deployments`);
    }
  }
  fail();

  for (const { r, spaceId } of interruptions) {
    const taskId = r.id('TaskId', 'ServerTasks');
    ref(r, 'TaskId', taskId, spaceId, 'task');
    const title = r.optStr('Title') ?? '';
    const type = r.has('Type')
      ? r.oneOf('Type', ['GuidedFailure', 'ManualIntervention'] as const)
      : title.endsWith(' requires failure guidance')
        ? 'GuidedFailure'
        : 'ManualIntervention';
    const created = r.date('Created');
    late(r, 'Created', created);
    const pending = r.bool('IsPending', false);
    const task = store.taskRow(taskId);
    if (p.list.length) continue;
    if (pending && store.tasks.completed[task] <= now) {
      r.problem('IsPending', `is true but task ${taskId} has finished`);
      continue;
    }
    const values = r.obj('Form')?.obj('Values');
    const answer = values?.optStr(type === 'GuidedFailure' ? 'Guidance' : 'Result') ?? null;
    const responsible = r.optStr('ResponsibleUserId');
    store.addInterruption({
      id: idNumberOf(r.str('Id'), 'Interruptions'),
      task,
      kind: type === 'GuidedFailure' ? InterruptionKind.GuidedFailure : InterruptionKind.ManualIntervention,
      created,
      resolved: pending ? Number.NaN : created,
      guidance: pending ? (type === 'GuidedFailure' ? 1 : 5) : guidanceCode(answer),
      responsible: responsible ? (userIndex.get(responsible) ?? -1) : -1,
    });
  }
  fail();

  for (const { r, spaceId } of defects) {
    const releaseId = r.id('ReleaseId', 'Releases');
    ref(r, 'ReleaseId', releaseId, spaceId, 'release');
    const status = r.oneOf('Status', ['Unresolved', 'Resolved'] as const);
    const created = r.date('Created');
    late(r, 'Created', created);
    const resolved = r.optDate('ResolvedOn');
    late(r, 'ResolvedOn', resolved);
    if (status === 'Resolved' && Number.isNaN(resolved)) r.problem('ResolvedOn', 'is required when Status is Resolved');
    if (status === 'Unresolved' && !Number.isNaN(resolved)) r.problem('ResolvedOn', 'must be null when Status is Unresolved');
    const by = (field: string) => {
      const id = r.optStr(field);
      if (id && !userIndex.has(id)) r.problem(field, `"${id}" is not one of the file's Users`);
      return id ? (userIndex.get(id) ?? -1) : -1;
    };
    const createdBy = by('CreatedById');
    const resolvedBy = by('ResolvedById');
    if (p.list.length) continue;
    store.addDefect({
      id: idNumberOf(r.str('Id'), 'Defects'),
      release: store.releaseRow(releaseId),
      description: r.optStr('Description') ?? '',
      created,
      createdBy,
      resolved,
      resolvedBy,
    });
  }
  fail();

  const edits: { r: Reader; occurred: number }[] = [];
  spaces.forEach((sp) => {
    for (const r of sp.list('TaskStateEdits')) edits.push({ r, occurred: r.date('Occurred') });
  });
  edits.sort((a, b) => a.occurred - b.occurred);
  const firstEdit = new Set<number>();
  for (const { r, occurred } of edits) {
    const taskId = r.id('TaskId', 'ServerTasks');
    const task = store.taskRow(taskId);
    if (task < 0) r.problem('TaskId', `"${taskId}" is not one of the file's tasks`);
    const previous = stateCode(r.oneOf('PreviousState', ['Success', 'Failed', 'Canceled'] as const));
    const state = stateCode(r.oneOf('State', ['Success', 'Failed', 'Canceled'] as const));
    late(r, 'Occurred', occurred);
    const userId = r.optStr('UserId');
    if (p.list.length) continue;
    if (!firstEdit.has(task)) {
      firstEdit.add(task);
      store.tasks.outcome[task] = previous;
    }
    store.addEdit({
      task,
      previous,
      state,
      reason: r.optStr('Reason'),
      occurred,
      user: userId ? (userIndex.get(userId) ?? -1) : -1,
    });
  }
  fail();
  // The task's State is the result of its edits.
  for (const { r } of tasks) {
    const t = store.taskRow(r.str('Id'));
    const e = store.tasks.edit[t];
    if (e >= 0 && stateCode(String(r.value.State)) !== store.edits[e].state) {
      r.problem('State', `is ${show(r.value.State)} but its last TaskStateEdit sets ${TASK_STATES[store.edits[e].state]}`);
    }
  }
  fail();

  store.deriveEvents();
  return store;
}
