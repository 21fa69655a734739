/**
 * The generated installation's catalog: spaces, project groups, lifecycles (Dev → Test → Staging →
 * Production, and a Hotfix lifecycle that skips the early phases), environments, projects with a default
 * and a hotfix channel, tag sets, tenants, users and their permissions — plus, per project, the plan the
 * timeline simulation follows.
 */
import type {
  ChannelResource,
  EnvironmentResource,
  HistoryUser,
  LifecycleResource,
  ProjectGroupResource,
  ProjectResource,
  SpaceResource,
  TagSetResource,
  TenantResource,
  TenantedDeploymentMode,
} from '../history-file';
import { HOUR } from '../octopus-time';
import { adminPermissionSet, type RestrictedScope, restrictedPermissionSet } from '../permissions';
import type { Random } from '../random';
import { DEPLOYERS, EMULATOR_USERS, userResource } from '../users';
import { PROJECT_GROUPS, projectNames, REGIONS, SPACE_DESCRIPTIONS, SPACE_NAMES, slugify, TENANT_NAMES, TIERS } from './names';
import {
  BUDGET_OCCASION_FACTORS,
  type Scale,
  TIER_CADENCES,
  type Tier,
  type TierCadence,
} from './scales';

export type VersionScheme = 'semver' | 'calver' | 'build';

/** What the timeline simulation needs to know about one project. */
export interface ProjectPlan {
  project: number;
  space: number;
  /** Environment indexes in lifecycle order (Dev, Test, Staging, Production or shorter). */
  stages: number[];
  /** Stage numbers the Hotfix channel deploys to. */
  hotfixStages: number[];
  defaultChannel: number;
  hotfixChannel: number;
  mode: TenantedDeploymentMode;
  /** Customer tenants connected to the project (deployed per tenant from `tenantedFromStage`). */
  tenants: number[];
  /** For `Tenanted` projects: the tenant used for the stages before `tenantedFromStage`. */
  internalTenant: number;
  tenantedFromStage: number;
  /** Stages whose deployments use guided failure. */
  guidedFailureStages: Set<number>;
  /** Production needs a manual approval (ManualIntervention interruption). */
  approval: boolean;
  medianDurationMs: number;
  scheme: VersionScheme;
  /** Share of the installation's deployments (budget spaces); in cadence-tier spaces 1, or 0 = never deploys. */
  weight: number;
  /** Cadence tier (cadence-tier spaces), else null. */
  tier: Tier | null;
  /** Target successful Production deployments per day (cadence-tier spaces); NaN = calibrated to `weight`. */
  productionPerDay: number;
  /** Before this instant the project shipped `slowFactor` times as often (see TierCadence.speedUp); NaN = never slower. */
  fastSince: number;
  slowFactor: number;
  /** Random promotion occasions per day for stage 1, 2, 3…, relative to the release rate (budget spaces). */
  occasionFactors: number[];
  /** Cadence-tier spaces: promotion follows success (see {@link TierCadence}); null = random occasions. */
  pipeline: Pick<TierCadence, 'promote' | 'delayMinutes'> | null;
  /** The project deploys between these instants. */
  activeFrom: number;
  activeUntil: number;
  /** Hours added to UTC to get the team's local time (business hours). */
  utcOffsetHours: number;
  failRate: number;
  people: number[];
  robot: number;
}

export interface Catalog {
  users: HistoryUser[];
  spaces: SpaceResource[];
  projectGroups: ProjectGroupResource[];
  lifecycles: LifecycleResource[];
  environments: EnvironmentResource[];
  projects: ProjectResource[];
  channels: ChannelResource[];
  tagSets: TagSetResource[];
  tenants: TenantResource[];
  plans: ProjectPlan[];
}

const ENVIRONMENTS_PER_SPACE = [
  ['Development', 'Test', 'Staging', 'Production'],
  ['Development', 'Test', 'Production'],
  ['Development', 'Production'],
  ['Development', 'Production'],
];

const UTC_OFFSETS = [1, -5, 5.5, 0];

const retention = (unit: 'Days' | 'Items', quantity: number) => ({
  Unit: unit,
  QuantityToKeep: quantity,
  ShouldKeepForever: false,
});

