import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './server';
import { startEmulator } from './server';
import { Client, NOW } from './test-helpers';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function start(opts: Parameters<typeof startEmulator>[0] = {}) {
  emu = await startEmulator({ scale: 'tiny', seed: 1, now: NOW, port: 0, ...opts });
  return emu;
}

const login = (e: RunningEmulator, username = 'admin', password = 'octopus') =>
  fetch(`${e.url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ Username: username, Password: password, State: { UsingSecureConnection: false } }),
  });

describe('sessions', () => {
  it('answers 401 without a session, except the API root and sign-in', async () => {
    const e = await start();
    const anonymous = new Client(e);
    const root = await anonymous.get('/api');
    expect(root.status).toBe(200);
    expect(root.json.InstallationId).toBe(e.installationId);
    expect(root.json).toMatchObject({ Application: 'Octopus Deploy', ApiVersion: '3.0.0', Version: expect.any(String) });
    for (const path of ['/api/users/me', '/api/spaces', '/api/Spaces-1', '/api/Spaces-1/deployments', '/api/tasks', '/api/events']) {
      const r = await anonymous.get(path);
      expect(r.status, path).toBe(401);
      expect(r.json.ErrorMessage).toContain('You must be logged in to request this resource');
      expect(r.json).toMatchObject({ Errors: [], ParsedHelpLinks: [], Details: {} });
    }
  });

  it('sign-in sets the two cookies named after the InstallationId (SameSite=Lax by default)', async () => {
    const e = await start();
    const r = await login(e);
    expect(r.status).toBe(200);
    expect((await r.json()).Username).toBe('admin');
    const cookies = r.headers.getSetCookie();
    const auth = cookies.find((c) => c.startsWith(`OctopusIdentificationToken_${e.installationId}=`))!;
    const csrf = cookies.find((c) => c.startsWith(`Octopus-Csrf-Token_${e.installationId}=`))!;
    expect(auth).toMatch(/; HttpOnly/);
    expect(auth).toMatch(/; SameSite=Lax/);
    expect(auth).toMatch(/; path=\//);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toMatch(/; SameSite=Lax/);
    const value = csrf.split(';')[0].split('=').slice(1).join('=');
    // URL-encoded as Octopus stores it.
    expect(value).toMatch(/%2f/);
    expect(value).toMatch(/%7c/);
    expect(value).toMatch(/%3d/);
    expect(decodeURIComponent(value)).not.toBe(value);
  });

  it('SameSite=Strict when configured', async () => {
    const e = await start({ sameSite: 'Strict' });
    const cookies = (await login(e)).headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    for (const c of cookies) expect(c).toMatch(/; SameSite=Strict/);
  });

  it('rejects a wrong password with 400 and sets no cookie', async () => {
    const e = await start();
    const r = await login(e, 'admin', 'nope');
    expect(r.status).toBe(400);
    expect((await r.json()).ErrorMessage).toBe('Invalid username or password.');
    expect(r.headers.getSetCookie()).toEqual([]);
  });

  it('sign-out ends the session and clears the cookies', async () => {
    const e = await start();
    const admin = new Client(e, await e.signIn('admin'));
    expect((await admin.get('/api/users/me')).status).toBe(200);
    const out = await admin.post('/api/users/logout');
    expect(out.status).toBe(200);
    const cleared = out.headers.getSetCookie();
    expect(cleared).toHaveLength(2);
    for (const c of cleared) expect(c).toMatch(/expires=Thu, 01 Jan 1970/);
    expect((await admin.get('/api/users/me')).status).toBe(401);
  });

  it('sessions time out after the configured idle time, and each request slides it', { timeout: 10_000 }, async () => {
    const e = await start({ sessionTimeoutMinutes: 0.02 }); // 1.2 s
    const admin = new Client(e, await e.signIn('admin'));
    // 1.6 s of use in all, longer than the timeout: only sliding keeps the session alive.
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 400));
      expect((await admin.get('/api/users/me')).status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 1800));
    expect((await admin.get('/api/users/me')).status).toBe(401);
  });
});

describe('anti-forgery token', () => {
  it('is required on state-changing requests, exactly as stored in the cookie', async () => {
    const e = await start();
    const signed = await e.signIn('admin');
    const admin = new Client(e, signed);
    const release = e.history().Spaces[0].Releases.at(-5)!;
    const path = `/api/Spaces-1/releases/${release.Id}/defects`;
    const missing = await admin.post(path, { Description: 'x' }, { 'X-Octopus-Csrf-Token': '' });
    expect(missing.status).toBe(403);
    expect(missing.json.ErrorMessage).toBe('A required anti-forgery token was not supplied or was invalid.');
    const decoded = await admin.post(path, { Description: 'x' }, { 'X-Octopus-Csrf-Token': decodeURIComponent(signed.csrfToken) });
    expect(decoded.status).toBe(403);
    const other = new Client(e, await e.signIn('admin'));
    const foreign = await admin.post(path, { Description: 'x' }, { 'X-Octopus-Csrf-Token': other.signedIn!.csrfToken });
    expect(foreign.status).toBe(403);
    const ok = await admin.post(path, { Description: 'Breaks checkout' });
    expect(ok.status).toBe(200);
    // GETs need no token.
    expect((await admin.get(path)).status).toBe(200);
  });
});
