/**
 * Server tasks: `/api/{spaceId}/tasks` and `/api/tasks?spaces=` with Octopus's filters, `/api/tasks/{id}`,
 * and `POST /api/tasks/{id}/state` (edit a finished task's state, with Octopus's 400 messages).
 *
 * Date filters are inclusive at both ends and compare what is visible at `now` (an unfinished task has
 * no CompletedTime).
 */
import { badRequest, forbidden, notFound } from '../errors';
import type { Ctx, Router } from '../router';
import { taskDescription, taskJson } from '../resources';
import { isFinalState, State, type Store, stateCode, stateName, TaskKind } from '../store';
import { TASKS_TEMPLATE } from './root';
import { canonicalId, filterKey, indexesOf, jsonBody, pageOfRows, requestedSpaces, spaceOf, unionRows } from './common';

const SPACE_PARAMS =
  'skip,active,environment,tenant,runbook,project,name,node,running,states,hasPendingInterruptions,hasWarningsOrErrors,take,ids,partialName,description,fromCompletedDate,toCompletedDate,fromQueueDate,toQueueDate,fromStartDate,toStartDate';

const EDITABLE = ['Canceled', 'Failed', 'Success'];

export function canSeeTask(ctx: Ctx, t: number): boolean {
  const store = ctx.core.store;
  const d = store.tasks.deployment[t];
  if (store.tasks.kind[t] === TaskKind.Deploy && d >= 0) return ctx.access.canDeployment('TaskView', d);
  const space = store.tasks.space[t];
  return space >= 0 && ctx.access.unrestricted('TaskView', space);
}

function matchingTasks(ctx: Ctx, store: Store, spaces: number[]): ArrayLike<number> {
  const q = ctx.query;
  const ids = q.list('ids');
  const states = q.list('states')?.map(stateCode);
  const name = q.get('name')?.toLowerCase();
  const projects = indexesOf(q.list('project'), store.projectIndex, 'Projects');
  const environments = indexesOf(q.list('environment'), store.environmentIndex, 'Environments');
  const tenants = indexesOf(q.list('tenant'), store.tenantIndex, 'Tenants');
  const active = q.bool('active');
  const running = q.bool('running');
  const pendingInterruptions = q.bool('hasPendingInterruptions');
  const warnings = q.bool('hasWarningsOrErrors');
  const text = (q.get('description') ?? q.get('partialName'))?.toLowerCase();
  const node = q.get('node')?.toUpperCase();
  const runbook = q.get('runbook');
  const range = (from: string, to: string) => {
    const lo = q.date(from);
    const hi = q.date(to);
    return lo === undefined && hi === undefined ? undefined : ([lo ?? Number.NEGATIVE_INFINITY, hi ?? Number.POSITIVE_INFINITY] as const);
  };
  const completedIn = range('fromCompletedDate', 'toCompletedDate');
  const queuedIn = range('fromQueueDate', 'toQueueDate');
  const startedIn = range('fromStartDate', 'toStartDate');
  const spaceSet = new Set(spaces);
  const allVisible = spaces.every((s) => ctx.access.unrestricted('TaskView', s));
  const filtered =
    ids || states || name || projects || environments || tenants || active || running ||
    pendingInterruptions !== undefined || warnings !== undefined || text || node || runbook || completedIn || queuedIn || startedIn;
  if (!filtered && allVisible && spaces.length === 1) return store.tasksBySpace[spaces[0]].view();
  return store.cached(filterKey(ctx, `tasks:${spaces.join(',')}`), () => {
    if (runbook) return new Int32Array(0);
    const tasks = store.tasks;
    const deps = store.deployments;
    let base: ArrayLike<number>;
    if (ids) {
      base = unionRows([ids.map((id) => store.taskRow(canonicalId(id, 'ServerTasks'))).filter((t) => t >= 0)]);
    } else if (projects || environments || tenants) {
      const lists: Int32Array[] = [];
      const pick = projects
        ? [...projects].map((p) => store.deploymentsByProject[p].view())
        : environments
          ? [...environments].map((e) => store.deploymentsByEnvironment[e].view())
          : [...tenants!].map((t) => store.deploymentsByTenant[t].view());
      for (const l of pick) lists.push(Int32Array.from(l, (d) => deps.task[d]));
      base = unionRows(lists);
    } else {
      base = spaces.length === 1 ? store.tasksBySpace[spaces[0]].view() : unionRows(spaces.map((s) => store.tasksBySpace[s].view()));
    }
    const now = store.now;
    // CompletedTime and StartTime exist only once they happened; QueueTime may lie in the future.
    const within = (r: readonly [number, number] | undefined, t: number, visible = t <= now) =>
      !r || (visible && t >= r[0] && t <= r[1]);
    const out = new Int32Array(base.length);
    let n = 0;
    for (let i = 0; i < base.length; i++) {
      const t = base[i];
      if (!spaceSet.has(tasks.space[t])) continue;
      const d = tasks.deployment[t];
      const isDeploy = tasks.kind[t] === TaskKind.Deploy && d >= 0;
      if ((projects || environments || tenants) && !isDeploy) continue;
      if (projects && !projects.has(deps.project[d])) continue;
      if (environments && !environments.has(deps.environment[d])) continue;
      if (tenants && !tenants.has(deps.tenant[d])) continue;
      if (name && (isDeploy ? 'deploy' : (store.strings.get(tasks.name[t]) ?? '').toLowerCase()) !== name) continue;
      if (!allVisible && !canSeeTask(ctx, t)) continue;
      const state = store.taskState(t);
      if (states && !states.includes(state)) continue;
      if (active && isFinalState(state)) continue;
      if (running && state !== State.Executing) continue;
      if (pendingInterruptions !== undefined && (store.pendingInterruptionKinds(t) !== 0) !== pendingInterruptions) continue;
      if (!within(completedIn, tasks.completed[t])) continue;
      if (!within(queuedIn, tasks.queueTime[t], true)) continue;
      if (!within(startedIn, tasks.start[t])) continue;
      if (text && !taskDescription(store, t).toLowerCase().includes(text)) continue;
      if (warnings !== undefined || node) {
        const json = taskJson(store, t);
        if (warnings !== undefined && json.HasWarningsOrErrors !== warnings) continue;
        if (node && json.ServerNode !== node) continue;
      }
      out[n++] = t;
    }
    return out.slice(0, n);
  });
}

