import { describe, expect, it } from 'vitest';
import { toQueryString } from '@/lib/octopus/http/query';
import { createSemaphore } from '@/lib/octopus/http/semaphore';
import { backoffDelay, parseRetryAfter, retryAfterDelay, sleep } from '@/lib/octopus/http/timing';

describe('toQueryString', () => {
  it('joins multi-value params with literal commas and encodes each value', () => {
    expect(toQueryString({ projects: ['Projects-1', 'Projects-2'], partialName: 'a,b & c', take: 30 })).toBe(
      '?projects=Projects-1,Projects-2&partialName=a%2Cb%20%26%20c&take=30',
    );
  });

  it('leaves out undefined, null and empty lists', () => {
    expect(toQueryString({ a: undefined, b: null, ids: [] })).toBe('');
    expect(toQueryString({ pendingOnly: false })).toBe('?pendingOnly=false');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-10-21T07:28:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});

describe('back-off', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 8000 };

  it('doubles per retry, caps, and jitters within the upper half', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('waits at least what Retry-After asked, plus at most 10% (≤ 1 s)', () => {
    expect(retryAfterDelay(2000, () => 0)).toBe(2000);
    expect(retryAfterDelay(2000, () => 1)).toBe(2200);
    expect(retryAfterDelay(60_000, () => 1)).toBe(61_000);
  });
});

describe('sleep', () => {
  it('rejects as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = sleep(10_000, controller.signal);
    setTimeout(() => controller.abort(new Error('stop')), 10);
    await expect(waiting).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('createSemaphore', () => {
  it('hands slots out in order and never above the limit', async () => {
    const semaphore = createSemaphore(2);
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    const order: string[] = [];
    const granted = (name: string) => (release: () => void) => {
      order.push(name);
      return release;
    };
    const c = semaphore.acquire().then(granted('c'));
    const d = semaphore.acquire().then(granted('d'));
    expect(semaphore.inUse).toBe(2);
    expect(semaphore.waiting).toBe(2);
    a();
    a(); // a second release of the same slot must not free another
    await c;
    expect(order).toEqual(['c']);
    b();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    (await c)();
    expect(semaphore.inUse).toBe(0);
  });

  it('drops an aborted waiter from the queue', async () => {
    const semaphore = createSemaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(semaphore.waiting).toBe(0);
    release();
    expect(semaphore.inUse).toBe(0);
  });

  it('refuses a nonsensical limit', () => {
    expect(() => createSemaphore(0)).toThrow(RangeError);
  });
});
