/**
 * The audit feed: `GET /api/{spaceId}/events` and `GET /api/events?spaces=`, ordered by AutoId (the N of
 * `Events-N`) descending — Octopus's order, which differs slightly from `Occurred` order because events
 * reach the table a little after they happen.
 *
 * Filters: `eventCategories, eventGroups, documentTypes, from` (inclusive) `, to` (exclusive, both on
 * Occurred), `fromAutoId, toAutoId` (inclusive), `projects, projectGroups, environments, tenants,
 * regarding` (every id must be related) `, regardingAny` (any), `users/user, ids`. Ranges are found by
 * binary search; other filters are per-row numeric checks; results are cached for paging.
 */
import { forbidden, notFound } from '../errors';
import { ANY, UNTENANTED } from '../permissions';
import type { Ctx, Router } from '../router';
import { eventJson } from '../resources';
import { EVENT_CATEGORIES, EventKind, eventLag, idNumber, MAX_EVENT_LAG_MS, type Store } from '../store';
import { lowerBound } from '../columns';
import { EVENTS_TEMPLATE } from './root';
import { canonicalId, filterKey, indexesOf, pageOfItems, pageOfRows, requestedSpaces, spaceOf } from './common';
import { CONFIG_DOCUMENT_TYPES, configEvents } from './config-events';

const SPACE_PARAMS =
  'skip,regarding,regardingAny,user,users,projects,projectGroups,environments,eventGroups,eventCategories,eventAgents,tags,tenants,from,to,internal,fromAutoId,toAutoId,documentTypes,asCsv,take,ids,excludeDifference';

const GROUPS: Record<string, number[]> = {
  deployment: [0, 1, 2, 3, 4, 5],
  interruption: [4, 5],
  defect: [6, 7],
  // GUESS: a release's creation counts as a document event, as the task state edit (`Modified`) does.
  document: [8, 9],
};

/** The first related document's type, by {@link EventKind}. */
const DOCUMENT_TYPES = [
  'deployments',
  'deployments',
  'deployments',
  'deployments',
  'interruptions',
  'interruptions',
  'releases',
  'releases',
  'servertasks',
  'releases',
];

/** The key rows are ordered by (Occurred plus insertion lag): non-decreasing with the row number. */
function eventKey(store: Store, e: number): number {
  const ev = store.events;
  const kind = ev.kind[e];
  if (kind > EventKind.ManualInterventionInterruptionRaised) return ev.occurred[e];
  const primary = kind <= EventKind.DeploymentFailed ? store.deployments.id[ev.deployment[e]] : store.interruptions.id[ev.aux[e]];
  return ev.occurred[e] + eventLag(kind, primary);
}

/** The deployment-or-release context of an event: project, environment, tenant, release, channel. */
function context(store: Store, e: number) {
  const ev = store.events;
  const d = ev.deployment[e];
  if (d >= 0) {
    const deps = store.deployments;
    return {
      project: deps.project[d],
      environment: deps.environment[d],
      tenant: deps.tenant[d],
      release: deps.release[d],
      channel: deps.channel[d],
      deployment: d,
    };
  }
  const r = store.eventRelease(e);
  return {
    project: store.releases.project[r],
    environment: -1,
    tenant: -1,
    release: r,
    channel: store.releases.channel[r],
    deployment: -1,
  };
}

function eventUser(store: Store, e: number): number {
  const ev = store.events;
  switch (ev.kind[e]) {
    case EventKind.DeploymentQueued:
      return store.deployments.deployedBy[ev.deployment[e]];
    case EventKind.DefectReported:
      return store.defects[ev.aux[e]].createdBy;
    case EventKind.DefectResolved:
      return store.defects[ev.aux[e]].resolvedBy;
    case EventKind.TaskStateChanged:
      return store.edits[ev.aux[e]].user;
    case EventKind.ReleaseCreated:
      return store.releaseCreator(ev.aux[e]);
    default:
      return -1;
  }
}

