/** `GET /api/{spaceId}/interruptions{?regarding,pendingOnly,ids}` (newest first) and one by id. */
import { forbidden, notFound } from '../errors';
import type { Ctx, Router } from '../router';
import { interruptionJson } from '../resources';
import type { Store } from '../store';
import { canonicalId, filterKey, filterRows, pageOfRows, spaceOf } from './common';

/** The documents an interruption is about: its task, deployment, project, environment and tenant. */
function related(store: Store, i: number): string[] {
  const t = store.interruptions.task[i];
  const ids = [`ServerTasks-${store.tasks.id[t]}`];
  const d = store.tasks.deployment[t];
  if (d >= 0) {
    const deps = store.deployments;
    ids.push(
      `Deployments-${deps.id[d]}`,
      store.projects[deps.project[d]].Id,
      store.environments[deps.environment[d]].Id,
      `Releases-${store.releases.id[deps.release[d]]}`,
    );
    if (deps.tenant[d] >= 0) ids.push(store.tenants[deps.tenant[d]].Id);
  }
  return ids.map((id) => id.toLowerCase());
}

function canSee(ctx: Ctx, i: number): boolean {
  const store = ctx.core.store;
  const d = store.tasks.deployment[store.interruptions.task[i]];
  return d >= 0 ? ctx.access.canDeployment('InterruptionView', d) : ctx.access.unrestricted('InterruptionView', store.tasks.space[store.interruptions.task[i]]);
}

function viewerCanSubmit(ctx: Ctx, i: number): boolean {
  const store = ctx.core.store;
  const d = store.tasks.deployment[store.interruptions.task[i]];
  return d >= 0 && ctx.access.canDeployment('InterruptionSubmit', d);
}

export function registerInterruptions(router: Router): void {
  router.get('/api/{spaceId}/interruptions', (ctx) => {
    const store = ctx.core.store;
    const space = spaceOf(ctx, 'InterruptionView');
    const regarding = ctx.query.list('regarding')?.map((id) => id.toLowerCase());
    const pendingOnly = ctx.query.bool('pendingOnly') === true;
    const ids = ctx.query.list('ids')?.map((id) => store.interruptionRow(canonicalId(id, 'Interruptions')));
    const rows = store.cached(filterKey(ctx, 'interruptions'), () =>
      filterRows(store.interruptionsBySpace[space].view(), (i) => {
        if (!store.isInterruptionVisible(i)) return false;
        if (ids && !ids.includes(i)) return false;
        if (pendingOnly && !store.isInterruptionPending(i)) return false;
        if (regarding) {
          const mine = related(store, i);
          if (!regarding.some((r) => mine.includes(r))) return false;
        }
        return canSee(ctx, i);
      }),
    );
    return {
      body: pageOfRows(
        ctx,
        rows,
        'Interruption',
        `/api/${store.spaces[space].Id}/interruptions{/id}{?skip,take,regarding,pendingOnly,ids}`,
        (i) => interruptionJson(store, i, ctx.session.user, viewerCanSubmit(ctx, i)),
      ),
    };
  });

  router.get('/api/{spaceId}/interruptions/{id}', (ctx) => {
    const store = ctx.core.store;
    const space = spaceOf(ctx, 'InterruptionView');
    const i = store.interruptionRow(canonicalId(ctx.params.id, 'Interruptions'));
    if (i < 0 || store.tasks.space[store.interruptions.task[i]] !== space || !store.isInterruptionVisible(i)) {
      throw notFound(ctx.params.id);
    }
    if (!canSee(ctx, i)) throw forbidden('InterruptionView');
    return { body: interruptionJson(store, i, ctx.session.user, viewerCanSubmit(ctx, i)) };
  });
}
