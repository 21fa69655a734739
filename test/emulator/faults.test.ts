import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultSpec } from './faults';
import type { RunningEmulator } from './server';
import type { Client } from './test-helpers';
import { startTestEmulator } from './test-helpers';

let emu: RunningEmulator;
let admin: Client;
let anonymous: Client;

beforeEach(async () => {
  const t = await startTestEmulator();
  emu = t.emu;
  admin = t.admin;
  anonymous = t.anonymous;
});
afterEach(() => emu.close());

const statuses = async (n: number, path = '/api/Spaces-1/deployments?take=1') => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await admin.get(path)).status);
  return out;
};

describe('fault spec', () => {
  it('parses the documented example', () => {
    const rules = parseFaultSpec('503:rate=0.1,429:every=20:retryAfter=1,latency=50ms,drop:count=3,expire-session:after=200');
    expect(rules.map((r) => [r.kind, r.status, r.rate, r.every, r.count, r.after, r.retryAfter, r.latencyMs])).toEqual([
      ['status', 503, 0.1, undefined, undefined, undefined, undefined, undefined],
      ['status', 429, undefined, 20, undefined, undefined, 1, undefined],
      ['latency', undefined, undefined, undefined, undefined, undefined, undefined, [50, 50]],
      ['drop', undefined, undefined, undefined, 3, undefined, undefined, undefined],
      ['expire-session', undefined, undefined, undefined, 1, 200, undefined, undefined],
    ]);
    expect(parseFaultSpec('latency=20-80ms:route=/api/*/events*')[0]).toMatchObject({ latencyMs: [20, 80], route: '/api/*/events*' });
  });

  it('explains what is wrong', () => {
    expect(() => parseFaultSpec('302')).toThrow(/status must be 4xx or 5xx/);
    expect(parseFaultSpec('redirect=8081:route=/api/*/deployments*')[0]).toMatchObject({ kind: 'redirect', redirectPort: 8081, route: '/api/*/deployments*' });
    expect(() => parseFaultSpec('redirect=elsewhere')).toThrow(/redirect needs a port/);
    expect(() => parseFaultSpec('explode')).toThrow(/unknown kind "explode"/);
    expect(() => parseFaultSpec('503:rate=2')).toThrow(/rate must be between 0 and 1/);
    expect(() => parseFaultSpec('503:often')).toThrow(/needs a value/);
    expect(() => parseFaultSpec('latency=fast')).toThrow(/latency must look like/);
  });
});

