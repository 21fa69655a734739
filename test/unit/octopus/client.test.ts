import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOctopusClient, type OctopusClientOptions } from '@/lib/octopus/client';
import {
  Aborted,
  Forbidden,
  NetworkError,
  NotFound,
  NotSignedIn,
  RateLimited,
  Redirected,
  SchemaMismatch,
  ServerError,
  UnexpectedResponse,
} from '@/lib/octopus/errors';
import { DeploymentSchema, ProjectSchema, UserSchema } from '@/lib/octopus/schemas';
import { fakeFetch, fixture, json, ORIGIN, octopusError, pagedResponse, recordingSleep } from './fake-octopus';

const ItemSchema = z.object({ Id: z.string() });
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `Items-${i + 1}`, Extra: i }));

function clientWith(handler: Parameters<typeof fakeFetch>[0], options: Partial<OctopusClientOptions> = {}) {
  const fake = fakeFetch(handler);
  const timing = recordingSleep();
  const client = createOctopusClient({
    origin: ORIGIN,
    fetch: fake.fetch,
    sleep: timing.sleep,
    random: () => 0,
    ...options,
  });
  return { client, calls: fake.calls, waits: timing.waits };
}

describe('requests carry the session and nothing else', () => {
  it('GETs with credentials included, JSON accepted and no API key anywhere', async () => {
    const { client, calls } = clientWith(() => json(fixture('user-me')));
    const user = await client.get('/api/users/me', undefined, UserSchema);
    expect(user.Username).toBe('jane.doe');
    expect(calls).toHaveLength(1);
    const [{ init, url }] = calls;
    expect(init.method).toBe('GET');
    expect(init.credentials).toBe('include');
    const headers = new Headers(init.headers);
    expect(headers.get('Accept')).toBe('application/json');
    expect(headers.has('X-Octopus-ApiKey')).toBe(false);
    expect(headers.has('Authorization')).toBe(false);
    expect([...url.searchParams.keys()].map((k) => k.toLowerCase())).not.toContain('apikey');
    expect(url.href).toBe(`${ORIGIN}/api/users/me`);
  });

  it('keeps a virtual directory and drops a trailing slash from the server address', async () => {
    const { client, calls } = clientWith(() => json(fixture('user-me')), { origin: 'https://ci.example.com/octopus/' });
    await client.get('/api/users/me', undefined, UserSchema);
    expect(calls[0].url.href).toBe('https://ci.example.com/octopus/api/users/me');
    expect(client.signInUrl).toBe('https://ci.example.com/octopus/app#/users/sign-in');
  });

  it('refuses a non-http server address', () => {
    expect(() => createOctopusClient({ origin: 'file:///etc' })).toThrow(TypeError);
  });
});

describe('validation at the boundary', () => {
  it('throws SchemaMismatch instead of returning part of a page', async () => {
    const page = fixture<{ Items: Record<string, unknown>[] }>('deployments');
    page.Items[0].ReleaseId = 44;
    const { client } = clientWith(() => json(page));
    const error = await client.getPage('/api/Spaces-1/deployments', undefined, DeploymentSchema).catch((e) => e);
    expect(error).toBeInstanceOf(SchemaMismatch);
    expect(error).toMatchObject({
      resource: 'Deployment',
      itemIds: ['Deployments-12'],
      fieldPaths: ['ReleaseId'],
      failedCount: 1,
      totalCount: 2,
    });
    expect(error.url).toContain('/api/Spaces-1/deployments?skip=0&take=');
  });

  it('names a single resource and its id', async () => {
    const { client } = clientWith(() => json({ ...fixture('project'), Slug: undefined }));
    const error = await client.get('/api/Spaces-1/projects/Projects-1', undefined, ProjectSchema).catch((e) => e);
    expect(error).toBeInstanceOf(SchemaMismatch);
    expect(error.message).toMatch(/Project.*Projects-1.*Slug/s);
  });

  it('reports an HTML page (wrong address, proxy login) as not Octopus', async () => {
    const { client } = clientWith(() => new Response('<!doctype html><title>Sign in</title>', { status: 200 }));
    const error = await client.get('/api', undefined, UserSchema).catch((e) => e);
    expect(error).toBeInstanceOf(UnexpectedResponse);
    expect(error.message).toContain(ORIGIN);
  });
});