/** Whether event `e` relates to the document `type-n` (numeric comparison, no strings). */
function relates(store: Store, e: number, type: string, n: number): boolean {
  const c = context(store, e);
  const ev = store.events;
  switch (type) {
    case 'deployments':
      return c.deployment >= 0 && store.deployments.id[c.deployment] === n;
    case 'projects':
      return idNumber(store.projects[c.project].Id) === n;
    case 'releases':
      return store.releases.id[c.release] === n;
    case 'environments':
      return c.environment >= 0 && idNumber(store.environments[c.environment].Id) === n;
    case 'tenants':
      return c.tenant >= 0 && idNumber(store.tenants[c.tenant].Id) === n;
    case 'channels':
      return idNumber(store.channels[c.channel].Id) === n;
    case 'servertasks':
      return c.deployment >= 0 && store.tasks.id[store.deployments.task[c.deployment]] === n;
    case 'interruptions':
      return (
        (ev.kind[e] === EventKind.GuidedFailureInterruptionRaised || ev.kind[e] === EventKind.ManualInterventionInterruptionRaised) &&
        store.interruptions.id[ev.aux[e]] === n
      );
    default:
      return false;
  }
}

function parseDocumentIds(ids: string[] | undefined): { type: string; n: number }[] | undefined {
  return ids?.map((id) => {
    const dash = id.lastIndexOf('-');
    return { type: id.slice(0, dash).toLowerCase(), n: Number(id.slice(dash + 1)) };
  });
}

function canSee(ctx: Ctx, e: number, space: number): boolean {
  const store = ctx.core.store;
  const c = context(store, e);
  if (c.deployment >= 0) return ctx.access.canDeployment('EventView', c.deployment);
  return ctx.access.can('EventView', space, c.project, ANY, UNTENANTED);
}

function matchingEvents(ctx: Ctx, store: Store, spaces: number[]): ArrayLike<number> {
  return store.cached(filterKey(ctx, `events:${spaces.join(',')}`), () => {
    const q = ctx.query;
    const ev = store.events;
    const categories = q.list('eventCategories')?.map((c) => EVENT_CATEGORIES.findIndex((k) => k.toLowerCase() === c.toLowerCase()));
    const groups = q.list('eventGroups')?.flatMap((g) => GROUPS[g.toLowerCase()] ?? []);
    const documentTypes = q.list('documentTypes')?.map((t) => t.toLowerCase());
    const from = q.date('from');
    const to = q.date('to');
    const fromAutoId = q.has('fromAutoId') ? q.int('fromAutoId', 0) : undefined;
    const toAutoId = q.has('toAutoId') ? q.int('toAutoId', 0) : undefined;
    const projects = indexesOf(q.list('projects'), store.projectIndex, 'Projects');
    const groupsOfProjects = indexesOf(q.list('projectGroups'), store.projectGroupIndex, 'ProjectGroups');
    const environments = indexesOf(q.list('environments'), store.environmentIndex, 'Environments');
    const tenants = indexesOf(q.list('tenants'), store.tenantIndex, 'Tenants');
    const regarding = parseDocumentIds(q.list('regarding'));
    const regardingAny = parseDocumentIds(q.list('regardingAny'));
    const userIds = [...(q.list('users') ?? []), ...(q.list('user') ?? [])];
    const users = userIds.length
      ? new Set(userIds.map((id) => (id.toLowerCase() === 'users-system' ? -1 : (store.userIndex.get(canonicalId(id, 'Users')) ?? -2))))
      : undefined;
    const ids = q.list('ids')?.map((id) => idNumber(id));

    const lists = spaces.map((s) => store.eventsBySpace[s].view());
    const out: number[] = [];
    lists.forEach((list, k) => {
      const space = spaces[k];
      const unrestricted = ctx.access.unrestricted('EventView', space);
      let lo = 0;
      let hi = list.length;
      if (fromAutoId !== undefined) lo = Math.max(lo, lowerBound(list.length, (i) => ev.id[list[i]] < fromAutoId));
      if (toAutoId !== undefined) hi = Math.min(hi, lowerBound(list.length, (i) => ev.id[list[i]] <= toAutoId));
      if (from !== undefined) lo = Math.max(lo, lowerBound(list.length, (i) => eventKey(store, list[i]) < from));
      if (to !== undefined) hi = Math.min(hi, lowerBound(list.length, (i) => eventKey(store, list[i]) < to + MAX_EVENT_LAG_MS));
      for (let i = lo; i < hi; i++) {
        const e = list[i];
        const kind = ev.kind[e];
        if (categories && !categories.includes(kind)) continue;
        if (groups && !groups.includes(kind)) continue;
        if (documentTypes && !documentTypes.includes(DOCUMENT_TYPES[kind])) continue;
        const occurred = ev.occurred[e];
        if (from !== undefined && occurred < from) continue;
        if (to !== undefined && occurred >= to) continue;
        if (ids && !ids.includes(ev.id[e])) continue;
        if (projects || groupsOfProjects || environments || tenants) {
          const c = context(store, e);
          if (projects && !projects.has(c.project)) continue;
          if (groupsOfProjects && !groupsOfProjects.has(store.projectGroupOf[c.project])) continue;
          if (environments && !environments.has(c.environment)) continue;
          if (tenants && !tenants.has(c.tenant)) continue;
        }
        if (regarding && !regarding.every((r) => relates(store, e, r.type, r.n))) continue;
        if (regardingAny && !regardingAny.some((r) => relates(store, e, r.type, r.n))) continue;
        if (users && !users.has(eventUser(store, e))) continue;
        if (!unrestricted && !canSee(ctx, e, space)) continue;
        out.push(e);
      }
    });
    // Rows are in AutoId order per space; merge spaces.
    if (spaces.length > 1) out.sort((a, b) => a - b);
    return Int32Array.from(out);
  });
}