describe('injected faults', () => {
  it('503 on a route pattern only, with the errors contract', async () => {
    emu.setFaults('503:route=/api/*/deployments*');
    const r = await admin.get('/api/Spaces-1/deployments');
    expect(r.status).toBe(503);
    expect(r.json.ErrorMessage).toMatch(/unavailable/);
    expect(r.headers.get('retry-after')).toBeNull();
    expect((await admin.get('/api/Spaces-1/tasks')).status).toBe(200);
  });

  it('429 every Nth request with Retry-After', async () => {
    emu.setFaults('429:every=3:retryAfter=2');
    const got = await statuses(7);
    expect(got).toEqual([200, 200, 429, 200, 200, 429, 200]);
    const r = await (async () => {
      await admin.get('/api');
      return admin.get('/api');
    })();
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('2');
  });

  it('500 for a count, then healthy', async () => {
    emu.setFaults('500:count=2');
    expect(await statuses(4)).toEqual([500, 500, 200, 200]);
  });

  it('rate is random but seeded', async () => {
    emu.setFaults('500:rate=0.5');
    const got = await statuses(40);
    const failed = got.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
  });

  it('adds latency', async () => {
    emu.setFaults('latency=150ms:route=/api/users/me');
    const t = performance.now();
    expect((await admin.get('/api/users/me')).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('drops the connection', async () => {
    emu.setFaults('drop:count=1');
    await expect(fetch(`${emu.url}/api`)).rejects.toThrow();
    expect((await anonymous.get('/api')).status).toBe(200);
  });

  it('redirects to the same path on another port of the same host', async () => {
    emu.setFaults('redirect=8081:route=/api/*/deployments*');
    const moved = await fetch(`${emu.url}/api/Spaces-1/deployments?take=1`, { redirect: 'manual' });
    expect(moved.status).toBe(302);
    expect(moved.headers.get('Location')).toBe(`http://${new URL(emu.url).hostname}:8081/api/Spaces-1/deployments?take=1`);
    expect((await anonymous.get('/api')).status).toBe(200);
  });

  it('truncates or malforms the JSON body', async () => {
    const whole = await admin.get('/api/Spaces-1/deployments?take=5');
    emu.setFaults('truncate:count=1');
    const truncated = await admin.get('/api/Spaces-1/deployments?take=5');
    expect(truncated.status).toBe(200);
    expect(truncated.text.length).toBeLessThan(whole.text.length);
    expect(() => JSON.parse(truncated.text)).toThrow();
    emu.setFaults('malformed:count=1');
    const malformed = await admin.get('/api/Spaces-1/deployments?take=5');
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
    expect(JSON.parse((await admin.get('/api/Spaces-1/deployments?take=5')).text)).toEqual(whole.json);
  });

  it('expires every session after N requests, once', async () => {
    emu.setFaults('expire-session:after=3');
    expect(await statuses(5, '/api/users/me')).toEqual([200, 200, 200, 401, 401]);
    const again = await emu.signIn('admin');
    const r = await fetch(`${emu.url}/api/users/me`, { headers: { Cookie: again.cookie } });
    expect(r.status).toBe(200);
  });

  it('is controlled over HTTP, and never touches /__emulator', async () => {
    const set = await anonymous.post('/__emulator/faults', { spec: '500' });
    expect(set.json.rules).toEqual([{ spec: '500', kind: 'status', seen: 0, fired: 0 }]);
    expect((await anonymous.get('/__emulator/status')).status).toBe(200);
    expect((await anonymous.get('/api')).status).toBe(500);
    expect((await anonymous.get('/__emulator/faults')).json.rules[0]).toMatchObject({ seen: 1, fired: 1 });
    const invalid = await anonymous.post('/__emulator/faults', { spec: '500:sometimes' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.Errors[0]).toMatch(/needs a value/);
    await anonymous.post('/__emulator/faults', { spec: '' });
    expect((await anonymous.get('/api')).status).toBe(200);
  });
});

describe('counters', () => {
  it('count requests per route template, status and bytes, and reset', async () => {
    await anonymous.post('/__emulator/counters/reset');
    const a = await admin.get('/api/Spaces-1/deployments?take=3');
    const b = await admin.get('/api/Spaces-2/deployments?take=2');
    const c = await admin.get('/api/Spaces-1/tasks?take=1');
    await anonymous.get('/api/Spaces-1/tasks');
    emu.setFaults('503:count=1');
    await admin.get('/api/Spaces-1/tasks');
    const counters = (await anonymous.get('/__emulator/counters')).json;
    expect(counters.requests).toBe(5);
    expect(counters.statuses).toEqual({ '200': 3, '401': 1, '503': 1 });
    const deployments = counters.routes['GET /api/{spaceId}/deployments'];
    expect(deployments).toEqual({
      requests: 2,
      bytes: Buffer.byteLength(a.text) + Buffer.byteLength(b.text),
      statuses: { '200': 2 },
    });
    expect(counters.routes['GET /api/{spaceId}/tasks'].statuses).toEqual({ '200': 1, '401': 1, '503': 1 });
    expect(counters.bytes).toBeGreaterThan(Buffer.byteLength(c.text));
    expect(counters.faults).toEqual({ '503': 1 });
    expect(emu.counters().requests).toBe(5);
    emu.resetCounters();
    expect(emu.counters()).toMatchObject({ requests: 0, bytes: 0, routes: {} });
  });
});
