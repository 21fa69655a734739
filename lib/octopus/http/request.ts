/**
 * One GET to Octopus, as the client makes it: a concurrency slot held only while talking to the server, a
 * timeout per attempt, the request guard before every attempt, 429 and 502/503/504 retried with back-off
 * (honouring `Retry-After`), network failures a couple of times, anything else a typed error (../errors.ts).
 */
import { Aborted, Forbidden, NetworkError, NotFound, NotSignedIn, type OctopusErrorBody, RateLimited, Redirected, ServerError, UnexpectedResponse } from '../errors';
import { type QueryParams, toQueryString } from './query';
import type { Semaphore } from './semaphore';
import { backoffDelay, parseRetryAfter, retryAfterDelay, type Sleep } from './timing';

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

export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxAttempts: 5,
  networkRetries: 2,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  retryStatuses: [429, 502, 503, 504],
};

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

/** Everything a request needs from its client. */
export interface Requester {
  /** The server's base URL (no trailing slash). */
  baseUrl: string;
  fetch: typeof fetch;
  semaphore: Semaphore;
  retry: Required<RetryOptions>;
  timeoutMs: number;
  guard?: (url: string) => Promise<void>;
  onRequest?: (event: RequestEvent) => void;
  onRetry?: (event: RetryEvent) => void;
  sleep: Sleep;
  now: () => number;
  random: () => number;
}

type AttemptOutcome = { type: 'response'; status: number; headers: Headers; text: string } | { type: 'network'; error: unknown } | { type: 'redirect' };

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

function errorFor(baseUrl: string, url: string, status: number, text: string, retryAfterMs?: number): Error {
  const body = readErrorBody(text);
  if (status === 401) return new NotSignedIn(baseUrl, url, body);
  if (status === 403) return new Forbidden(url, body);
  if (status === 404) return new NotFound(url, body);
  if (status === 429) return new RateLimited(url, retryAfterMs);
  if (status >= 500) return new ServerError(url, status, body);
  return new UnexpectedResponse(url, status, 'unexpected status', body);
}

/** One fetch + body read, holding a concurrency slot only while talking to the server. */
async function attempt(r: Requester, url: string, signal: AbortSignal | undefined): Promise<AttemptOutcome> {
  let release: () => void;
  try {
    release = await r.semaphore.acquire(signal);
  } catch (reason) {
    throw new Aborted(url, reason);
  }
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  if (signal?.aborted) forwardAbort(); // aborted while the slot was being granted: no event will come
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${r.timeoutMs} ms`)), r.timeoutMs);
  try {
    // No redirect is followed (see `Redirected`): 'manual' stops at the 3xx, an opaque answer in browsers.
    const init: RequestInit = { method: 'GET', credentials: 'include', redirect: 'manual', headers: { Accept: 'application/json' }, signal: controller.signal };
    const response = await settleOnAbort(r.fetch(url, init), controller.signal);
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      void response.body?.cancel().catch(() => undefined);
      return { type: 'redirect' };
    }
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

/** Failures so far, by kind: each kind has its own allowance of retries. */
interface Tries {
  status: number;
  network: number;
}

/** How long to wait before trying again, and why; throws when the outcome is final (a failure not worth retrying). */
function retryAfter(r: Requester, url: string, outcome: Exclude<AttemptOutcome, { type: 'redirect' }>, tries: Tries): { delayMs: number; reason: string } {
  if (outcome.type === 'network') {
    tries.network++;
    if (tries.network > r.retry.networkRetries) throw new NetworkError(url, outcome.error);
    return { delayMs: backoffDelay(tries.network, r.retry, r.random), reason: 'network error' };
  }
  tries.status++;
  const retryAfterMs = parseRetryAfter(outcome.headers.get('Retry-After'), r.now());
  const retryable = r.retry.retryStatuses.includes(outcome.status);
  const tooLong = retryAfterMs !== undefined && retryAfterMs > r.retry.maxRetryAfterMs;
  if (!retryable || tooLong || tries.status >= r.retry.maxAttempts) throw errorFor(r.baseUrl, url, outcome.status, outcome.text, retryAfterMs);
  const delayMs = retryAfterMs === undefined ? backoffDelay(tries.status, r.retry, r.random) : retryAfterDelay(retryAfterMs, r.random);
  return { delayMs, reason: `HTTP ${outcome.status}` };
}

/** GET with retries; resolves with the URL and the parsed JSON body of a 2xx answer. */
export async function requestJson(r: Requester, path: string, params: QueryParams | undefined, signal?: AbortSignal): Promise<{ url: string; body: unknown }> {
  if (!path.startsWith('/')) throw new TypeError(`path must start with "/", got ${path}`);
  const url = r.baseUrl + path + toQueryString(params);
  const tries: Tries = { status: 0, network: 0 };
  for (let attemptNumber = 1; ; attemptNumber++) {
    if (signal?.aborted) throw new Aborted(url, signal.reason);
    // Before every attempt, retries too: a server the user stopped allowing gets no further request.
    await r.guard?.(url);
    r.onRequest?.({ url, attempt: attemptNumber });
    const outcome = await attempt(r, url, signal);
    if (outcome.type === 'redirect') throw new Redirected(url);
    if (outcome.type === 'response' && outcome.status >= 200 && outcome.status < 300) {
      try {
        return { url, body: JSON.parse(outcome.text) };
      } catch {
        throw new UnexpectedResponse(url, outcome.status, 'the body is not JSON');
      }
    }
    const { delayMs, reason } = retryAfter(r, url, outcome, tries);
    r.onRetry?.({ url, attempt: attemptNumber, delayMs, reason });
    try {
      await r.sleep(delayMs, signal);
    } catch (abortReason) {
      throw new Aborted(url, abortReason);
    }
  }
}
