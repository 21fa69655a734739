/**
 * What a user may see, from their UserPermissionSetResource (docs/octopus-api.md §2.2).
 *
 * Rules (Octopus's, as far as documented): a permission is granted by any of its restriction entries
 * whose `SpaceId` matches; an empty restriction list means "not restricted" (as do the `*-all`
 * sentinels); project restrictions match by project id or by project group. Lists are filtered silently;
 * a direct request for something not granted is a 403 naming the missing permission.
 *
 * One documented GUESS: a tenant restriction limits tenanted resources only — untenanted deployments of
 * permitted projects and environments stay visible.
 */
import type { PermissionRestriction, UserPermissionSetResource } from './history-file';
import type { Store } from './store';

/** Space-level view permissions a read-only user holds. */
export const VIEW_PERMISSIONS = [
  'ProjectView',
  'ProjectGroupView',
  'EnvironmentView',
  'LifecycleView',
  'TenantView',
  'TagSetView',
  'ReleaseView',
  'DeploymentView',
  'TaskView',
  'EventView',
  'InterruptionView',
] as const;

/** Everything the emulator checks, plus a realistic rest for the administrator. */
export const ADMIN_SPACE_PERMISSIONS = [
  ...VIEW_PERMISSIONS,
  'DefectReport',
  'DefectResolve',
  'TaskEdit',
  'TaskCancel',
  'TaskCreate',
  'DeploymentCreate',
  'ReleaseCreate',
  'InterruptionSubmit',
  'InterruptionViewSubmitResponsible',
  'ProjectEdit',
  'ProjectCreate',
  'EnvironmentEdit',
  'TenantEdit',
  'InsightsReportView',
  'InsightsReportCreate',
  'InsightsReportEdit',
  'InsightsReportDelete',
].sort();

export const ADMIN_SYSTEM_PERMISSIONS = [
  'AdministerSystem',
  'ConfigureServer',
  'EventRetentionDelete',
  'EventRetentionView',
  'SpaceCreate',
  'SpaceDelete',
  'SpaceEdit',
  'SpaceView',
  'TaskCancel',
  'TaskCreate',
  'TaskEdit',
  'TaskView',
  'TeamCreate',
  'TeamDelete',
  'TeamEdit',
  'TeamView',
  'UserEdit',
  'UserInvite',
  'UserRoleEdit',
  'UserRoleView',
  'UserView',
];

/** Any project / environment / tenant: the dimension does not apply to the resource checked. */
export const ANY = -2;
export const UNTENANTED = -1;

interface Grant {
  space: number;
  /** null = unrestricted; otherwise flags by catalog index. */
  projects: Uint8Array | null;
  environments: Uint8Array | null;
  tenants: Uint8Array | null;
}

const isAll = (ids: string[]) => ids.length === 0 || ids.some((id) => id.endsWith('-all'));

export class Access {
  private readonly grants = new Map<string, Grant[]>();
  readonly system: ReadonlySet<string>;
  private readonly spaces = new Set<number>();

  constructor(
    private readonly store: Store,
    readonly user: number,
  ) {
    const set = store.users[user].Permissions;
    this.system = new Set(set.SystemPermissions);
    for (const [permission, entries] of Object.entries(set.SpacePermissions)) {
      const compiled: Grant[] = [];
      for (const entry of entries) {
        const grant = this.compile(entry);
        if (grant) {
          compiled.push(grant);
          this.spaces.add(grant.space);
        }
      }
      this.grants.set(permission, compiled);
    }
  }

  private compile(entry: PermissionRestriction): Grant | null {
    const s = this.store;
    const space = entry.SpaceId ? (s.spaceIndex.get(entry.SpaceId) ?? -1) : -1;
    if (space < 0) return null;
    let projects: Uint8Array | null = null;
    const projectIds = entry.RestrictedToProjectIds ?? [];
    const groupIds = entry.RestrictedToProjectGroupIds ?? [];
    if (!(isAll(projectIds) && isAll(groupIds))) {
      projects = new Uint8Array(s.projects.length);
      const groups = new Set(groupIds.map((id) => s.projectGroupIndex.get(id)));
      s.projects.forEach((p, i) => {
        if (projectIds.includes(p.Id) || groups.has(s.projectGroupOf[i])) projects![i] = 1;
      });
    }
    const flags = (ids: string[], index: Map<string, number>, n: number): Uint8Array | null => {
      if (isAll(ids)) return null;
      const out = new Uint8Array(n);
      for (const id of ids) {
        const at = index.get(id);
        if (at !== undefined) out[at] = 1;
      }
      return out;
    };
    return {
      space,
      projects,
      environments: flags(entry.RestrictedToEnvironmentIds ?? [], s.environmentIndex, s.environments.length),
      tenants: flags(entry.RestrictedToTenantIds ?? [], s.tenantIndex, s.tenants.length),
    };
  }

