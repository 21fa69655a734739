/** Helpers every route module uses: space resolution, paging, id lookups. */
import { collection, newestFirst } from '../collection';
import { badRequest, forbidden, notFound } from '../errors';
import type { ResourceCollection } from '../history-file';
import type { Ctx } from '../router';
import { idNumberOf } from '../store';

/**
 * The space a `/api/{spaceId}/…` request addresses: 404 when it does not exist, 403 (naming the
 * permission the endpoint needs) when the user has nothing in it.
 */
export function spaceOf(ctx: Ctx, permission: string): number {
  const id = ctx.params.spaceId;
  const space = ctx.core.store.spaceIndex.get(canonicalId(id, 'Spaces'));
  if (space === undefined) throw notFound(id);
  if (!ctx.access.inSpace(space)) throw forbidden(permission);
  return space;
}

/** Octopus ids are case-insensitive in URLs: `deployments-12` → `Deployments-12`. */
/**
 * The spaces an installation-wide list (`/api/tasks`, `/api/events`) covers: `?spaces=` (or every space the
 * user may see), with Octopus's 403 when a named space is one they may not.
 */
export function requestedSpaces(ctx: Ctx, permission: string): number[] {
  const store = ctx.core.store;
  const wanted = ctx.query.list('spaces');
  const spaces = store.spaces.map((_, i) => i).filter((i) => ctx.access.inSpace(i));
  if (!wanted || wanted.some((w) => w.toLowerCase() === 'all')) return spaces;
  const ids = new Set(wanted.map((w) => canonicalId(w, 'Spaces')));
  for (const id of ids) {
    const s = store.spaceIndex.get(id);
    if (s !== undefined && !ctx.access.inSpace(s)) throw forbidden(permission);
  }
  return spaces.filter((s) => ids.has(store.spaces[s].Id));
}

export function canonicalId(id: string, prefix: string): string {
  const n = idNumberOf(id, prefix);
  return n < 0 ? id : `${prefix}-${n}`;
}

/** A page of an ascending row list, newest first, materialised only for the page. */
export function pageOfRows<T>(
  ctx: Ctx,
  rows: ArrayLike<number>,
  itemType: string,
  template: string,
  item: (row: number) => T,
): ResourceCollection<T> {
  const skip = ctx.query.skip();
  const take = ctx.query.take();
  return collection(
    { itemType, path: ctx.path, template, query: ctx.query, total: rows.length, skip, take },
    newestFirst(rows, skip, take).map(item),
  );
}

/** A page of an already ordered list (catalog resources). */
export function pageOfItems<T>(ctx: Ctx, items: T[], itemType: string, template: string): ResourceCollection<T> {
  const skip = ctx.query.skip();
  const take = ctx.query.take();
  return collection(
    { itemType, path: ctx.path, template, query: ctx.query, total: items.length, skip, take },
    items.slice(skip, skip + take),
  );
}

/** A stable cache key for a request's filters (everything but paging). */
export function filterKey(ctx: Ctx, extra = ''): string {
  const parts = ctx.query.given
    .filter((g) => !['skip', 'take'].includes(g.name.toLowerCase()))
    .map((g) => `${g.name.toLowerCase()}=${ctx.query.get(g.name) ?? ''}`)
    .sort();
  return `${ctx.access.user}|${ctx.path.toLowerCase()}|${extra}|${parts.join('&')}`;
}

/** Ids of a given kind from a comma list, as catalog indexes; unknown ids match nothing. */
export function indexesOf(ids: string[] | undefined, index: Map<string, number>, prefix: string): Set<number> | undefined {
  if (!ids) return undefined;
  const out = new Set<number>();
  for (const id of ids) {
    const at = index.get(canonicalId(id, prefix));
    if (at !== undefined) out.add(at);
  }
  return out;
}

export function jsonBody(ctx: Ctx): Record<string, unknown> {
  const body = ctx.body;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(['The request body must be a JSON object.']);
  }
  return body as Record<string, unknown>;
}

/** Sorted ascending union of several ascending row lists. */
export function unionRows(lists: ArrayLike<number>[]): Int32Array {
  if (lists.length === 1) return Int32Array.from(lists[0] as ArrayLike<number>);
  let total = 0;
  for (const l of lists) total += l.length;
  const out = new Int32Array(total);
  let n = 0;
  for (const l of lists) for (let i = 0; i < l.length; i++) out[n++] = l[i];
  out.sort();
  let w = 0;
  for (let i = 0; i < n; i++) if (i === 0 || out[i] !== out[i - 1]) out[w++] = out[i];
  return out.subarray(0, w);
}

/** Rows of `base` (ascending) that pass `keep`, as a compact array. */
export function filterRows(base: ArrayLike<number>, keep: (row: number) => boolean): Int32Array {
  const out = new Int32Array(base.length);
  let n = 0;
  for (let i = 0; i < base.length; i++) {
    const row = base[i];
    if (keep(row)) out[n++] = row;
  }
  return out.slice(0, n);
}

export function spaceTemplate(spaceId: string, resource: string, params: string): string {
  return `/api/${spaceId}/${resource}{/id}{?${params}}`;
}