describe('paging', () => {
  it('reads every page with skip/take and stops when Page.Next is gone', async () => {
    const all = items(7);
    const { client, calls } = clientWith((url) => pagedResponse(all, url));
    const pages = [];
    for await (const page of client.pages('/api/Spaces-1/things', { projects: ['Projects-1'] }, ItemSchema, { pageSize: 3 })) {
      pages.push(page);
    }
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.items)).toEqual(all.map(({ Id }) => ({ Id })));
    expect(calls.map((c) => c.url.search)).toEqual([
      '?projects=Projects-1&skip=0&take=3',
      '?projects=Projects-1&skip=3&take=3',
      '?projects=Projects-1&skip=6&take=3',
    ]);
    expect(pages[2]).toMatchObject({ skip: 6, take: 3, totalResults: 7, hasNext: false });
  });

  it('advances by the items received when the server caps the page size', async () => {
    const all = items(5);
    const { client, calls } = clientWith((url) => pagedResponse(all, url, 'Item', 2));
    const read = await client.getAll('/api/Spaces-1/things', undefined, ItemSchema, { pageSize: 100 });
    expect(read).toHaveLength(5);
    expect(calls.map((c) => c.url.searchParams.get('skip'))).toEqual(['0', '2', '4']);
  });

  it('starts from a checkpoint skip', async () => {
    const { client, calls } = clientWith((url) => pagedResponse(items(10), url));
    const read = await client.getAll('/api/Spaces-1/things', undefined, ItemSchema, { pageSize: 4, skip: 6 });
    expect(read.map((i) => i.Id)).toEqual(['Items-7', 'Items-8', 'Items-9', 'Items-10']);
    expect(calls).toHaveLength(1);
  });

  it('stops on an empty page even if the server still claims a next page', async () => {
    const { client, calls } = clientWith(() =>
      json({ ItemType: 'Item', TotalResults: 50, ItemsPerPage: 10, NumberOfPages: 5, LastPageNumber: 4, Items: [], Links: { 'Page.Next': '/x' } }),
    );
    expect(await client.getAll('/api/Spaces-1/things', undefined, ItemSchema)).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('stops once TotalResults are read even if Page.Next is still sent', async () => {
    const { client, calls } = clientWith(() =>
      json({ ItemType: 'Item', TotalResults: 2, ItemsPerPage: 2, NumberOfPages: 1, LastPageNumber: 0, Items: items(2), Links: { 'Page.Next': '/x' } }),
    );
    expect(await client.getAll('/api/Spaces-1/things', undefined, ItemSchema, { pageSize: 2 })).toHaveLength(2);
    expect(calls).toHaveLength(1);
  });

  it('lets a consumer stop early without further requests', async () => {
    const { client, calls } = clientWith((url) => pagedResponse(items(100), url));
    for await (const page of client.pages('/api/Spaces-1/things', undefined, ItemSchema, { pageSize: 10 })) {
      expect(page.items).toHaveLength(10);
      break;
    }
    expect(calls).toHaveLength(1);
  });
});

describe('bounded concurrency', () => {
  it('never has more requests in flight than the bound, shared by all callers', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { client, calls } = clientWith(
      async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        return json({ Id: 'x' });
      },
      { concurrency: 3 },
    );
    await Promise.all(Array.from({ length: 25 }, (_, i) => client.get(`/api/things/${i}`, undefined, ItemSchema)));
    expect(calls).toHaveLength(25);
    expect(maxInFlight).toBe(3);
  });

  it('defaults to 4', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { client } = clientWith(async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return json({ Id: 'x' });
    });
    await Promise.all(Array.from({ length: 12 }, () => client.get('/api/x', undefined, ItemSchema)));
    expect(maxInFlight).toBe(4);
  });
});

