/**
 * Releases (space-wide, per project, per channel), a release's deployments, and its defects (prevent
 * progression: report with `POST …/defects`, unblock with `POST …/defects/resolve`).
 */
import { badRequest, forbidden, notFound } from '../errors';
import type { Ctx, Router } from '../router';
import { deploymentJson, defectJson, releaseJson } from '../resources';
import { filterKey, filterRows, jsonBody, pageOfRows, spaceOf } from './common';
import { channelFamily, oneOf, projectFamily, projectLookup } from './catalog';

const RELEASES_PARAMS = 'skip,ignoreChannelRules,take,ids';

/** A release of the addressed space that the user may see, else 404/403. */
export function releaseOf(ctx: Ctx, key: string): number {
  const store = ctx.core.store;
  const space = spaceOf(ctx, 'ReleaseView');
  const r = store.releaseRow(key);
  if (r < 0 || store.releaseSpace(r) !== space) throw notFound(key);
  if (!ctx.access.can('ReleaseView', space, store.releases.project[r])) throw forbidden('ReleaseView');
  return r;
}

export function registerReleases(router: Router): void {
  router.get('/api/{spaceId}/releases', (ctx) => {
    const store = ctx.core.store;
    const space = spaceOf(ctx, 'ReleaseView');
    const ids = ctx.query.list('ids');
    const rows = store.cached(filterKey(ctx, 'releases'), () => {
      const base = ids
        ? Int32Array.from(new Set(ids.map((id) => store.releaseRow(id)).filter((r) => r >= 0))).sort()
        : store.releasesBySpace[space].view();
      if (!ids && ctx.access.unrestricted('ReleaseView', space)) return base;
      return filterRows(
        base,
        (r) => store.releaseSpace(r) === space && ctx.access.can('ReleaseView', space, store.releases.project[r]),
      );
    });
    return {
      body: pageOfRows(ctx, rows, 'Release', `/api/${store.spaces[space].Id}/releases{/id}{?${RELEASES_PARAMS}}`, (r) =>
        releaseJson(store, r),
      ),
    };
  });

  router.get('/api/{spaceId}/releases/{id}', (ctx) => ({ body: releaseJson(ctx.core.store, releaseOf(ctx, ctx.params.id)) }));

  router.get('/api/{spaceId}/projects/{projectId}/releases', (ctx) => {
    const store = ctx.core.store;
    const project = oneOf(ctx, projectFamily, ctx.params.projectId, (key) => projectLookup(ctx, key));
    const search = ctx.query.get('searchByVersion')?.toLowerCase();
    const all = store.releasesByProject[project].view();
    const rows = search
      ? store.cached(filterKey(ctx, 'project-releases'), () =>
          filterRows(all, (r) => store.releases.version[r].toLowerCase().includes(search)),
        )
      : all;
    const p = store.projects[project];
    return {
      body: pageOfRows(
        ctx,
        rows,
        'Release',
        `/api/${p.SpaceId}/projects/${p.Id}/releases{/version}{?skip,take,searchByVersion}`,
        (r) => releaseJson(store, r),
      ),
    };
  });

  router.get('/api/{spaceId}/projects/{projectId}/releases/{version}', (ctx) => {
    const store = ctx.core.store;
    const project = oneOf(ctx, projectFamily, ctx.params.projectId, (key) => projectLookup(ctx, key));
    const rows = store.releasesByProject[project];
    for (let k = rows.length - 1; k >= 0; k--) {
      const r = rows.data[k];
      if (store.releases.version[r] === ctx.params.version) return { body: releaseJson(store, r) };
    }
    throw notFound(ctx.params.version);
  });

  router.get('/api/{spaceId}/channels/{id}/releases', (ctx) => {
    const store = ctx.core.store;
    const channel = oneOf(ctx, channelFamily, ctx.params.id);
    const project = store.channelProject[channel];
    const search = ctx.query.get('searchByVersion')?.toLowerCase();
    const rows = store.cached(filterKey(ctx, 'channel-releases'), () =>
      filterRows(
        store.releasesByProject[project].view(),
        (r) => store.releases.channel[r] === channel && (!search || store.releases.version[r].toLowerCase().includes(search)),
      ),
    );
    const c = store.channels[channel];
    return {
      body: pageOfRows(ctx, rows, 'Release', `/api/${c.SpaceId}/channels/${c.Id}/releases{?skip,take,searchByVersion}`, (r) =>
        releaseJson(store, r),
      ),
    };
  });

  router.get('/api/{spaceId}/releases/{id}/deployments', (ctx) => {
    const store = ctx.core.store;
    const r = releaseOf(ctx, ctx.params.id);
    const project = store.releases.project[r];
    const rows = store.cached(filterKey(ctx, 'release-deployments'), () =>
      filterRows(
        store.deploymentsByProject[project].view(),
        (d) => store.deployments.release[d] === r && ctx.access.canDeployment('DeploymentView', d),
      ),
    );
    const spaceId = store.projects[project].SpaceId;
    return {
      body: pageOfRows(
        ctx,
        rows,
        'Deployment',
        `/api/${spaceId}/releases/Releases-${store.releases.id[r]}/deployments{?skip,take}`,
        (d) => deploymentJson(store, d),
      ),
    };
  });

  router.get('/api/{spaceId}/releases/{id}/defects', (ctx) => {
    const store = ctx.core.store;
    const r = releaseOf(ctx, ctx.params.id);
    const defects = store.defectsByRelease.get(r) ?? [];
    const spaceId = store.projects[store.releases.project[r]].SpaceId;
    return {
      body: pageOfRows(
        ctx,
        defects,
        'Defect',
        `/api/${spaceId}/releases/Releases-${store.releases.id[r]}/defects{?skip,take}`,
        (at) => defectJson(store, at),
      ),
    };
  });

  router.post('/api/{spaceId}/releases/{id}/defects', (ctx) => {
    const store = ctx.core.store;
    const r = releaseOf(ctx, ctx.params.id);
    const space = store.releaseSpace(r);
    if (!ctx.access.can('DefectReport', space, store.releases.project[r])) throw forbidden('DefectReport');
    const body = jsonBody(ctx);
    const description = typeof body.Description === 'string' ? body.Description.trim() : '';
    if (!description) throw badRequest(['Please provide a description of the defect.']);
    if (store.unresolvedDefect(r) >= 0) throw badRequest(['An unresolved defect already exists for this release.']);
    const at = store.actionInstant();
    const defect = store.addDefect({
      id: store.allocate('Defects'),
      release: r,
      description,
      created: at,
      createdBy: ctx.session.user,
      resolved: Number.NaN,
      resolvedBy: -1,
    });
    store.advanceTo(at);
    return { body: defectJson(store, defect) };
  });

  router.post('/api/{spaceId}/releases/{id}/defects/resolve', (ctx) => {
    const store = ctx.core.store;
    const r = releaseOf(ctx, ctx.params.id);
    const space = store.releaseSpace(r);
    if (!ctx.access.can('DefectResolve', space, store.releases.project[r])) throw forbidden('DefectResolve');
    const at = store.unresolvedDefect(r);
    if (at < 0) throw badRequest(['There are no unresolved defects for this release.']);
    const when = store.actionInstant();
    store.defects[at].resolved = when;
    store.defects[at].resolvedBy = ctx.session.user;
    store.advanceTo(when);
    return { body: defectJson(store, at) };
  });
}