function taskOf(ctx: Ctx, key: string, space?: number): number {
  const store = ctx.core.store;
  const t = store.taskRow(canonicalId(key, 'ServerTasks'));
  if (t < 0 || (space !== undefined && store.tasks.space[t] !== space)) throw notFound(key);
  const taskSpace = store.tasks.space[t];
  if (taskSpace >= 0 && !ctx.access.inSpace(taskSpace)) throw forbidden('TaskView');
  if (!canSeeTask(ctx, t)) throw forbidden('TaskView');
  return t;
}

export function registerTasks(router: Router): void {
  router.get('/api/{spaceId}/tasks', (ctx) => {
    const store = ctx.core.store;
    const space = spaceOf(ctx, 'TaskView');
    const rows = matchingTasks(ctx, store, [space]);
    return {
      body: pageOfRows(ctx, rows, 'Task', `/api/${store.spaces[space].Id}/tasks{/id}{?${SPACE_PARAMS}}`, (t) => taskJson(store, t)),
    };
  });

  router.get('/api/tasks', (ctx) => {
    const store = ctx.core.store;
    const spaces = requestedSpaces(ctx, 'TaskView');
    const rows = spaces.length ? matchingTasks(ctx, store, spaces) : new Int32Array(0);
    return { body: pageOfRows(ctx, rows, 'Task', TASKS_TEMPLATE, (t) => taskJson(store, t)) };
  });

  router.get('/api/tasks/{id}', (ctx) => ({ body: taskJson(ctx.core.store, taskOf(ctx, ctx.params.id)) }));

  router.get('/api/{spaceId}/tasks/{id}', (ctx) => {
    const space = spaceOf(ctx, 'TaskView');
    return { body: taskJson(ctx.core.store, taskOf(ctx, ctx.params.id, space)) };
  });

  router.post('/api/tasks/{id}/state', (ctx) => {
    const store = ctx.core.store;
    const t = taskOf(ctx, ctx.params.id);
    const d = store.tasks.deployment[t];
    const allowed =
      d >= 0 ? ctx.access.canDeployment('TaskEdit', d) : ctx.access.unrestricted('TaskEdit', store.tasks.space[t]);
    if (!allowed) throw forbidden('TaskEdit');
    const body = jsonBody(ctx);
    const wanted = typeof body.state === 'string' ? body.state : typeof body.State === 'string' ? body.State : '';
    const reasonValue = body.reason ?? body.Reason;
    const reason = typeof reasonValue === 'string' && reasonValue.trim() ? reasonValue.trim() : null;
    const state = EDITABLE.find((s) => s.toLowerCase() === wanted.toLowerCase());
    if (!state) {
      throw badRequest(['The task can not be put into the state. Valid states are: Canceled, Failed, Success.']);
    }
    const current = store.taskState(t);
    if (!EDITABLE.includes(stateName(current))) {
      throw badRequest(['It can only be changed out of the states: Canceled, Failed, Success.']);
    }
    const at = store.actionInstant();
    store.addEdit({ task: t, previous: current, state: stateCode(state), reason, occurred: at, user: ctx.session.user });
    store.advanceTo(at);
    return { body: taskJson(store, t) };
  });
}
