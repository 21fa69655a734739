/**
 * `GET /api` (the root document, public) and `GET /api/{spaceId}` (the space home), as the emulated Octopus
 * version writes them (profiles.ts; its link templates are finished while serialising, see shape.ts).
 */
import type { Router } from '../router';
import { spaceOf } from './common';

export const API_VERSION = '3.0.0';

/** The space-scoped links, as the root (for the default space) and each space home list them. */
export function spaceLinks(spaceId: string): Record<string, string> {
  const s = `/api/${spaceId}`;
  return {
    Channels: `${s}/channels{/id}{?skip,take,ids,partialName}`,
    Dashboard: `${s}/dashboard{?projectId,releaseId,selectedTenants,selectedTags,showAll,highestLatestVersionPerProjectAndEnvironment}`,
    DashboardDynamic: `${s}/dashboard/dynamic{?projects,environments,includePrevious}`,
    Deployments: `${s}/deployments{/id}{?skip,take,ids,projects,environments,tenants,channels,taskState,partialName}`,
    Environments: `${s}/environments{/id}{?name,skip,ids,take,partialName}`,
    Events: `${s}/events{/id}{?skip,regarding,regardingAny,user,users,projects,projectGroups,environments,eventGroups,eventCategories,eventAgents,tags,tenants,from,to,internal,fromAutoId,toAutoId,documentTypes,asCsv,take,ids,excludeDifference}`,
    InsightsReports: `${s}/insights/reports{/id}{?skip,take}`,
    Interruptions: `${s}/interruptions{/id}{?skip,take,regarding,pendingOnly,ids}`,
    Lifecycles: `${s}/lifecycles{/id}{?skip,take,ids,partialName}`,
    ProjectGroups: `${s}/projectgroups{/id}{?skip,take,ids,partialName}`,
    Projects: `${s}/projects{/id}{?name,skip,ids,clone,take,partialName,clonedFromProjectId}`,
    Releases: `${s}/releases{/id}{?skip,ignoreChannelRules,take,ids}`,
    TagSets: `${s}/tagsets{/id}{?skip,take,ids,partialName}`,
    Tasks: `${s}/tasks{/id}{?skip,active,environment,tenant,runbook,project,name,node,running,states,hasPendingInterruptions,hasWarningsOrErrors,take,ids,partialName,description,fromCompletedDate,toCompletedDate,fromQueueDate,toQueueDate,fromStartDate,toStartDate}`,
    Tenants: `${s}/tenants{/id}{?skip,projectId,name,tags,take,ids,clone,partialName,clonedFromTenantId}`,
  };
}

export const TASKS_TEMPLATE =
  '/api/tasks{/id}{?skip,active,environment,tenant,runbook,project,name,node,running,states,hasPendingInterruptions,hasWarningsOrErrors,take,ids,partialName,spaces,includeSystem,description,fromCompletedDate,toCompletedDate,fromQueueDate,toQueueDate,fromStartDate,toStartDate}';
export const EVENTS_TEMPLATE =
  '/api/events{/id}{?skip,regarding,regardingAny,user,users,projects,projectGroups,environments,eventGroups,eventCategories,eventAgents,tags,tenants,from,to,internal,fromAutoId,toAutoId,documentTypes,asCsv,take,ids,spaces,includeSystem,excludeDifference}';

export function registerRoot(router: Router): void {
  router.get(
    '/api',
    (ctx) => {
      const store = ctx.core.store;
      const profile = ctx.core.options.profile;
      const defaultSpace = store.spaces[ctx.core.defaultSpace].Id;
      const links: Record<string, string> = {
        Self: '/api',
        CurrentUser: '/api/users/me',
        EventCategories: '/api/events/categories{?appliesTo}',
        EventGroups: '/api/events/groups{?appliesTo}',
        PermissionDescriptions: '/api/permissions/all',
        SignIn: '/api/users/login{?returnUrl}',
        SignOut: '/api/users/logout',
        SpaceHome: '/api/{spaceId}',
        Spaces: `/api/spaces{/id}{?${profile.spacesParams}}`,
        Users: '/api/users{/id}{?skip,take,ids,filter}',
        Web: '/app',
        ...spaceLinks(defaultSpace),
        // The root's task and event links are installation-wide (the space home has its own).
        Tasks: TASKS_TEMPLATE,
        Events: EVENTS_TEMPLATE,
      };
      for (const name of profile.missingLinks) delete links[name];
      return {
        body: {
          Application: 'Octopus Deploy',
          Version: profile.version,
          ApiVersion: API_VERSION,
          InstallationId: store.installationId,
          ...(profile.hasLongTermSupport === undefined ? {} : { HasLongTermSupport: profile.hasLongTermSupport }),
          Links: links,
        },
      };
    },
    { auth: false },
  );

  router.get('/api/{spaceId}', (ctx) => {
    const space = spaceOf(ctx, 'SpaceView');
    const s = ctx.core.store.spaces[space];
    return {
      body: {
        Id: s.Id,
        Name: s.Name,
        Links: { Self: `/api/${s.Id}`, Space: `/api/spaces/${s.Id}`, Web: `/app#/${s.Id}`, ...spaceLinks(s.Id) },
      },
    };
  });
}
