/**
 * `--base-path /octopus`: the emulator as Octopus behind a reverse proxy under a path. The web UI, the API,
 * the cookies and every link move under the path; nothing answers outside it except the control endpoints.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insideBasePath, normaliseBasePath } from './base-path';
import type { RunningEmulator } from './server';
import { type Client, NOW, startTestEmulator } from './test-helpers';

let emu: RunningEmulator;
let admin: Client;
beforeAll(async () => {
  const t = await startTestEmulator({ basePath: '/octopus' });
  emu = t.emu;
  admin = t.admin;
});
afterAll(() => emu.close());

const uiBuilt = existsSync(new URL('./ui/index.html', import.meta.url));

describe('base path', () => {
  it('is part of the emulator’s URL', () => {
    expect(emu.basePath).toBe('/octopus');
    expect(emu.url).toBe(`${emu.origin}/octopus`);
  });

  it('serves the API under the path, with every link under it too', async () => {
    const root = await admin.get('/api');
    expect(root.status).toBe(200);
    expect(root.json.Links.Self).toBe('/octopus/api');
    expect(root.json.Links.Web).toBe('/octopus/app');
    expect(root.json.Links.Deployments).toMatch(/^\/octopus\/api\/Spaces-1\/deployments\{/);
    const page = await admin.get('/api/Spaces-1/deployments?take=2');
    expect(page.json.Links['Page.Next']).toBe('/octopus/api/Spaces-1/deployments?skip=2&take=2');
    expect(page.json.Items[0].Links.Web).toMatch(/^\/octopus\/app#\/Spaces-1\/deployments\/Deployments-\d+$/);
    // Following a link as Octopus's clients do (against the host) lands on the same server.
    const next = await fetch(emu.origin + page.json.Links['Page.Next'], { headers: { Cookie: admin.signedIn!.cookie } });
    expect(next.status).toBe(200);
    expect((await next.json()).Items).toHaveLength(2);
  });

  it('keeps the store’s own objects untouched (a second request gets the same links)', async () => {
    const first = (await admin.get('/api/spaces/Spaces-1')).json;
    const second = (await admin.get('/api/spaces/Spaces-1')).json;
    expect(second.Links.Self).toBe('/octopus/api/spaces/Spaces-1');
    expect(second).toEqual(first);
    expect(emu.history().Spaces[0].Space.Links.Self).toBe('/api/spaces/Spaces-1');
  });

  it('sets the session cookies for the path only', async () => {
    const response = await fetch(`${emu.url}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ Username: 'admin', Password: 'octopus', State: { UsingSecureConnection: false } }),
    });
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).toContain('; path=/octopus;');
  });

  it('answers 404 outside the path, as a proxy forwarding only /octopus would', async () => {
    for (const path of ['/api', '/app', '/octopusx/api', '/']) {
      const r = await fetch(emu.origin + path, { redirect: 'manual' });
      expect(r.status, path).toBe(404);
    }
    expect(emu.counters().routes['GET (outside /octopus)']?.requests).toBeGreaterThanOrEqual(4);
  });

  it('redirects the path itself to the web UI under it', async () => {
    for (const path of ['/octopus', '/octopus/']) {
      const r = await fetch(emu.origin + path, { redirect: 'manual' });
      expect(r.status, path).toBe(302);
      expect(r.headers.get('location')).toBe('/octopus/app');
    }
  });

  it.runIf(uiBuilt)('serves the web UI mimic under the path, its assets named under it', async () => {
    const html = await (await fetch(`${emu.url}/app`)).text();
    expect(html).toContain('href="/octopus/app/assets/app.css"');
    expect(html).toContain('src="/octopus/app/assets/app.js"');
    expect((await fetch(`${emu.url}/app/assets/app.js`)).status).toBe(200);
  });

  it('keeps the control endpoints at the root and under the path, and counts routes without the path', async () => {
    expect((await fetch(`${emu.origin}/__emulator/status`)).status).toBe(200);
    const status = await (await fetch(`${emu.url}/__emulator/status`)).json();
    expect(status.now).toBe(NOW);
    emu.resetCounters();
    await admin.get('/api/Spaces-1/releases?take=1');
    expect(emu.counters().routes['GET /api/{spaceId}/releases']?.requests).toBe(1);
  });

  it('applies fault routes to the path inside the base', async () => {
    emu.setFaults('503:route=/api/Spaces-1/releases*');
    try {
      expect((await admin.get('/api/Spaces-1/releases?take=1')).status).toBe(503);
      expect((await admin.get('/api/Spaces-1/deployments?take=1')).status).toBe(200);
    } finally {
      emu.setFaults('');
    }
  });
});

describe('normaliseBasePath / insideBasePath', () => {
  it('normalises slashes and refuses anything but a plain path', () => {
    expect(normaliseBasePath('/octopus/')).toBe('/octopus');
    expect(normaliseBasePath('tools/octopus')).toBe('/tools/octopus');
    expect(normaliseBasePath('/')).toBe('');
    expect(() => normaliseBasePath('/oct opus')).toThrow(/e\.g\. \/octopus/);
    expect(() => normaliseBasePath('/a/../b')).toThrow(/not a plain URL path/);
  });

  it('strips the base only from paths inside it', () => {
    expect(insideBasePath('/octopus/api/x', '/octopus')).toBe('/api/x');
    expect(insideBasePath('/octopus', '/octopus')).toBe('/');
    expect(insideBasePath('/octopusx/api', '/octopus')).toBeUndefined();
    expect(insideBasePath('/api', '')).toBe('/api');
  });
});
