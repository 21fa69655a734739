/**
 * The typed client over the user's Octopus session.
 *
 * - Reads only (GET), authenticated by the browser's session cookie: `credentials: 'include'`, never an API
 *   key (DESIGN decision 2). Works wherever `fetch` does; the service worker passes the real one, tests a fake.
 * - Every response is validated with a zod schema; a response that fails is thrown as `SchemaMismatch`,
 *   never returned in part.
 * - One semaphore per client bounds requests in flight (default 4), across paging, batches and retries.
 * - 429 and 502/503/504 are retried with exponential back-off and jitter, honouring `Retry-After`; network
 *   failures a couple of times; anything else fails at once with a typed error (./errors.ts).
 * - Every call takes an AbortSignal; aborting ends waits, back-offs and requests immediately.
 */
import type { z } from 'zod';
import {
  Aborted,
  Forbidden,
  NetworkError,
  NotFound,
  NotSignedIn,
  type OctopusErrorBody,
  RateLimited,
  ServerError,
  UnexpectedResponse,
} from './errors';
import { type QueryParams, toQueryString } from './http/query';
import { createSemaphore } from './http/semaphore';
import { backoffDelay, parseRetryAfter, retryAfterDelay, type Sleep, sleep as timerSleep } from './http/timing';
import { collection, resourceNameOf } from './schemas/common';
import { validate } from './validate';

export type { QueryParams, QueryValue } from './http/query';

/** Octopus's own default is 30; larger pages keep request counts proportional to history / page size. */
export const DEFAULT_PAGE_SIZE = 500;

export interface RetryOptions {
  /** Attempts in all (first one included) for a retryable status. Default 5. */
  maxAttempts?: number;
  /** Extra attempts after a network failure or timeout. Default 2. */
  networkRetries?: number;
  /** First back-off delay, doubled each retry. Default 1000. */
  baseDelayMs?: number;
  /** Cap on a computed back-off delay. Default 30 000. */
  maxDelayMs?: number;
  /**
   * A longer `Retry-After` is not waited out here: the error is thrown with `retryAfterMs` so lib/sync
   * can reschedule (a service worker may be stopped during a long wait). Default 60 000.
   */
  maxRetryAfterMs?: number;
  /** Statuses worth retrying. Default 429, 502, 503, 504; a 500 is Octopus failing, not busy. */
  retryStatuses?: readonly number[];
}

export interface RequestEvent {
  url: string;
  /** 1 for the first try of a request. */
  attempt: number;
}

export interface RetryEvent extends RequestEvent {
  delayMs: number;
  /** `HTTP 429`, `HTTP 503`, `network error`, … */
  reason: string;
}

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

type AttemptOutcome =
  | { type: 'response'; status: number; headers: Headers; text: string }
  | { type: 'network'; error: unknown };

const DEFAULT_RETRY: Required<RetryOptions> = {
  maxAttempts: 5,
  networkRetries: 2,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  retryStatuses: [429, 502, 503, 504],
};