describe('retries', () => {
  it('waits out 429 Retry-After: 2 and then succeeds', async () => {
    const { client, calls, waits } = clientWith((_, __, n) =>
      n === 1 ? octopusError(429, 'Too many requests', { 'Retry-After': '2' }) : json({ Id: 'ok' }),
    );
    expect(await client.get('/api/x', undefined, ItemSchema)).toEqual({ Id: 'ok' });
    expect(calls).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
    expect(waits[0]).toBeLessThanOrEqual(2200);
  });

  it('honours an HTTP-date Retry-After against the injected clock', async () => {
    const now = Date.parse('2026-10-21T07:28:00Z');
    const { client, waits } = clientWith(
      (_, __, n) => (n === 1 ? octopusError(503, 'Maintenance', { 'Retry-After': 'Wed, 21 Oct 2026 07:28:07 GMT' }) : json({ Id: 'ok' })),
      { now: () => now },
    );
    await client.get('/api/x', undefined, ItemSchema);
    expect(waits).toEqual([7000]);
  });

  it('retries 503 with growing back-off until it succeeds', async () => {
    const retries: string[] = [];
    const { client, calls, waits } = clientWith(
      (_, __, n) => (n <= 3 ? new Response('Service Unavailable', { status: 503 }) : json({ Id: 'ok' })),
      { retry: { baseDelayMs: 100 }, onRetry: (e) => retries.push(`${e.attempt}:${e.reason}`) },
    );
    await client.get('/api/x', undefined, ItemSchema);
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([50, 100, 200]); // random() = 0: the lower half of 100, 200, 400
    expect(retries).toEqual(['1:HTTP 503', '2:HTTP 503', '3:HTTP 503']);
  });

  it('gives up on a 503 that never ends after maxAttempts', async () => {
    const { client, calls } = clientWith(() => octopusError(503, 'Server is starting up'), { retry: { maxAttempts: 4 } });
    const error = await client.get('/api/x', undefined, ItemSchema).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(503);
    // The server's words travel apart from ours, to be shown quoted as the server's.
    expect(error.serverMessage).toContain('Server is starting up');
    expect(error.message).not.toContain('Server is starting up');
    expect(calls).toHaveLength(4);
  });

  it('gives up on endless 429s with RateLimited carrying the last Retry-After', async () => {
    const { client, calls } = clientWith(() => octopusError(429, 'Slow down', { 'Retry-After': '3' }));
    const error = await client.get('/api/x', undefined, ItemSchema).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect(error.retryAfterMs).toBe(3000);
    expect(error.transient).toBe(true);
    expect(calls).toHaveLength(5);
  });

  it('does not sit out a Retry-After longer than the cap: the caller reschedules', async () => {
    const { client, calls, waits } = clientWith(() => octopusError(429, 'Slow down', { 'Retry-After': '3600' }));
    const error = await client.get('/api/x', undefined, ItemSchema).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('does not retry a 500', async () => {
    const { client, calls } = clientWith(() => octopusError(500, 'Object reference not set to an instance of an object.'));
    const error = await client.get('/api/x', undefined, ItemSchema).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(500);
    expect(calls).toHaveLength(1);
  });

  it('retries a network error a couple of times, then reports it', async () => {
    const flaky = clientWith((_, __, n) => {
      if (n <= 2) throw new TypeError('Failed to fetch');
      return json({ Id: 'ok' });
    });
    expect(await flaky.client.get('/api/x', undefined, ItemSchema)).toEqual({ Id: 'ok' });
    expect(flaky.calls).toHaveLength(3);

    const down = clientWith(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await down.client.get('/api/x', undefined, ItemSchema).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.message).toContain(ORIGIN);
    expect(down.calls).toHaveLength(3);
  });

  it('treats a hung request as a network failure after the timeout, even if fetch ignores its signal', async () => {
    const { client, calls } = clientWith(() => new Promise<Response>(() => {}), {
      timeoutMs: 20,
      retry: { networkRetries: 1 },
    });
    const error = await client.get('/api/x', undefined, ItemSchema).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(String(error.cause)).toContain('timed out');
    expect(calls).toHaveLength(2);
  });

  it('times out a body that stops arriving half-way', async () => {
    const stalled = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"Items": ['));
          },
        }),
        { status: 200 },
      );
    const { client } = clientWith(stalled, { timeoutMs: 20, retry: { networkRetries: 0 } });
    await expect(client.get('/api/x', undefined, ItemSchema)).rejects.toBeInstanceOf(NetworkError);
  });

  it('counts every attempt through onRequest', async () => {
    const attempts: number[] = [];
    const { client } = clientWith((_, __, n) => (n === 1 ? octopusError(503, 'busy') : json({ Id: 'ok' })), {
      onRequest: (e) => attempts.push(e.attempt),
    });
    await client.get('/api/x', undefined, ItemSchema);
    expect(attempts).toEqual([1, 2]);
  });
});

