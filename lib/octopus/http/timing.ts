/** Waiting, back-off and `Retry-After`: the time-dependent parts of the client, injectable for tests. */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Resolves after `ms`; rejects with the signal's reason as soon as it aborts, clearing the timer. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * `Retry-After` in milliseconds from `now`: either delay-seconds (`2`) or an HTTP-date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`). `undefined` when absent or unreadable; never negative.
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only accept something that looks like an HTTP-date: Date.parse alone would take "1.5" as a year.
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface BackoffPolicy {
  /** First delay before jitter. */
  baseDelayMs: number;
  /** Cap on any computed delay. */
  maxDelayMs: number;
}

/**
 * Exponential back-off with "equal jitter": half the delay is fixed, half random, so concurrent
 * requests that failed together do not retry together. `retry` counts from 1.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * A server-requested wait, honoured in full, plus up to 10% (at most 1 s) so many requests told the same
 * `Retry-After` do not all come back in the same millisecond.
 */
export function retryAfterDelay(retryAfterMs: number, random: () => number): number {
  return retryAfterMs + random() * Math.min(1000, retryAfterMs / 10);
}