function eventOf(ctx: Ctx, key: string, space?: number): number {
  const store = ctx.core.store;
  const e = store.eventRow(canonicalId(key, 'Events'));
  if (e < 0) throw notFound(key);
  const eventSpace = store.eventSpace(e);
  if (space !== undefined && eventSpace !== space) throw notFound(key);
  if (!ctx.access.inSpace(eventSpace) || !canSee(ctx, e, eventSpace)) throw forbidden('EventView');
  return e;
}

export function registerEvents(router: Router): void {
  router.get('/api/events/categories', () => ({
    body: EVENT_CATEGORIES.map((id) => ({ Id: id, Name: id.replace(/([a-z])([A-Z])/g, '$1 $2') })),
  }));

  router.get('/api/{spaceId}/events', (ctx) => {
    const store = ctx.core.store;
    const space = spaceOf(ctx, 'EventView');
    const template = `/api/${store.spaces[space].Id}/events{/id}{?${SPACE_PARAMS}}`;
    // A project's configuration changes (./config-events.ts) are asked for by their document types alone.
    const types = ctx.query.list('documentTypes')?.map((t) => t.toLowerCase());
    if (types && types.length > 0 && types.every((t) => CONFIG_DOCUMENT_TYPES.has(t))) return { body: pageOfItems(ctx, configEvents(ctx, store, space, types), 'Event', template) };
    const rows = matchingEvents(ctx, store, [space]);
    return {
      body: pageOfRows(ctx, rows, 'Event', template, (e) => eventJson(store, e)),
    };
  });

  router.get('/api/events', (ctx) => {
    const store = ctx.core.store;
    const spaces = requestedSpaces(ctx, 'EventView');
    const rows = matchingEvents(ctx, store, spaces);
    return { body: pageOfRows(ctx, rows, 'Event', EVENTS_TEMPLATE, (e) => eventJson(store, e)) };
  });

  router.get('/api/events/{id}', (ctx) => ({ body: eventJson(ctx.core.store, eventOf(ctx, ctx.params.id)) }));

  router.get('/api/{spaceId}/events/{id}', (ctx) => {
    const space = spaceOf(ctx, 'EventView');
    return { body: eventJson(ctx.core.store, eventOf(ctx, ctx.params.id, space)) };
  });
}