describe('errors users can act on', () => {
  it('401 → NotSignedIn with a sign-in link, not retried', async () => {
    const { client, calls } = clientWith(() =>
      octopusError(401, 'You must be logged in to request this resource and provide a valid API key or bearer token.'),
    );
    const error = await client.get('/api/users/me', undefined, UserSchema).catch((e) => e);
    expect(error).toBeInstanceOf(NotSignedIn);
    expect(error.signInUrl).toBe(`${ORIGIN}/app#/users/sign-in`);
    expect(error.message).toBe(
      `Your Octopus session has expired or you are not signed in. Sign in to ${ORIGIN} and try again.`,
    );
    expect(error.transient).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('follows no redirect: the session goes to the server only, and the user is told to enable the new address', async () => {
    const { client, calls } = clientWith(() => new Response(null, { status: 302, headers: { Location: 'https://elsewhere.example/api/users/me' } }));
    const error = await client.get('/api/users/me', undefined, UserSchema).catch((e) => e);
    expect(calls[0].init.redirect).toBe('manual');
    expect(error).toBeInstanceOf(Redirected);
    expect(error.kind).toBe('unexpected-response');
    expect(error.transient).toBe(false);
    expect(error.message).toContain(`The server at ${ORIGIN} answered with a redirect`);
    expect(error.message).toContain('enable it under its new address');
    expect(calls).toHaveLength(1);
    // What a browser hands back for a redirect not followed: an opaque answer, status 0.
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), body: null, text: async () => '' } as unknown as Response;
    const browserLike = clientWith(() => opaque);
    expect(await browserLike.client.get('/api/users/me', undefined, UserSchema).catch((e) => e)).toBeInstanceOf(Redirected);
    expect(browserLike.calls).toHaveLength(1);
  });

  it("403 → Forbidden with Octopus's message and the missing permission", async () => {
    const said =
      'You do not have permission to perform this action. Please contact your Octopus administrator. Missing permission: ProjectView';
    const { client } = clientWith(() => octopusError(403, said));
    const error = await client.get('/api/Spaces-1/projects/Projects-9', undefined, ProjectSchema).catch((e) => e);
    expect(error).toBeInstanceOf(Forbidden);
    expect(error.serverMessage).toBe(said);
    expect(error.missingPermission).toBe('ProjectView');
    expect(error.message).not.toContain(said);
  });

  it('404 → NotFound naming the path', async () => {
    const { client } = clientWith(() => octopusError(404, 'The resource you requested was not found.'));
    const error = await client.get('/api/Spaces-9/projects', undefined, ProjectSchema).catch((e) => e);
    expect(error).toBeInstanceOf(NotFound);
    expect(error.message).toContain('/api/Spaces-9/projects');
  });

  it('a 400 is unexpected and carries the Errors list', async () => {
    const { client } = clientWith(() =>
      json({ ErrorMessage: 'There was a problem with your request.', Errors: ['take must be positive'] }, 400),
    );
    const error = await client.get('/api/x', undefined, ItemSchema).catch((e) => e);
    expect(error).toBeInstanceOf(UnexpectedResponse);
    expect(error.serverMessage).toContain('take must be positive');
    expect(error.message).not.toContain('take must be positive');
  });
});

describe('abort', () => {
  it('rejects at once without a request when already aborted', async () => {
    const { client, calls } = clientWith(() => json({ Id: 'x' }));
    const controller = new AbortController();
    controller.abort();
    await expect(client.get('/api/x', undefined, ItemSchema, { signal: controller.signal })).rejects.toBeInstanceOf(Aborted);
    expect(calls).toHaveLength(0);
  });

  it('stops a back-off wait immediately (real timers)', async () => {
    const fake = fakeFetch(() => octopusError(429, 'Slow down', { 'Retry-After': '30' }));
    const client = createOctopusClient({ origin: ORIGIN, fetch: fake.fetch });
    const controller = new AbortController();
    const started = Date.now();
    const request = client.get('/api/x', undefined, ItemSchema, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(request).rejects.toBeInstanceOf(Aborted);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.calls).toHaveLength(1);
  });

  it('cancels the request in flight', async () => {
    let fetchSignal: AbortSignal | undefined;
    const { client } = clientWith((_, init) => {
      fetchSignal = init.signal ?? undefined;
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    });
    const controller = new AbortController();
    const request = client.get('/api/x', undefined, ItemSchema, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(request).rejects.toBeInstanceOf(Aborted);
    expect(fetchSignal?.aborted).toBe(true);
  });

  it('stops waiting for a concurrency slot', async () => {
    const { client, calls } = clientWith(() => new Promise<Response>(() => {}), { concurrency: 1, timeoutMs: 60_000 });
    const hung = new AbortController();
    const hungRequest = client.get('/api/hung', undefined, ItemSchema, { signal: hung.signal });
    const controller = new AbortController();
    const queued = client.get('/api/queued', undefined, ItemSchema, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(queued).rejects.toBeInstanceOf(Aborted);
    expect(calls.map((c) => c.url.pathname)).toEqual(['/api/hung']);
    // The hung fetch ignores its signal; aborting still settles the request and frees the slot.
    hung.abort();
    await expect(hungRequest).rejects.toBeInstanceOf(Aborted);
  });
});
