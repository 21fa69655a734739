/**
 * The typed client over the user's Octopus session.
 *
 * - Reads only (GET), authenticated by the browser's session cookie: `credentials: 'include'`, never an API
 *   key (DESIGN decision 2). Works wherever `fetch` does; the service worker passes the real one, tests a fake.
 * - Every response is validated with a zod schema; a response that fails is thrown as `SchemaMismatch`,
 *   never returned in part.
 * - One semaphore per client bounds requests in flight (default 4), across paging, batches and retries.
 * - 429 and 502/503/504 are retried with exponential back-off and jitter, honouring `Retry-After`; network
 *   failures a couple of times; anything else fails at once with a typed error (./errors.ts). One request
 *   and its retries are ./http/request.ts.
 * - Every call takes an AbortSignal; aborting ends waits, back-offs and requests immediately.
 */
import type { z } from 'zod';
import { signInUrl } from '@/lib/host/server-url';
import type { QueryParams } from './http/query';
import { DEFAULT_RETRY, type Requester, type RequestEvent, type RetryEvent, type RetryOptions, requestJson } from './http/request';
import { createSemaphore } from './http/semaphore';
import { type Sleep, sleep as timerSleep } from './http/timing';
import { collection, resourceNameOf } from './schemas/common';
import { validate } from './validate';

export type { QueryParams, QueryValue } from './http/query';

/** Octopus's own default is 30; larger pages keep request counts proportional to history / page size. */
export const DEFAULT_PAGE_SIZE = 500;

export interface OctopusClientOptions {
  /** The server's base URL: its origin, plus the virtual directory if Octopus is hosted under one. */
  origin: string;
  fetch?: typeof fetch;
  /** Requests in flight at once, shared by everything this client does. Default 4. */
  concurrency?: number;
  retry?: RetryOptions;
  /** Per attempt, including reading the body; a timeout counts as a network failure. Default 60 000. */
  timeoutMs?: number;
  /**
   * Checked before every attempt; a rejection ends the request with that error. The worker's client asks
   * the browser whether the server is still enabled (lib/trust/permitted-fetch.ts).
   */
  guard?: (url: string) => Promise<void>;
  /** Called before every attempt (so retries count): progress and request budgets. */
  onRequest?: (event: RequestEvent) => void;
  /** Called before every back-off wait, e.g. to show "Octopus is busy, retrying in 2 s". */
  onRetry?: (event: RetryEvent) => void;
  /** Injected for deterministic tests; must reject promptly when the signal aborts. */
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface PageRequest extends RequestOptions {
  skip?: number;
  take?: number;
}

export interface PagesOptions extends RequestOptions {
  /** `take` for each request. Default {@link DEFAULT_PAGE_SIZE}. */
  pageSize?: number;
  /** Where to start, e.g. a checkpoint. Default 0. */
  skip?: number;
}

/** One validated page of a collection. */
export interface Page<T> {
  items: T[];
  /** The `skip` this page was requested with. */
  skip: number;
  take: number;
  /** As of this page: newest-first collections grow while they are paged. */
  totalResults: number;
  /** Octopus sent `Page.Next`. */
  hasNext: boolean;
}

export interface OctopusClient {
  /** The normalised base URL requests go to. */
  readonly origin: string;
  /** Where to send the user when the session has expired. */
  readonly signInUrl: string;
  /** The bound on requests in flight, for callers that fan out (./batch.ts). */
  readonly concurrency: number;
  /** GET `path` and validate the whole body with `schema`. */
  get<S extends z.ZodType>(
    path: string,
    params: QueryParams | undefined,
    schema: S,
    options?: RequestOptions,
  ): Promise<z.output<S>>;
  /** GET one page of a collection, every item validated with `itemSchema`. */
  getPage<S extends z.ZodType>(
    path: string,
    params: QueryParams | undefined,
    itemSchema: S,
    options?: PageRequest,
  ): Promise<Page<z.output<S>>>;
  /**
   * Every page from `skip` on, one request at a time, until Octopus sends no `Page.Next` or all
   * `TotalResults` are read. The next `skip` advances by the items actually received, so a server that
   * caps `take` below what we asked for loses nothing.
   */
  pages<S extends z.ZodType>(
    path: string,
    params: QueryParams | undefined,
    itemSchema: S,
    options?: PagesOptions,
  ): AsyncGenerator<Page<z.output<S>>, void, undefined>;
  /** All items of a small collection (environments, projects, …). */
  getAll<S extends z.ZodType>(
    path: string,
    params: QueryParams | undefined,
    itemSchema: S,
    options?: PagesOptions,
  ): Promise<z.output<S>[]>;
}

function normaliseBaseUrl(origin: string): string {
  const url = new URL(origin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Octopus server address must be http(s), got ${origin}`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

export function createOctopusClient(options: OctopusClientOptions): OctopusClient {
  const baseUrl = normaliseBaseUrl(options.origin);
  const concurrency = options.concurrency ?? 4;
  const requester: Requester = {
    baseUrl,
    // Called as a plain function, never as a method: a fetch invoked on another object throws
    // "Illegal invocation" in browsers.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    semaphore: createSemaphore(concurrency),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    timeoutMs: options.timeoutMs ?? 60_000,
    guard: options.guard,
    onRequest: options.onRequest,
    onRetry: options.onRetry,
    sleep: options.sleep ?? timerSleep,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
  const collectionSchemas = new WeakMap<z.ZodType, z.ZodType>();
  const collectionOf = (itemSchema: z.ZodType): z.ZodType => {
    let schema = collectionSchemas.get(itemSchema);
    if (!schema) {
      schema = collection(itemSchema);
      collectionSchemas.set(itemSchema, schema);
    }
    return schema;
  };

  const client: OctopusClient = {
    origin: baseUrl,
    signInUrl: signInUrl(baseUrl),
    concurrency,

    async get(path, params, schema, requestOptions = {}) {
      const { url, body } = await requestJson(requester, path, params, requestOptions.signal);
      return validate(schema, body, url, { resource: resourceNameOf(schema) ?? path, paged: false });
    },

    async getPage(path, params, itemSchema, { skip = 0, take = DEFAULT_PAGE_SIZE, signal } = {}) {
      positiveInteger('take', take);
      const { url, body } = await requestJson(requester, path, { ...params, skip, take }, signal);
      const itemType = (body as { ItemType?: unknown } | null)?.ItemType;
      const resource = resourceNameOf(itemSchema) ?? (typeof itemType === 'string' ? itemType : path);
      const envelope = validate(collectionOf(itemSchema), body, url, { resource, paged: true }) as {
        Items: z.output<typeof itemSchema>[];
        TotalResults: number;
        Links: { 'Page.Next'?: string };
      };
      return {
        items: envelope.Items,
        skip,
        take,
        totalResults: envelope.TotalResults,
        hasNext: envelope.Links['Page.Next'] !== undefined,
      };
    },

    async *pages(path, params, itemSchema, { pageSize = DEFAULT_PAGE_SIZE, skip = 0, signal } = {}) {
      let next = skip;
      for (;;) {
        const page = await client.getPage(path, params, itemSchema, { skip: next, take: pageSize, signal });
        yield page;
        next += page.items.length;
        if (!page.hasNext || page.items.length === 0 || next >= page.totalResults) return;
      }
    },

    async getAll(path, params, itemSchema, pagesOptions) {
      const items: z.output<typeof itemSchema>[] = [];
      for await (const page of client.pages(path, params, itemSchema, pagesOptions)) items.push(...page.items);
      return items;
    },
  };
  return client;
}
