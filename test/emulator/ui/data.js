import { get, getAll, getByIds } from './api.js';

/**
 * Short-lived caches for what many pages share, like the portal's query cache. Cached loads take no
 * abort signal: one page leaving must not cancel a load another page is waiting on.
 */
const cache = new Map();
const TTL_MS = 30_000;

function cached(key, load) {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.promise;
  const entry = { at: Date.now(), promise: load(), value: undefined };
  entry.promise.then(
    (value) => {
      entry.value = value;
    },
    () => cache.delete(key),
  );
  cache.set(key, entry);
  return entry.promise;
}

/** A resolved cache entry, for rendering synchronously when the data is already here. */
function peek(key) {
  const hit = cache.get(key);
  return hit && Date.now() - hit.at < TTL_MS ? hit.value : undefined;
}

export function clearCache() {
  cache.clear();
}

const byId = (items) => new Map(items.map((item) => [item.Id, item]));

export const environments = (spaceId) => cached(`environments:${spaceId}`, () => getAll(`/api/${spaceId}/environments`).then(byId));
export const projectGroups = (spaceId) => cached(`projectgroups:${spaceId}`, () => getAll(`/api/${spaceId}/projectgroups`).then(byId));

/** A project by slug or id (the API accepts both). Cached under both, so id links resolve quickly. */
export function project(spaceId, slugOrId) {
  return cached(`project:${spaceId}:${slugOrId}`, async () => {
    const found = await get(`/api/${spaceId}/projects/${encodeURIComponent(slugOrId)}`);
    for (const key of [found.Id, found.Slug]) {
      if (key !== slugOrId) cache.set(`project:${spaceId}:${key}`, { at: Date.now(), promise: Promise.resolve(found), value: found });
    }
    return found;
  });
}

export const peekProject = (spaceId, slugOrId) => peek(`project:${spaceId}:${slugOrId}`);

/**
 * Deployments joined with what a row shows: their task (state and times live there, not on the
 * deployment), release version, environment and tenant names.
 */
export async function deploymentRows(spaceId, deployments, signal) {
  const tenantIds = deployments.map((d) => d.TenantId).filter(Boolean);
  const [tasks, releases, envs, tenants] = await Promise.all([
    getByIds(`/api/${spaceId}/tasks`, deployments.map((d) => d.TaskId), { signal }),
    getByIds(`/api/${spaceId}/releases`, deployments.map((d) => d.ReleaseId), { signal }),
    environments(spaceId),
    tenantIds.length ? getByIds(`/api/${spaceId}/tenants`, tenantIds, { signal }) : new Map(),
  ]);
  return deployments.map((deployment) => ({
    deployment,
    task: tasks.get(deployment.TaskId),
    release: releases.get(deployment.ReleaseId),
    environment: envs.get(deployment.EnvironmentId),
    tenant: deployment.TenantId ? tenants.get(deployment.TenantId) : undefined,
  }));
}
