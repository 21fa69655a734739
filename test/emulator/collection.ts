/**
 * Octopus's paged envelope (ResourceCollection): `ItemType, TotalResults, ItemsPerPage, NumberOfPages,
 * LastPageNumber (zero-based), Items, Links`, with `Page.Next` only while more pages exist. Links echo
 * the request's parameters in the order of the route's URI template, as Octopus does.
 */
import type { Links, ResourceCollection } from './history-file';
import { type Query, TAKE_ALL } from './query';

export interface PageSpec {
  itemType: string;
  /** Path without query, e.g. `/api/Spaces-1/deployments`. */
  path: string;
  /** The URI template, e.g. `/api/Spaces-1/deployments{/id}{?skip,take,ids}`. */
  template: string;
  query: Query;
  total: number;
  skip: number;
  take: number;
}

function templateParams(template: string): string[] {
  const m = /\{\?([^}]*)\}/.exec(template);
  return m ? m[1].split(',') : ['skip', 'take'];
}

function encodeValue(value: string): string {
  // Octopus leaves commas of multi-value filters readable.
  return encodeURIComponent(value).replace(/%2C/gi, ',');
}

function pageLink(spec: PageSpec, skip: number, take: number): string {
  const parts: string[] = [];
  for (const name of templateParams(spec.template)) {
    if (name === 'skip') parts.push(`skip=${skip}`);
    else if (name === 'take') parts.push(`take=${take}`);
    else {
      const value = spec.query.get(name);
      if (value !== undefined) parts.push(`${name}=${encodeValue(value)}`);
    }
  }
  return `${spec.path}?${parts.join('&')}`;
}

export function pageInfo(total: number, take: number) {
  const pages = take > 0 ? Math.ceil(total / take) : 0;
  return { pages, last: Math.max(0, pages - 1) };
}

export function collection<T>(spec: PageSpec, items: T[]): ResourceCollection<T> {
  const { pages, last } = pageInfo(spec.total, spec.take);
  const links: Links = {
    Self: pageLink(spec, spec.skip, spec.take),
    Template: spec.template,
    'Page.All': pageLink(spec, 0, TAKE_ALL),
  };
  if (spec.take > 0 && spec.skip + spec.take < spec.total) {
    links['Page.Next'] = pageLink(spec, spec.skip + spec.take, spec.take);
  }
  links['Page.Current'] = links.Self;
  links['Page.Last'] = pageLink(spec, last * spec.take, spec.take);
  return {
    ItemType: spec.itemType,
    TotalResults: spec.total,
    ItemsPerPage: spec.take,
    NumberOfPages: pages,
    LastPageNumber: last,
    Items: items,
    Links: links,
  };
}

/** Rows `skip … skip+take` of an ascending row list, newest (last) first. */
export function newestFirst(rows: ArrayLike<number>, skip: number, take: number): number[] {
  const out: number[] = [];
  const end = Math.min(rows.length, skip + take);
  for (let k = skip; k < end; k++) out.push(rows[rows.length - 1 - k]);
  return out;
}
