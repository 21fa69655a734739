import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWeb } from './routes/web';
import type { RunningEmulator } from './server';
import { startTestEmulator } from './test-helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = (await startTestEmulator()).emu;
});
afterAll(() => emu.close());

const uiBuilt = existsSync(new URL('./ui/index.html', import.meta.url));

describe('web UI', () => {
  it('/ redirects to /app', async () => {
    const r = await fetch(`${emu.url}/`, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/app');
  });

  it.runIf(uiBuilt)('serves the mimic’s index.html at /app and /app/, its files under /app/assets/', async () => {
    for (const path of ['/app', '/app/']) {
      const r = await fetch(`${emu.url}${path}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await r.text()).toContain('<div id="root">');
    }
    const css = await fetch(`${emu.url}/app/assets/app.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const js = await fetch(`${emu.url}/app/assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves files outside the UI folder', async () => {
    for (const path of ['/app/assets/../server.ts', '/app/assets/..%2fserver.ts', '/app/assets/%2e%2e/users.ts']) {
      const r = await fetch(`${emu.url}${path}`);
      expect(r.status, path).toBe(404);
    }
  });

  it('serves a placeholder when the mimic is not built', () => {
    const reply = serveWeb('/app', '/nonexistent-ui-folder');
    expect(reply?.status ?? 200).toBe(200);
    expect(String(reply?.raw?.data)).toContain('web UI mimic is not built');
    expect(serveWeb('/app/assets/app.js', '/nonexistent-ui-folder')?.status).toBe(404);
  });
});
