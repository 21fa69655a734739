/**
 * Catalog resources: projects (by id or slug), project groups, environments, channels, tenants, tag sets,
 * lifecycles. Lists are filtered silently by the user's permissions; `/all` variants return plain arrays.
 */
import { forbidden, notFound } from '../errors';
import { ANY } from '../permissions';
import type { Ctx, Router } from '../router';
import type { Store } from '../store';
import { canonicalId, pageOfItems, spaceOf, spaceTemplate } from './common';

const byName = (a: { Name: string }, b: { Name: string }) =>
  a.Name.localeCompare(b.Name, 'en', { sensitivity: 'base' }) || a.Name.localeCompare(b.Name);

interface Family<T> {
  /** Collection path segment, e.g. `projects`. */
  segment: string;
  itemType: string;
  permission: string;
  prefix: string;
  params: string;
  all: (store: Store) => T[];
  index: (store: Store) => Map<string, number>;
  /** Visible to this user (index into `all`). */
  visible: (ctx: Ctx, space: number, at: number) => boolean;
  order: (a: T, b: T) => number;
  /** Extra list filters beyond ids/name/partialName. */
  filter?: (ctx: Ctx, item: T) => boolean;
}

interface CatalogItem {
  Id: string;
  Name: string;
  SpaceId: string;
}

function listOf<T extends CatalogItem>(ctx: Ctx, f: Family<T>, space: number): T[] {
  const store = ctx.core.store;
  const spaceId = store.spaces[space].Id;
  const ids = ctx.query.list('ids')?.map((id) => canonicalId(id, f.prefix));
  const name = ctx.query.get('name')?.toLowerCase();
  const partial = ctx.query.get('partialName')?.toLowerCase();
  const all = f.all(store);
  const out: T[] = [];
  all.forEach((item, at) => {
    if (item.SpaceId !== spaceId || !f.visible(ctx, space, at)) return;
    if (ids && !ids.includes(item.Id)) return;
    if (name && item.Name.toLowerCase() !== name) return;
    if (partial && !item.Name.toLowerCase().includes(partial)) return;
    if (f.filter && !f.filter(ctx, item)) return;
    out.push(item);
  });
  return out.sort(f.order);
}

/** One item by id (or by any key `lookup` understands), with 404/403 as Octopus answers. */
export function oneOf<T extends CatalogItem>(ctx: Ctx, f: Family<T>, key: string, lookup?: (key: string) => number | undefined): number {
  const store = ctx.core.store;
  const space = spaceOf(ctx, f.permission);
  const at = lookup?.(key) ?? f.index(store).get(canonicalId(key, f.prefix));
  if (at === undefined || f.all(store)[at].SpaceId !== store.spaces[space].Id) throw notFound(key);
  if (!f.visible(ctx, space, at)) throw forbidden(f.permission);
  return at;
}

function register<T extends CatalogItem>(router: Router, f: Family<T>, lookup?: (ctx: Ctx, key: string) => number | undefined): void {
  router.get(`/api/{spaceId}/${f.segment}`, (ctx) => {
    const space = spaceOf(ctx, f.permission);
    const spaceId = ctx.core.store.spaces[space].Id;
    return { body: pageOfItems(ctx, listOf(ctx, f, space), f.itemType, spaceTemplate(spaceId, f.segment, f.params)) };
  });
  router.get(`/api/{spaceId}/${f.segment}/all`, (ctx) => ({ body: listOf(ctx, f, spaceOf(ctx, f.permission)) }));
  router.get(`/api/{spaceId}/${f.segment}/{id}`, (ctx) => ({
    body: f.all(ctx.core.store)[oneOf(ctx, f, ctx.params.id, lookup && ((key) => lookup(ctx, key)))],
  }));
}

export const projectFamily: Family<Store['projects'][number]> = {
  segment: 'projects',
  itemType: 'Project',
  permission: 'ProjectView',
  prefix: 'Projects',
  params: 'name,skip,ids,clone,take,partialName,clonedFromProjectId',
  all: (s) => s.projects,
  index: (s) => s.projectIndex,
  visible: (ctx, space, at) => ctx.access.can('ProjectView', space, at),
  order: byName,
};

/** Projects are addressed by id or by slug (the web UI's routes carry the slug). */
export function projectLookup(ctx: Ctx, key: string): number | undefined {
  const store = ctx.core.store;
  const byId = store.projectIndex.get(canonicalId(key, 'Projects'));
  if (byId !== undefined) return byId;
  return store.projectSlugIndex.get(`${canonicalId(ctx.params.spaceId, 'Spaces')}/${key.toLowerCase()}`);
}

export const channelFamily: Family<Store['channels'][number]> = {
  segment: 'channels',
  itemType: 'Channel',
  permission: 'ProjectView',
  prefix: 'Channels',
  params: 'skip,take,ids,partialName',
  all: (s) => s.channels,
  index: (s) => s.channelIndex,
  visible: (ctx, space, at) => ctx.access.can('ProjectView', space, ctx.core.store.channelProject[at]),
  order: (a, b) => a.ProjectId.localeCompare(b.ProjectId) || Number(b.IsDefault) - Number(a.IsDefault) || byName(a, b),
};

