/**
 * `GET /api/{spaceId}/deployments` with Octopus's filters (`projects, environments, tenants, channels,
 * taskState, ids, partialName`, comma-separated), newest first. Filters run on precomputed indexes: the
 * smallest matching index drives, the rest are per-row checks; the matching rows are cached so paging
 * through them costs only the page.
 */
import { forbidden, notFound } from '../errors';
import type { Ctx, Router } from '../router';
import { deploymentJson, deploymentName } from '../resources';
import { stateCode, type Store } from '../store';
import { canonicalId, filterKey, indexesOf, pageOfRows, spaceOf, unionRows } from './common';

const PARAMS = 'skip,take,ids,projects,environments,tenants,channels,taskState,partialName';

function flags(set: Set<number> | undefined, n: number): Uint8Array | undefined {
  if (!set) return undefined;
  const out = new Uint8Array(n);
  for (const i of set) out[i] = 1;
  return out;
}

export function matchingDeployments(ctx: Ctx, store: Store, space: number): ArrayLike<number> {
  const q = ctx.query;
  const projects = indexesOf(q.list('projects'), store.projectIndex, 'Projects');
  const environments = indexesOf(q.list('environments'), store.environmentIndex, 'Environments');
  const tenants = indexesOf(q.list('tenants'), store.tenantIndex, 'Tenants');
  const channels = indexesOf(q.list('channels'), store.channelIndex, 'Channels');
  const states = q.list('taskState')?.map(stateCode);
  const ids = q.list('ids');
  const partial = q.get('partialName')?.toLowerCase();
  const unrestricted = ctx.access.unrestricted('DeploymentView', space);
  if (!projects && !environments && !tenants && !channels && !states && !ids && !partial && unrestricted) {
    return store.deploymentsBySpace[space].view();
  }
  return store.cached(filterKey(ctx, 'deployments'), () => {
    // The smallest index drives the scan.
    const candidates: { size: number; rows: () => Int32Array }[] = [];
    const fromIndex = (set: Set<number> | undefined, lists: { length: number; view(): Int32Array }[]) => {
      if (!set) return;
      let size = 0;
      for (const i of set) size += lists[i].length;
      candidates.push({ size, rows: () => unionRows([...set].map((i) => lists[i].view())) });
    };
    if (ids) {
      const rows = ids.map((id) => store.deploymentRow(id)).filter((d) => d >= 0);
      candidates.push({ size: rows.length, rows: () => unionRows([rows]) });
    }
    fromIndex(projects, store.deploymentsByProject);
    fromIndex(environments, store.deploymentsByEnvironment);
    fromIndex(tenants, store.deploymentsByTenant);
    fromIndex(channels, store.deploymentsByChannel);
    const base =
      candidates.length > 0
        ? candidates.sort((a, b) => a.size - b.size)[0].rows()
        : store.deploymentsBySpace[space].view();
    const deps = store.deployments;
    const projectOk = flags(projects, store.projects.length);
    const environmentOk = flags(environments, store.environments.length);
    const tenantOk = flags(tenants, store.tenants.length);
    const channelOk = flags(channels, store.channels.length);
    const idOk = ids ? new Set(ids.map((id) => store.deploymentRow(id))) : undefined;
    const out = new Int32Array(base.length);
    let n = 0;
    for (let i = 0; i < base.length; i++) {
      const d = base[i];
      if (projectOk && !projectOk[deps.project[d]]) continue;
      if (environmentOk && !environmentOk[deps.environment[d]]) continue;
      if (tenantOk && !(deps.tenant[d] >= 0 && tenantOk[deps.tenant[d]])) continue;
      if (channelOk && !channelOk[deps.channel[d]]) continue;
      if (idOk && !idOk.has(d)) continue;
      if (store.deploymentSpace(d) !== space) continue;
      if (!unrestricted && !ctx.access.canDeployment('DeploymentView', d)) continue;
      if (states && !states.includes(store.taskState(deps.task[d]))) continue;
      if (partial && !deploymentName(store, d).toLowerCase().includes(partial)) continue;
      out[n++] = d;
    }
    return out.slice(0, n);
  });
}

export function registerDeployments(router: Router): void {
  router.get('/api/{spaceId}/deployments', (ctx) => {
    const store = ctx.core.store;
    const space = spaceOf(ctx, 'DeploymentView');
    const rows = matchingDeployments(ctx, store, space);
    return {
      body: pageOfRows(ctx, rows, 'Deployment', `/api/${store.spaces[space].Id}/deployments{/id}{?${PARAMS}}`, (d) =>
        deploymentJson(store, d),
      ),
    };
  });

  router.get('/api/{spaceId}/deployments/{id}', (ctx) => {
    const store = ctx.core.store;
    const space = spaceOf(ctx, 'DeploymentView');
    const d = store.deploymentRow(canonicalId(ctx.params.id, 'Deployments'));
    if (d < 0 || store.deploymentSpace(d) !== space) throw notFound(ctx.params.id);
    if (!ctx.access.canDeployment('DeploymentView', d)) throw forbidden('DeploymentView');
    return { body: deploymentJson(store, d) };
  });
}
