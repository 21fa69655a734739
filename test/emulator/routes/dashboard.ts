/**
 * `GET /api/{spaceId}/dashboard`: per project × environment × tenant, the latest deployment (`Items`,
 * `IsCurrent` when it succeeded) and, when that one did not succeed, the latest that did
 * (`PreviousItems`). Filters: `projectId, releaseId, selectedTenants`.
 */
import type { Router } from '../router';
import { ANY } from '../permissions';
import { durationText, octopusDate, octopusDateStrict } from '../octopus-time';
import { INTERRUPTION_TYPES, State, type Store, stateName } from '../store';
import { canonicalId, filterKey, spaceOf } from './common';

function item(store: Store, d: number, isCurrent: boolean, isPrevious: boolean) {
  const deps = store.deployments;
  const t = deps.task[d];
  const tasks = store.tasks;
  const now = store.now;
  const state = store.taskState(t);
  const start = tasks.start[t] <= now ? tasks.start[t] : Number.NaN;
  const completed = tasks.completed[t] <= now ? tasks.completed[t] : Number.NaN;
  const pending = store.pendingInterruptionKinds(t);
  const tenant = deps.tenant[d];
  return {
    ProjectId: store.projects[deps.project[d]].Id,
    EnvironmentId: store.environments[deps.environment[d]].Id,
    ReleaseId: `Releases-${store.releases.id[deps.release[d]]}`,
    DeploymentId: `Deployments-${deps.id[d]}`,
    TaskId: `ServerTasks-${tasks.id[t]}`,
    TenantId: tenant >= 0 ? store.tenants[tenant].Id : null,
    ChannelId: store.channels[deps.channel[d]].Id,
    ReleaseVersion: store.releases.version[deps.release[d]],
    Created: octopusDateStrict(deps.created[d]),
    QueueTime: octopusDateStrict(tasks.queueTime[t]),
    StartTime: octopusDate(start),
    CompletedTime: octopusDate(completed),
    State: stateName(state),
    HasPendingInterruptions: pending !== 0,
    HasWarningsOrErrors: (tasks.flags[t] & 1) !== 0 || state === State.Failed || store.hadGuidedFailure(t),
    ErrorMessage: state === State.Failed ? 'The deployment failed because one or more steps failed.' : '',
    Duration: Number.isNaN(start) ? null : durationText((Number.isNaN(completed) ? now : completed) - start),
    IsCurrent: isCurrent,
    IsPrevious: isPrevious,
    IsCompleted: !Number.isNaN(completed),
    PendingInterruptionTypes: INTERRUPTION_TYPES.filter((_, k) => (pending & (1 << k)) !== 0),
    Links: { Self: `/api/${store.projects[deps.project[d]].SpaceId}/deployments/Deployments-${deps.id[d]}` },
  };
}

export function registerDashboard(router: Router): void {
  router.get('/api/{spaceId}/dashboard', (ctx) => {
    const store = ctx.core.store;
    const space = spaceOf(ctx, 'DeploymentView');
    const spaceId = store.spaces[space].Id;
    const body = store.cached(filterKey(ctx, 'dashboard'), () => {
      const access = ctx.access;
      const projectFilter = ctx.query.get('projectId');
      const releaseFilter = ctx.query.get('releaseId');
      const tenantFilter = ctx.query.list('selectedTenants')?.map((t) => canonicalId(t, 'Tenants'));
      const projects = store.projects
        .map((p, i) => ({ p, i }))
        .filter(
          ({ p, i }) =>
            p.SpaceId === spaceId &&
            access.can('ProjectView', space, i) &&
            (!projectFilter || p.Id === canonicalId(projectFilter, 'Projects')),
        );
      const projectSet = new Set(projects.map(({ i }) => i));
      const environments = store.environments
        .map((e, i) => ({ e, i }))
        .filter(({ e, i }) => e.SpaceId === spaceId && access.can('EnvironmentView', space, ANY, i))
        .sort((a, b) => a.e.SortOrder - b.e.SortOrder);
      const lifecycleEnvs = (lifecycleId: string) => {
        const lc = store.lifecycles[store.lifecycleIndex.get(lifecycleId) ?? -1];
        const ids = lc ? lc.Phases.flatMap((ph) => [...ph.AutomaticDeploymentTargets, ...ph.OptionalDeploymentTargets]) : [];
        return environments.filter(({ e }) => ids.includes(e.Id)).map(({ e }) => e.Id);
      };
      const items: ReturnType<typeof item>[] = [];
      const previous: ReturnType<typeof item>[] = [];
      const seen = new Set<number>();
      const waitingForSuccess = new Set<number>();
      const rows = store.deploymentsBySpace[space];
      const deps = store.deployments;
      for (let k = rows.length - 1; k >= 0; k--) {
        const d = rows.data[k];
        if (!projectSet.has(deps.project[d])) continue;
        if (releaseFilter && `Releases-${store.releases.id[deps.release[d]]}` !== canonicalId(releaseFilter, 'Releases')) continue;
        const tenant = deps.tenant[d];
        if (tenantFilter && (tenant < 0 || !tenantFilter.includes(store.tenants[tenant].Id))) continue;
        if (!access.canDeployment('DeploymentView', d)) continue;
        const key = (deps.project[d] * 4096 + deps.environment[d]) * 8192 + tenant + 1;
        const succeeded = store.taskState(deps.task[d]) === State.Success;
        if (!seen.has(key)) {
          seen.add(key);
          items.push(item(store, d, succeeded, false));
          if (!succeeded) waitingForSuccess.add(key);
        } else if (succeeded && waitingForSuccess.has(key)) {
          waitingForSuccess.delete(key);
          previous.push(item(store, d, false, true));
        }
      }
      const tenants = store.tenants
        .map((t, i) => ({ t, i }))
        .filter(({ t, i }) => t.SpaceId === spaceId && access.can('TenantView', space, ANY, ANY, i));
      return {
        Projects: projects.map(({ p }) => ({
          Id: p.Id,
          Name: p.Name,
          Slug: p.Slug,
          ProjectGroupId: p.ProjectGroupId,
          EnvironmentIds: lifecycleEnvs(p.LifecycleId),
          TenantedDeploymentMode: p.TenantedDeploymentMode,
          IsDisabled: p.IsDisabled,
          CanPerformUntenantedDeployment: p.TenantedDeploymentMode !== 'Tenanted',
          Links: { Self: `/api/${spaceId}/projects/${p.Id}` },
        })),
        ProjectGroups: store.projectGroups
          .filter((g) => g.SpaceId === spaceId && projects.some(({ p }) => p.ProjectGroupId === g.Id))
          .map((g) => ({ Id: g.Id, Name: g.Name, EnvironmentIds: environments.map(({ e }) => e.Id), Links: { Self: `/api/${spaceId}/projectgroups/${g.Id}` } })),
        Environments: environments.map(({ e }) => ({ Id: e.Id, Name: e.Name, Links: { Self: `/api/${spaceId}/environments/${e.Id}` } })),
        Tenants: tenants.map(({ t }) => ({
          Id: t.Id,
          Name: t.Name,
          ProjectEnvironments: t.ProjectEnvironments,
          TenantTags: t.TenantTags,
          Links: { Self: `/api/${spaceId}/tenants/${t.Id}` },
        })),
        Items: items,
        PreviousItems: previous,
        IsFiltered: Boolean(projectFilter || releaseFilter || tenantFilter) || !access.unrestricted('DeploymentView', space),
        ProjectLimit: null,
      };
    });
    return { body };
  });
}