export function registerCatalog(router: Router): void {
  // Specific project sub-routes are registered by releases.ts; the project itself here.
  register(router, projectFamily, projectLookup);

  router.get('/api/{spaceId}/projects/{projectId}/channels', (ctx) => {
    const project = oneOf(ctx, projectFamily, ctx.params.projectId, (key) => projectLookup(ctx, key));
    const store = ctx.core.store;
    const space = store.projectSpace[project];
    const items = store.channels.filter((c) => c.ProjectId === store.projects[project].Id).sort(channelFamily.order);
    const partial = ctx.query.get('partialName')?.toLowerCase();
    return {
      body: pageOfItems(
        ctx,
        items.filter((c) => !partial || c.Name.toLowerCase().includes(partial)),
        'Channel',
        `/api/${store.spaces[space].Id}/projects/${store.projects[project].Id}/channels{/id}{?skip,take,partialName}`,
      ),
    };
  });

  register(router, {
    segment: 'projectgroups',
    itemType: 'ProjectGroup',
    permission: 'ProjectGroupView',
    prefix: 'ProjectGroups',
    params: 'skip,take,ids,partialName',
    all: (s) => s.projectGroups,
    index: (s) => s.projectGroupIndex,
    visible: (ctx, space, at) => {
      if (ctx.access.unrestricted('ProjectGroupView', space)) return true;
      const store = ctx.core.store;
      return store.projectGroupOf.some((g, p) => g === at && ctx.access.can('ProjectView', space, p));
    },
    order: byName,
  });

  router.get('/api/{spaceId}/projectgroups/{id}/projects', (ctx) => {
    const space = spaceOf(ctx, 'ProjectGroupView');
    const store = ctx.core.store;
    const group = store.projectGroupIndex.get(canonicalId(ctx.params.id, 'ProjectGroups'));
    if (group === undefined || store.projectGroups[group].SpaceId !== store.spaces[space].Id) throw notFound(ctx.params.id);
    const items = store.projects
      .filter((_, i) => store.projectGroupOf[i] === group && ctx.access.can('ProjectView', space, i))
      .sort(byName);
    return {
      body: pageOfItems(ctx, items, 'Project', `/api/${store.spaces[space].Id}/projectgroups/${store.projectGroups[group].Id}/projects{?skip,take}`),
    };
  });

  register(router, {
    segment: 'environments',
    itemType: 'Environment',
    permission: 'EnvironmentView',
    prefix: 'Environments',
    params: 'name,skip,ids,take,partialName',
    all: (s) => s.environments,
    index: (s) => s.environmentIndex,
    visible: (ctx, space, at) => ctx.access.can('EnvironmentView', space, ANY, at),
    order: (a, b) => a.SortOrder - b.SortOrder || byName(a, b),
  });

  register(router, channelFamily);

  register(router, {
    segment: 'tenants',
    itemType: 'Tenant',
    permission: 'TenantView',
    prefix: 'Tenants',
    params: 'skip,projectId,name,tags,take,ids,clone,partialName,clonedFromTenantId',
    all: (s) => s.tenants,
    index: (s) => s.tenantIndex,
    visible: (ctx, space, at) => ctx.access.can('TenantView', space, ANY, ANY, at),
    order: byName,
    filter: (ctx, tenant) => {
      const projectId = ctx.query.get('projectId');
      if (projectId && !Object.hasOwn(tenant.ProjectEnvironments, canonicalId(projectId, 'Projects'))) return false;
      const tags = ctx.query.list('tags');
      if (tags) {
        // Octopus: any tag within a tag set, every tag set named.
        const bySet = new Map<string, string[]>();
        for (const tag of tags) {
          const set = tag.split('/')[0];
          bySet.set(set, [...(bySet.get(set) ?? []), tag.toLowerCase()]);
        }
        const own = tenant.TenantTags.map((t) => t.toLowerCase());
        for (const wanted of bySet.values()) if (!wanted.some((t) => own.includes(t))) return false;
      }
      return true;
    },
  });

  register(router, {
    segment: 'tagsets',
    itemType: 'TagSet',
    permission: 'TagSetView',
    prefix: 'TagSets',
    params: 'skip,take,ids,partialName',
    all: (s) => s.tagSets,
    index: (s) => s.tagSetIndex,
    visible: (ctx, space) => ctx.access.can('TagSetView', space),
    order: (a, b) => a.SortOrder - b.SortOrder || byName(a, b),
  });

  register(router, {
    segment: 'lifecycles',
    itemType: 'Lifecycle',
    permission: 'LifecycleView',
    prefix: 'Lifecycles',
    params: 'skip,take,ids,partialName',
    all: (s) => s.lifecycles,
    index: (s) => s.lifecycleIndex,
    visible: (ctx, space) => ctx.access.can('LifecycleView', space),
    order: byName,
  });
}
