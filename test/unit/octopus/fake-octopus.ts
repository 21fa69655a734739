/** Test doubles for the Octopus client: a recording fake `fetch`, Octopus-shaped responses, fixtures. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/octopus-api/', import.meta.url));

/** A fresh copy of `test/fixtures/octopus-api/<name>.json` (tests may mutate it). */
export function fixture<T extends object = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')) as T;
}

export interface RecordedCall {
  url: URL;
  /** Exactly what the client put on the wire, commas and all. */
  rawUrl: string;
  init: RequestInit;
}

export type Handler = (url: URL, init: RequestInit, callNumber: number) => Response | Promise<Response>;

export function fakeFetch(handler: Handler) {
  const calls: RecordedCall[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const rawUrl = String(input);
    const call = { url: new URL(rawUrl), rawUrl, init: init ?? {} };
    calls.push(call);
    return handler(call.url, call.init, calls.length);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** Octopus's errors contract. */
export function octopusError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return json({ ErrorMessage: message, Errors: [], ParsedHelpLinks: [], Details: {} }, status, headers);
}

/**
 * A page of `items` the way Octopus pages: skip/take from the URL (take defaulting to 30), `Page.Next`
 * only while more remain, `maxTake` imitating a server that caps page size.
 */
export function pagedResponse(items: unknown[], url: URL, itemType = 'Item', maxTake = Number.POSITIVE_INFINITY): Response {
  const skip = Number(url.searchParams.get('skip') ?? 0);
  const take = Math.min(Number(url.searchParams.get('take') ?? 30), maxTake);
  const pageItems = items.slice(skip, skip + take);
  const pages = Math.max(1, Math.ceil(items.length / take));
  const links: Record<string, string> = { Self: url.pathname + url.search, 'Page.Current': url.pathname + url.search };
  if (skip + take < items.length) links['Page.Next'] = `${url.pathname}?skip=${skip + take}&take=${take}`;
  return json({
    ItemType: itemType,
    TotalResults: items.length,
    ItemsPerPage: take,
    NumberOfPages: pages,
    LastPageNumber: pages - 1,
    Items: pageItems,
    Links: links,
  });
}

/** A sleep that returns at once and remembers what it was asked to wait; still honours abort. */
export function recordingSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw signal.reason;
    waits.push(ms);
  };
  return { sleep, waits };
}

export const ORIGIN = 'https://octopus.example.com';
