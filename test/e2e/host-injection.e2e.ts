/**
 * The built extension in real Chromium or Firefox (`E2E_BROWSER`) against the emulator: sign in through the
 * emulator's UI, move between hash routes, and check the DORA Lens entry is on project pages exactly once
 * (and nowhere else).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { type ExtensionBrowser, launchWithExtension, screenshot, signIn, waitForPanelFrame } from './browser';

const ENTRY = '[data-dora-lens="nav-entry"]';
let emulator: RunningEmulator;
let ext: ExtensionBrowser;
let page: Page;

/** What DORA Lens put on the page; `all` leaves out the space entry, which every space page has. */
const countInjected = () =>
  page.evaluate(() => ({
    entries: document.querySelectorAll('[data-dora-lens="nav-entry"]').length,
    overlays: document.querySelectorAll('[data-dora-lens="overlay"]').length,
    all: document.querySelectorAll('[data-dora-lens]:not([data-dora-lens="space-entry"])').length,
  }));
const spaceEntries = () => page.evaluate(() => document.querySelectorAll('[data-dora-lens="space-entry"]').length);

/** Follows a link the way a user does, so the host app's own client-side routing runs. */
async function clickLink(hrefSuffix: string) {
  const link = await page.waitForSelector(`a[href$="${hrefSuffix}"]:not([data-dora-lens] a)`);
  await link!.click();
  await page.waitForFunction((s) => location.hash.endsWith(s), {}, hrefSuffix);
}

/** Waits until the page has been quiet long enough for the content script to have reacted. */
const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300))));

beforeAll(async () => {
  emulator = await startEmulator({ scale: 'tiny', port: 0, seed: 7 });
  ext = await launchWithExtension();
  page = await ext.browser.newPage();
});

afterAll(async () => {
  await ext?.close();
  await emulator?.close();
});

describe('Insights entry in the Octopus UI', () => {
  it('signs in and shows no entry outside project pages', async () => {
    await signIn(page, emulator.url, EMULATOR_USERS.admin);
    await page.waitForSelector(`a[href^="#/Spaces-1/projects/"]`);
    await settle();
    expect((await countInjected()).all).toBe(0);
    // The space's main navigation has one DORA Lens entry, for the space report.
    expect(await spaceEntries()).toBe(1);
  });

  it('opens the space report in a new tab from the space’s main navigation', async () => {
    await page.waitForSelector('[data-dora-lens="space-entry"]', { timeout: 15_000 });
    const opened = ext.waitForTab((url) => url.includes('/insights.html#'));
    await page.click('[data-dora-lens="space-entry"]');
    const report = await opened;
    const url = new URL(report.url);
    expect(`${url.protocol}//${url.host}`).toBe(ext.extensionOrigin);
    const { ticket, ...hash } = Object.fromEntries(new URLSearchParams(url.hash.slice(1)));
    expect(hash).toEqual({ server: emulator.url, space: 'Spaces-1', view: 'report' });
    // The worker opened it, with a single-use pass (the page drops it from its address once presented, so
    // it may be gone already); the entry in the host page carries no extension URL.
    if (ticket !== undefined) expect(ticket).toMatch(/^[0-9a-f]{32}$/);
    expect(await page.$eval('[data-dora-lens="space-entry"] a, a[data-dora-lens="space-entry"]', (a) => a.getAttribute('href'))).toBeNull();
    await report.close();
    // The new tab came to the front; the content script needs the Octopus tab's animation frames.
    await page.bringToFront();
  });

  it('adds the entry exactly once to a project menu, and keeps it once across navigation', async () => {
    const project = emulator.history().Spaces[0].Projects[0];
    await page.goto(`${emulator.url}/app#/Spaces-1/projects/${project.Slug}/deployments`);
    await page.waitForSelector(ENTRY, { timeout: 15_000 });
    expect(await countInjected()).toEqual({ entries: 1, overlays: 0, all: 1 });

    // Within the project: the host re-renders its menu on every route change.
    for (const sub of ['/variables', '/deployments/process', '/settings', '/deployments']) {
      await clickLink(`/projects/${project.Slug}${sub}`);
      await page.waitForSelector(ENTRY);
      await settle();
      expect(await countInjected(), sub).toEqual({ entries: 1, overlays: 0, all: 1 });
    }
    expect(await spaceEntries()).toBe(1);
    await screenshot(page, 'host-project-menu');
  });

  it('moves with the user to another project and leaves with them', async () => {
    const [first, second] = emulator.history().Spaces[0].Projects;
    await clickLink('#/Spaces-1/projects');
    await settle();
    expect((await countInjected()).all).toBe(0);

    await page.goto(`${emulator.url}/app#/Spaces-1/projects/${second.Slug}/deployments`);
    await page.waitForSelector(ENTRY);
    await settle();
    expect(await countInjected()).toEqual({ entries: 1, overlays: 0, all: 1 });
    const href = await page.$eval(`${ENTRY} a`, (a) => a.getAttribute('href'));
    expect(href).toContain(`/projects/${second.Slug}/`);
    expect(href).not.toContain(`/projects/${first.Slug}/`);

    // Back to the projects list and forward again, as the browser buttons do.
    await page.goBack();
    await page.waitForFunction(() => location.hash === '#/Spaces-1/projects');
    await settle();
    expect((await countInjected()).all).toBe(0);
    await page.goForward();
    await page.waitForSelector(ENTRY);
    await settle();
    expect(await countInjected()).toEqual({ entries: 1, overlays: 0, all: 1 });
  });

  it('opens the panel from the entry, as an iframe of the extension page', async () => {
    const project = emulator.history().Spaces[0].Projects[0];
    await page.goto(`${emulator.url}/app#/Spaces-1/projects/${project.Slug}/deployments`);
    await (await page.waitForSelector(`${ENTRY} a`))!.click();
    await page.waitForFunction(() => location.hash.includes('doraLens=insights'));
    const frame = await waitForPanelFrame(page);
    await frame.waitForSelector('h1');
    expect(await frame.$eval('h1', (el) => el.textContent)).toContain('DORA Lens');
    const frameUrl = new URL(await frame.evaluate(() => location.href));
    expect(`${frameUrl.protocol}//${frameUrl.host}`).toBe(ext.extensionOrigin);
    expect(new URLSearchParams(frameUrl.hash.slice(1)).get('project')).toBe(project.Slug);
    expect((await countInjected()).all).toBe(2); // entry + panel
  });
});