  /** Whether the user holds any permission in the space (what makes it appear in `/api/spaces`). */
  inSpace(space: number): boolean {
    return this.spaces.has(space);
  }

  /**
   * Whether `permission` is granted in `space` for a resource of that project / environment / tenant;
   * pass {@link ANY} for a dimension the resource does not have, {@link UNTENANTED} for "no tenant".
   */
  can(permission: string, space: number, project = ANY, environment = ANY, tenant = ANY): boolean {
    const grants = this.grants.get(permission);
    if (!grants) return false;
    for (const g of grants) {
      if (g.space !== space) continue;
      if (project !== ANY && g.projects && !g.projects[project]) continue;
      if (environment !== ANY && g.environments && !g.environments[environment]) continue;
      if (tenant >= 0 && g.tenants && !g.tenants[tenant]) continue;
      return true;
    }
    return false;
  }

  /** Whether some grant of `permission` in `space` has no project restriction (space-wide resources). */
  unrestricted(permission: string, space: number): boolean {
    return (this.grants.get(permission) ?? []).some(
      (g) => g.space === space && !g.projects && !g.environments && !g.tenants,
    );
  }

  /** Deployment-scoped check (deployments, their tasks, interruptions and events). */
  canDeployment(permission: string, d: number): boolean {
    const deps = this.store.deployments;
    const project = deps.project[d];
    const tenant = deps.tenant[d];
    return this.can(
      permission,
      this.store.projectSpace[project],
      project,
      deps.environment[d],
      tenant < 0 ? UNTENANTED : tenant,
    );
  }
}

const restriction = (
  spaceId: string,
  r: Partial<Omit<PermissionRestriction, 'SpaceId'>> = {},
): PermissionRestriction => ({
  SpaceId: spaceId,
  RestrictedToProjectIds: r.RestrictedToProjectIds ?? [],
  RestrictedToEnvironmentIds: r.RestrictedToEnvironmentIds ?? [],
  RestrictedToTenantIds: r.RestrictedToTenantIds ?? [],
  RestrictedToProjectGroupIds: r.RestrictedToProjectGroupIds ?? [],
});

const permissionLinks = (userId: string) => ({
  Self: `/api/users/${userId}/permissions`,
  Export: `/api/users/${userId}/permissions/export`,
});

/** The administrator: every permission, unrestricted, in every space. */
export function adminPermissionSet(userId: string, spaceIds: string[]): UserPermissionSetResource {
  const spacePermissions: Record<string, PermissionRestriction[]> = {};
  for (const p of ADMIN_SPACE_PERMISSIONS) spacePermissions[p] = spaceIds.map((id) => restriction(id));
  return {
    Id: userId,
    SpacePermissions: spacePermissions,
    SystemPermissions: ADMIN_SYSTEM_PERMISSIONS,
    Teams: [
      { Id: 'teams-administrators', Name: 'Octopus Administrators', SpaceId: null },
      { Id: 'teams-everyone', Name: 'Everyone', SpaceId: null },
      ...spaceIds.map((id) => ({ Id: `teams-spacemanagers-${id}`, Name: 'Space Managers', SpaceId: id })),
    ],
    IsTeamsComplete: true,
    IsPermissionsComplete: true,
    Links: permissionLinks(userId),
  };
}

export interface RestrictedScope {
  spaceId: string;
  projectIds: string[];
  environmentIds: string[];
  tenantIds: string[];
}

/** A read-only team member limited to some projects, environments and tenants of one space. */
export function restrictedPermissionSet(userId: string, scope: RestrictedScope, teamId: string): UserPermissionSetResource {
  const scoped = restriction(scope.spaceId, {
    RestrictedToProjectIds: scope.projectIds,
    RestrictedToEnvironmentIds: scope.environmentIds,
    RestrictedToTenantIds: scope.tenantIds,
  });
  const spaceWide = restriction(scope.spaceId);
  const spacePermissions: Record<string, PermissionRestriction[]> = {};
  for (const p of VIEW_PERMISSIONS) {
    // Lifecycles and tag sets are not project-scoped in Octopus.
    spacePermissions[p] = p === 'LifecycleView' || p === 'TagSetView' ? [spaceWide] : [scoped];
  }
  return {
    Id: userId,
    SpacePermissions: spacePermissions,
    SystemPermissions: ['UserView'],
    Teams: [
      { Id: 'teams-everyone', Name: 'Everyone', SpaceId: null },
      { Id: teamId, Name: 'Web Team (read-only)', SpaceId: scope.spaceId },
    ],
    IsTeamsComplete: true,
    IsPermissionsComplete: true,
    Links: permissionLinks(userId),
  };
}