export function buildCatalog(scale: Scale, rng: Random, now: number): Catalog {
  const start = now - scale.days * 24 * HOUR;
  const ids: Record<string, number> = {};
  const next = (prefix: string) => {
    ids[prefix] = (ids[prefix] ?? 0) + 1;
    return `${prefix}-${ids[prefix]}`;
  };
  const c: Catalog = {
    users: [],
    spaces: [],
    projectGroups: [],
    lifecycles: [],
    environments: [],
    projects: [],
    channels: [],
    tagSets: [],
    tenants: [],
    plans: [],
  };

  // Users-1 admin, Users-2 restricted, then the deployers.
  const admin = EMULATOR_USERS.admin;
  const restricted = EMULATOR_USERS.restricted;
  const spaceIds = scale.spaces.map((_, s) => `Spaces-${s + 1}`);
  c.users.push({
    User: userResource(admin.id, admin.username, admin.displayName, admin.emailAddress, false),
    Password: admin.password,
    Permissions: adminPermissionSet(admin.id, spaceIds),
  });
  c.users.push({
    User: userResource(restricted.id, restricted.username, restricted.displayName, restricted.emailAddress, false),
    Password: restricted.password,
    // Filled in once Spaces-1's catalog exists.
    Permissions: adminPermissionSet(restricted.id, []),
  });
  DEPLOYERS.forEach((d, i) => {
    const id = `Users-${i + 3}`;
    const email = d.isService ? null : `${d.username}@octopus.example`;
    const permissions = adminPermissionSet(id, spaceIds);
    permissions.SystemPermissions = [];
    c.users.push({ User: userResource(id, d.username, d.displayName, email, d.isService), Password: null, Permissions: permissions });
  });
  const people = DEPLOYERS.map((d, i) => (d.isService ? -1 : i + 2)).filter((u) => u >= 0);
  const robot = DEPLOYERS.findIndex((d) => d.isService) + 2;

  const takenNames = new Set<string>();
  let tenantName = 0;
  const shares = scale.spaces.map((s) => s.share);

  scale.spaces.forEach((plan, s) => {
    const spaceId = next('Spaces');
    const spaceIndex = c.spaces.length;
    c.spaces.push({
      Id: spaceId,
      Name: SPACE_NAMES[s],
      Slug: slugify(SPACE_NAMES[s]),
      Description: SPACE_DESCRIPTIONS[s],
      IsDefault: s === 0,
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
    });

    // Environments.
    const envNames = ENVIRONMENTS_PER_SPACE[s];
    const envIndexes = envNames.map((name, order) => {
      const id = next('Environments');
      c.environments.push({
        Id: id,
        Name: name,
        Slug: slugify(name),
        Description: order === envNames.length - 1 ? 'Customer-facing.' : null,
        SortOrder: order,
        UseGuidedFailure: name === 'Production' && s === 0,
        AllowDynamicInfrastructure: true,
        ExtensionSettings: [],
        SpaceId: spaceId,
        Links: {
          Self: `/api/${spaceId}/environments/${id}`,
          Machines: `/api/${spaceId}/environments/${id}/machines{?skip,take,partialName,roles,deploymentId,isDisabled,healthStatuses,commStyles,tenantIds,tenantTags,shellNames}`,
          SinglyScopedVariableDetails: `/api/${spaceId}/environments/${id}/singlyScopedVariableDetails`,
          Metadata: `/api/${spaceId}/environments/${id}/metadata`,
          Web: `/app#/${spaceId}/infrastructure/environments/${id}`,
        },
      });
      return c.environments.length - 1;
    });
    const envIds = envIndexes.map((e) => c.environments[e].Id);

    // Lifecycles: the default one, one phase per environment; Hotfix skips to the last one or two.
    const phase = (name: string, envId: string) => ({
      Id: rng.guid(),
      Name: name,
      AutomaticDeploymentTargets: name === 'Development' ? [envId] : [],
      OptionalDeploymentTargets: name === 'Development' ? [] : [envId],
      MinimumEnvironmentsBeforePromotion: 0,
      IsOptionalPhase: false,
      IsPriorityPhase: false,
      ReleaseRetentionPolicy: null,
      TentacleRetentionPolicy: null,
    });
    const lifecycle = (name: string, description: string, phaseEnvs: number[]) => {
      const id = next('Lifecycles');
      c.lifecycles.push({
        Id: id,
        Name: name,
        Slug: slugify(name),
        Description: description,
        Phases: phaseEnvs.map((e) => phase(c.environments[e].Name, c.environments[e].Id)),
        ReleaseRetentionPolicy: retention('Days', 30),
        TentacleRetentionPolicy: retention('Items', 3),
        SpaceId: spaceId,
        Links: {
          Self: `/api/${spaceId}/lifecycles/${id}`,
          Preview: `/api/${spaceId}/lifecycles/${id}/preview`,
          Projects: `/api/${spaceId}/lifecycles/${id}/projects`,
        },
      });
      return id;
    };
    const defaultLifecycle = lifecycle('Default Lifecycle', 'Promotes each release through every environment.', envIndexes);
    const hotfixStages = envIndexes.length >= 4 ? [envIndexes.length - 2, envIndexes.length - 1] : [envIndexes.length - 1];
    const hotfixLifecycle = lifecycle(
      'Hotfix',
      'Skips the early phases for urgent fixes.',
      hotfixStages.map((k) => envIndexes[k]),
    );

    // Project groups.
    const groupIndexes = PROJECT_GROUPS[s].slice(0, Math.max(1, plan.groups)).map((name) => {
      const id = next('ProjectGroups');
      c.projectGroups.push({
        Id: id,
        Name: name,
        Slug: slugify(name),
        Description: name === 'Default Project Group' ? null : `${name} projects.`,
        EnvironmentIds: [],
        RetentionPolicyId: null,
        SpaceId: spaceId,
        Links: {
          Self: `/api/${spaceId}/projectgroups/${id}`,
          Projects: `/api/${spaceId}/projectgroups/${id}/projects{?skip,take}`,
          Web: `/app#/${spaceId}/projects?projectGroupId=${id}`,
        },
      });
      return c.projectGroups.length - 1;
    });

    // Tag sets and tenants.
    const tenantIndexes: number[] = [];
    if (plan.tenants > 0) {
      const tagSet = (name: string, description: string, tags: { name: string; color: string }[], order: number) => {
        const id = next('TagSets');
        c.tagSets.push({
          Id: id,
          Name: name,
          Description: description,
          SortOrder: order,
          Tags: tags.map((t, i) => ({
            Id: `${id}-${i + 1}`,
            Name: t.name,
            Color: t.color,
            Description: null,
            SortOrder: i,
            CanonicalTagName: `${name}/${t.name}`,
          })),
          SpaceId: spaceId,
          Links: { Self: `/api/${spaceId}/tagsets/${id}` },
        });
      };
      tagSet('Tier', 'Support tier of the customer.', TIERS, 0);
      tagSet('Region', 'Where the customer is hosted.', REGIONS, 1);
      for (let t = 0; t < plan.tenants; t++) {
        const name = TENANT_NAMES[tenantName++ % TENANT_NAMES.length];
        const id = next('Tenants');
        c.tenants.push({
          Id: id,
          Name: name,
          Slug: slugify(name),
          Description: null,
          TenantTags: [`Tier/${TIERS[t % 3].name}`, `Region/${REGIONS[Math.floor(t / 3) % 3].name}`],
          ProjectEnvironments: {},
          ClonedFromTenantId: null,
          IsDisabled: false,
          Icon: null,
          SpaceId: spaceId,
          Links: {
            Self: `/api/${spaceId}/tenants/${id}`,
            Variables: `/api/${spaceId}/tenants/${id}/variables`,
            Web: `/app#/${spaceId}/tenants/${id}/overview`,
            Logo: `/api/${spaceId}/tenants/${id}/logo`,
          },
        });
        tenantIndexes.push(c.tenants.length - 1);
      }
    }
    // Tenanted projects deploy Dev/Test to an internal tenant.
    let internalTenant = -1;
    if (plan.tenants > 0) {
      const id = next('Tenants');
      c.tenants.push({
        Id: id,
        Name: '_Internal',
        Slug: 'internal',
        Description: 'Our own test instance.',
        TenantTags: [],
        ProjectEnvironments: {},
        ClonedFromTenantId: null,
        IsDisabled: false,
        Icon: null,
        SpaceId: spaceId,
        Links: {
          Self: `/api/${spaceId}/tenants/${id}`,
          Variables: `/api/${spaceId}/tenants/${id}/variables`,
          Web: `/app#/${spaceId}/tenants/${id}/overview`,
          Logo: `/api/${spaceId}/tenants/${id}/logo`,
        },
      });
      internalTenant = c.tenants.length - 1;
    }

    // Cadence tiers: a few elite and a few rare projects, the rest weekly. The first two projects carry the
    // situations around now (generator/index.ts FORCED) and stay weekly, so those look ordinary.
    const tiers: Tier[] = Array.from({ length: plan.projects }, () => 'weekly');
    const tierRng = plan.cadence ? rng.fork(500 + s) : null;
    if (plan.cadence && tierRng) {
      const candidates = Array.from({ length: plan.projects }, (_, p) => p).filter((p) => p > 1 || s > 0);
      for (let i = candidates.length - 1; i > 0; i--) {
        const j = tierRng.int(0, i);
        [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
      }
      candidates.slice(0, plan.cadence.elite).forEach((p) => {
        tiers[p] = 'elite';
      });
      candidates.slice(plan.cadence.elite, plan.cadence.elite + plan.cadence.rare).forEach((p) => {
        tiers[p] = 'rare';
      });
    }

    // Projects.
    const names = projectNames(s, plan.projects, takenNames);
    const spaceWeights: number[] = [];
    names.forEach((name, p) => {
      takenNames.add(name);
      const id = next('Projects');
      const group = p === 0 ? groupIndexes[Math.min(1, groupIndexes.length - 1)] : groupIndexes[p % groupIndexes.length];
      const tenantable = tenantIndexes.length > 0 && p > 0;
      const roll = rng.next();
      // Elite projects ship one untenanted stream (per-tenant Production deployments would multiply them).
      const mode: TenantedDeploymentMode =
        tiers[p] === 'elite'
          ? 'Untenanted'
          : tenantable && roll < 0.1
            ? 'Tenanted'
            : tenantable && roll < 0.35
              ? 'TenantedOrUntenanted'
              : 'Untenanted';
      const gfMode = rng.chance(0.15) ? 'On' : 'EnvironmentDefault';
      const slug = slugify(name);
      c.projects.push({
        Id: id,
        SpaceId: spaceId,
        VariableSetId: `variableset-${id}`,
        DeploymentProcessId: `deploymentprocess-${id}`,
        ClonedFromProjectId: null,
        DiscreteChannelRelease: false,
        IncludedLibraryVariableSetIds: [],
        DefaultToSkipIfAlreadyInstalled: false,
        TenantedDeploymentMode: mode,
        DefaultGuidedFailureMode: gfMode,
        VersioningStrategy: {
          Template: '#{Octopus.Version.LastMajor}.#{Octopus.Version.LastMinor}.#{Octopus.Version.NextPatch}',
          DonorPackage: null,
          DonorPackageStepId: null,
        },
        ReleaseCreationStrategy: { ChannelId: null, ReleaseCreationPackage: null, ReleaseCreationPackageStepId: null },
        Templates: [],
        AutoDeployReleaseOverrides: [],
        ReleaseNotesTemplate: null,
        DeploymentChangesTemplate: null,
        ForcePackageDownload: false,
        Icon: null,
        AllowIgnoreChannelRules: true,
        ExtensionSettings: [],
        Name: name,
        Slug: slug,
        Description: rng.chance(0.6) ? `${name}: owned by the ${c.projectGroups[group].Name} team.` : null,
        IsDisabled: false,
        ProjectGroupId: c.projectGroups[group].Id,
        LifecycleId: defaultLifecycle,
        AutoCreateRelease: false,
        IsVersionControlled: false,
        PersistenceSettings: { Type: 'Database' },
        ProjectConnectivityPolicy: {
          SkipMachineBehavior: 'None',
          TargetRoles: ['web'],
          AllowDeploymentsToNoTargets: false,
          ExcludeUnhealthyTargets: false,
        },
        Links: {
          Self: `/api/${spaceId}/projects/${id}`,
          Releases: `/api/${spaceId}/projects/${id}/releases{/version}{?skip,take,searchByVersion}`,
          Channels: `/api/${spaceId}/projects/${id}/channels{/id}{?skip,take,partialName}`,
          Triggers: `/api/${spaceId}/projects/${id}/triggers{?skip,take,partialName,triggerActionType}`,
          ScheduledTriggers: `/api/${spaceId}/projects/${id}/triggers{?skip,take,partialName}`,
          OrderChannels: `/api/${spaceId}/projects/${id}/channels/order`,
          Variables: `/api/${spaceId}/variables/variableset-${id}`,
          Progression: `/api/${spaceId}/projects/${id}/progression{?aggregate}`,
          DeploymentProcess: `/api/${spaceId}/projects/${id}/deploymentprocesses`,
          DeploymentSettings: `/api/${spaceId}/projects/${id}/deploymentsettings`,
          Web: `/app#/${spaceId}/projects/${id}`,
          Logo: `/api/${spaceId}/projects/${id}/logo?cb=2024.3.12899`,
          Summary: `/api/${spaceId}/projects/${id}/summary`,
          InsightsMetrics: `/api/${spaceId}/projects/${id}/insights/metrics{?channelId,environmentId,tenantId,tenantFilter,timeRange,granularity,timeZone}`,
          Runbooks: `/api/${spaceId}/projects/${id}/runbooks{?skip,take,partialName}`,
        },
      });
      const project = c.projects.length - 1;
      const channel = (name: string, lifecycleId: string | null, isDefault: boolean) => {
        const channelId = next('Channels');
        c.channels.push({
          Id: channelId,
          Name: name,
          Slug: slugify(name),
          Description: isDefault ? null : 'Urgent fixes: straight to Staging and Production.',
          ProjectId: id,
          LifecycleId: lifecycleId,
          IsDefault: isDefault,
          Rules: isDefault
            ? []
            : [
                {
                  Id: rng.guid(),
                  VersionRange: '',
                  Tag: '^hotfix',
                  ActionPackages: [{ DeploymentAction: 'Deploy package', PackageReference: '' }],
                  Links: {},
                },
              ],
          TenantTags: [],
          SpaceId: spaceId,
          Links: {
            Self: `/api/${spaceId}/channels/${channelId}`,
            Releases: `/api/${spaceId}/channels/${channelId}/releases{?skip,take,searchByVersion}`,
            Project: `/api/${spaceId}/projects/${id}`,
          },
        });
        return c.channels.length - 1;
      };
      const defaultChannel = channel('Default', null, true);
      const hotfixChannel = channel('Hotfix', hotfixLifecycle, false);

      // Tenants connected to the project: per-tenant deployments from `tenantedFrom` on; `Tenanted`
      // projects deploy the earlier stages to the internal tenant.
      let projectTenants: number[] = [];
      const tenantedFrom = mode === 'Untenanted' ? envIndexes.length : Math.max(1, envIndexes.length - 2);
      if (mode !== 'Untenanted') {
        const want = Math.min(tenantIndexes.length, Math.max(2, Math.round(rng.range(0.3, 0.7) * tenantIndexes.length)));
        const shuffled = [...tenantIndexes];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = rng.int(0, i);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        projectTenants = shuffled.slice(0, want).sort((a, b) => a - b);
        for (const t of projectTenants) c.tenants[t].ProjectEnvironments[id] = envIds.slice(tenantedFrom);
        if (mode === 'Tenanted') c.tenants[internalTenant].ProjectEnvironments[id] = envIds.slice(0, tenantedFrom);
      }

      const weight = Math.exp(rng.normal() * 0.7);
      spaceWeights.push(weight);
      const elite = tiers[p] === 'elite';
      // Elite projects have been around all along (they got faster lately).
      const lateStart = rng.chance(0.15) && !elite;
      const retired = p > 2 && rng.chance(0.08) && !elite;
      const cadence = tierRng ? TIER_CADENCES[tiers[p]] : null;
      const gfStages = new Set<number>();
      envIndexes.forEach((e, k) => {
        if (gfMode === 'On' || c.environments[e].UseGuidedFailure) gfStages.add(k);
      });
      c.plans.push({
        project,
        space: spaceIndex,
        stages: envIndexes,
        hotfixStages,
        defaultChannel,
        hotfixChannel,
        mode,
        tenants: projectTenants,
        internalTenant: mode === 'Tenanted' ? internalTenant : -1,
        tenantedFromStage: tenantedFrom,
        guidedFailureStages: gfStages,
        approval: envIndexes.length >= 3 && rng.chance(0.25),
        medianDurationMs: rng.logNormal(4 * 60_000, 0.6),
        scheme: rng.pick(['semver', 'semver', 'calver', 'build'] as const),
        weight,
        tier: tierRng ? tiers[p] : null,
        productionPerDay: cadence && tierRng ? tierRng.range(...cadence.productionPerDay) : Number.NaN,
        fastSince: cadence?.speedUp && tierRng ? now - tierRng.range(...cadence.speedUp.sinceDays) * 24 * HOUR : Number.NaN,
        slowFactor: cadence?.speedUp && tierRng ? tierRng.range(...cadence.speedUp.earlier) : 1,
        occasionFactors: cadence ? [] : BUDGET_OCCASION_FACTORS,
        pipeline: cadence ? { promote: cadence.promote, delayMinutes: cadence.delayMinutes } : null,
        activeFrom: lateStart ? start + rng.range(0.2, 0.8) * (now - start) : start,
        activeUntil: retired ? now - rng.range(0.1, 0.3) * (now - start) : now,
        utcOffsetHours: UTC_OFFSETS[s],
        failRate: rng.range(0.03, 0.12),
        people,
        robot,
      });
    });
    // Normalise weights to the space's share of the installation (cadence-tier spaces: 1 = deploys).
    const total = spaceWeights.reduce((a, b) => a + b, 0);
    for (const plan of c.plans) {
      if (plan.space !== spaceIndex) continue;
      if (plan.tier !== null) plan.weight = 1;
      else plan.weight = total > 0 ? (plan.weight / total) * shares[s] : 0;
    }
    if (plan.share === 0) for (const p of c.plans) if (p.space === spaceIndex) p.weight = 0;
  });

  // A retired project that stopped deploying long ago is disabled, as teams do.
  for (const plan of c.plans) {
    if (plan.activeUntil < now - 60 * 24 * HOUR && plan.weight > 0 && plan.space > 0) {
      c.projects[plan.project].IsDisabled = true;
    }
  }

  c.users[1].Permissions = restrictedPermissionSet(EMULATOR_USERS.restricted.id, restrictedScope(c, 'Spaces-1'), 'Teams-1');
  return c;
}

/**
 * The restricted user's scope in a space: projects of the first half of the project groups, every
 * environment except the second to last (Staging in a four-stage lifecycle), the first half of the tenants.
 */
export function restrictedScope(
  c: Pick<Catalog, 'projectGroups' | 'projects' | 'environments' | 'tenants'>,
  spaceId: string,
): RestrictedScope {
  const groups = c.projectGroups.filter((g) => g.SpaceId === spaceId && c.projects.some((p) => p.ProjectGroupId === g.Id));
  const allowedGroups = new Set(groups.slice(0, Math.ceil(groups.length / 2)).map((g) => g.Id));
  const envs = c.environments.filter((e) => e.SpaceId === spaceId).sort((a, b) => a.SortOrder - b.SortOrder);
  const hidden = envs.length >= 3 ? envs[envs.length - 2].Id : null;
  const tenants = c.tenants.filter((t) => t.SpaceId === spaceId);
  return {
    spaceId,
    projectIds: c.projects.filter((p) => p.SpaceId === spaceId && allowedGroups.has(p.ProjectGroupId)).map((p) => p.Id),
    environmentIds: envs.filter((e) => e.Id !== hidden).map((e) => e.Id),
    tenantIds: tenants.slice(0, Math.ceil(tenants.length / 2)).map((t) => t.Id),
  };
}