function normaliseBaseUrl(origin: string): string {
  const url = new URL(origin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Octopus server address must be http(s), got ${origin}`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * Rejects when `signal` aborts even if `work` ignores it (an injected fetch, a stalled body stream), so
 * abort and timeout always end the attempt.
 */
function settleOnAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function readErrorBody(text: string): OctopusErrorBody | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return undefined;
    const { ErrorMessage, Errors } = body as Record<string, unknown>;
    return {
      ErrorMessage: typeof ErrorMessage === 'string' ? ErrorMessage : undefined,
      Errors: Array.isArray(Errors) ? Errors.filter((e): e is string => typeof e === 'string') : undefined,
    };
  } catch {
    return undefined;
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

export function createOctopusClient(options: OctopusClientOptions): OctopusClient {
  const baseUrl = normaliseBaseUrl(options.origin);
  // Called as a plain function, never as a method: a fetch invoked on another object throws
  // "Illegal invocation" in browsers.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const concurrency = options.concurrency ?? 4;
  const semaphore = createSemaphore(concurrency);
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const wait = options.sleep ?? timerSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const collectionSchemas = new WeakMap<z.ZodType, z.ZodType>();

  const collectionOf = (itemSchema: z.ZodType): z.ZodType => {
    let schema = collectionSchemas.get(itemSchema);
    if (!schema) {
      schema = collection(itemSchema);
      collectionSchemas.set(itemSchema, schema);
    }
    return schema;
  };

  /** One fetch + body read, holding a concurrency slot only while talking to the server. */
  async function attempt(url: string, signal: AbortSignal | undefined): Promise<AttemptOutcome> {
    let release: () => void;
    try {
      release = await semaphore.acquire(signal);
    } catch (reason) {
      throw new Aborted(url, reason);
    }
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', forwardAbort, { once: true });
    if (signal?.aborted) forwardAbort(); // aborted while the slot was being granted: no event will come
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    try {
      const response = await settleOnAbort(
        doFetch(url, {
          method: 'GET',
          credentials: 'include',
          headers: { Accept: 'application/json' },
          signal: controller.signal,
        }),
        controller.signal,
      );
      const text = await settleOnAbort(response.text(), controller.signal);
      return { type: 'response', status: response.status, headers: response.headers, text };
    } catch (error) {
      if (signal?.aborted) throw new Aborted(url, signal.reason);
      return { type: 'network', error: controller.signal.aborted ? controller.signal.reason : error };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
      release();
    }
  }

  function errorFor(url: string, status: number, text: string, retryAfterMs?: number): Error {
    const body = readErrorBody(text);
    if (status === 401) return new NotSignedIn(baseUrl, url, body);
    if (status === 403) return new Forbidden(url, body);
    if (status === 404) return new NotFound(url, body);
    if (status === 429) return new RateLimited(url, retryAfterMs);
    if (status >= 500) return new ServerError(url, status, body);
    return new UnexpectedResponse(url, status, 'unexpected status', body);
  }

  /** GET with retries; resolves with the URL and the parsed JSON body of a 2xx answer. */
  async function requestJson(
    path: string,
    params: QueryParams | undefined,
    signal?: AbortSignal,
  ): Promise<{ url: string; body: unknown }> {
    if (!path.startsWith('/')) throw new TypeError(`path must start with "/", got ${path}`);
    const url = baseUrl + path + toQueryString(params);
    let statusAttempts = 0;
    let networkFailures = 0;
    for (let attemptNumber = 1; ; attemptNumber++) {
      if (signal?.aborted) throw new Aborted(url, signal.reason);
      // Before every attempt, retries too: a server the user stopped allowing gets no further request.
      await options.guard?.(url);
      options.onRequest?.({ url, attempt: attemptNumber });
      const outcome = await attempt(url, signal);

      let delayMs: number;
      let reason: string;
      if (outcome.type === 'network') {
        networkFailures++;
        if (networkFailures > retry.networkRetries) throw new NetworkError(url, outcome.error);
        delayMs = backoffDelay(networkFailures, retry, random);
        reason = 'network error';
      } else if (outcome.status >= 200 && outcome.status < 300) {
        try {
          return { url, body: JSON.parse(outcome.text) };
        } catch {
          throw new UnexpectedResponse(url, outcome.status, 'the body is not JSON');
        }
      } else {
        statusAttempts++;
        const retryAfterMs = parseRetryAfter(outcome.headers.get('Retry-After'), now());
        const retryable = retry.retryStatuses.includes(outcome.status);
        const tooLong = retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs;
        if (!retryable || tooLong || statusAttempts >= retry.maxAttempts) {
          throw errorFor(url, outcome.status, outcome.text, retryAfterMs);
        }
        delayMs =
          retryAfterMs === undefined
            ? backoffDelay(statusAttempts, retry, random)
            : retryAfterDelay(retryAfterMs, random);
        reason = `HTTP ${outcome.status}`;
      }

      options.onRetry?.({ url, attempt: attemptNumber, delayMs, reason });
      try {
        await wait(delayMs, signal);
      } catch (abortReason) {
        throw new Aborted(url, abortReason);
      }
    }
  }

  const client: OctopusClient = {
    origin: baseUrl,
    signInUrl: `${baseUrl}/app#/users/sign-in`,
    concurrency,

    async get(path, params, schema, requestOptions = {}) {
      const { url, body } = await requestJson(path, params, requestOptions.signal);
      return validate(schema, body, url, { resource: resourceNameOf(schema) ?? path, paged: false });
    },

    async getPage(path, params, itemSchema, { skip = 0, take = DEFAULT_PAGE_SIZE, signal } = {}) {
      positiveInteger('take', take);
      const { url, body } = await requestJson(path, { ...params, skip, take }, signal);
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
