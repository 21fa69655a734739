/**
 * The panel's error states, each with its way out: a failed first sync (reason and Retry, then the numbers),
 * an API that redirects elsewhere (followed by nothing), and an expired Octopus session (a link to Octopus's
 * sign-in page).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { expectedSpace } from '../support/ground-truth';
import { waitForPanelFrame } from './browser';
import { signedInBrowser } from './signed-in';

const session = signedInBrowser({ scale: 'tiny', seed: 2 });

async function openPanel(slug: string): Promise<Frame> {
  const { emulator, page } = session;
  await page.goto(`${emulator.url}/app#/Spaces-1/projects/${slug}/deployments?doraLens=insights`);
  return waitForPanelFrame(page, { project: slug });
}

describe('panel error states', () => {
  it('explains a failed first sync and recovers with Retry', async () => {
    const { emulator } = session;
    emulator.setFaults('500:route=/api/Spaces-1/deployments*');
    // The emulator's history follows the clock: take a project that has numbers in the panel's default view
    // (its default channel to Production, within the last quarter), not whichever comes first.
    const space = emulator.history().Spaces[0];
    const production = space.Environments.find((e) => e.Name === 'Production')!.Id;
    const defaults = new Set(space.Channels.filter((c) => c.IsDefault).map((c) => c.Id));
    const since = Date.now() - 60 * 86_400_000;
    const shown = expectedSpace(emulator.history(), 'Spaces-1').deployments.filter(
      (d) => d.environment === production && defaults.has(d.channel) && d.state === 'Success' && d.completed !== null && d.completed >= since,
    );
    const project = space.Projects.find((p) => shown.some((d) => d.project === p.Id));
    expect(project, 'a project deployed to Production through its default channel lately').toBeDefined();
    const frame = await openPanel(project!.Slug);
    await frame.waitForSelector('[data-testid="error-server-error"]', { timeout: 60_000 });
    const text = await frame.$eval('[data-testid="error-server-error"]', (el) => el.textContent ?? '');
    expect(text).toContain('HTTP 500');
    expect(await frame.$('[data-testid="first-sync"]')).toBeNull();
    emulator.setFaults('');
    await frame.click('[data-testid="error-server-error"] button');
    await frame.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 60_000 });
  });

  it('follows no redirect of Octopus’s API elsewhere: nothing reaches the other address, and the panel says why', async () => {
    const { emulator } = session;
    // Another port of the same host: the browser's permission for the server covers it, and cookies are not per port.
    const reached: string[] = [];
    const elsewhere = createServer((req, res) => {
      reached.push(`${req.url} cookie=${req.headers.cookie ?? ''}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"Items":[],"TotalResults":0,"Links":{}}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    try {
      const frame = await openPanel(emulator.history().Spaces[0].Projects[2].Slug);
      await frame.waitForSelector('[data-testid="sync-bar"] button:not([disabled])', { timeout: 60_000 });
      const [redirect] = emulator.setFaults(`redirect=${(elsewhere.address() as AddressInfo).port}:route=/api/Spaces-1/*`);
      await frame.click('[data-testid="sync-bar"] button');
      const notice = await frame.waitForSelector('[data-testid="error-unexpected-response"]', { timeout: 60_000 });
      expect(await notice!.evaluate((el) => el.textContent ?? '')).toContain('answered with a redirect to another address');
      expect(reached).toEqual([]);
      expect(redirect.fired).toBeGreaterThan(0);
    } finally {
      emulator.setFaults('');
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });

  it('asks to sign in again when the Octopus session has expired, with a link to Octopus’s sign-in page', async () => {
    const { emulator } = session;
    const slug = emulator.history().Spaces[0].Projects[1].Slug;
    const frame = await openPanel(slug);
    // The project's view: its numbers, or the one empty state that says why there are none.
    await frame.waitForSelector('[data-testid="chart-frequency"] canvas, [data-testid="panel-empty"]', { timeout: 60_000 });
    // The project's numbers come first; the rest of the space may still be syncing (its button disabled, a
    // click ignored). Wait for the space to be done, so the click below starts a sync of its own.
    await frame.waitForSelector('[data-testid="sync-bar"] button:not([disabled])', { timeout: 60_000 });
    // The session ends (timeout, sign-out elsewhere) while the panel is open; the user asks for a sync.
    emulator.expireSessions();
    await frame.click('[data-testid="sync-bar"] button');
    const link = await frame.waitForSelector('[data-testid="error-not-signed-in"] a', { timeout: 60_000 });
    // Octopus's sign-in page on the same server, returning to this panel's own route (test/e2e/first-hour.e2e.ts follows it).
    const href = new URL((await link!.evaluate((a) => a.getAttribute('href')))!);
    expect(href.origin + href.pathname).toBe(`${emulator.url}/app`);
    expect(href.hash.split('?')[0]).toBe('#/users/sign-in');
    expect(new URLSearchParams(href.hash.split('?')[1]).get('redirectTo')).toMatch(new RegExp(`^/Spaces-1/projects/${slug}/deployments\\?doraLens=insights`));
    // What was already shown stays on screen.
    expect(await frame.$('[data-testid="chart-frequency"] canvas, [data-testid="panel-empty"]')).not.toBeNull();
  });
});
