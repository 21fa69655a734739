/**
 * The options page in real Chromium or Firefox (`E2E_BROWSER`) with the built extension: the sections render,
 * a default survives a reload, a cache can be cleared, the page fits 800–1400 px, and both colour schemes get
 * a screenshot.
 * Then the toolbar popup, on an Octopus space page and elsewhere. No emulator needed: nothing here reads
 * Octopus data, so a blank page on an `/app#/Spaces-N` URL stands in for Octopus.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulateColorScheme, type ExtensionBrowser, gotoExtensionPage, launchWithExtension, screenshot, unnamedControls } from './browser';

/** Port 9 (discard) refuses at once: the page's attempt to look up who is signed in stays local and quick. */
const CACHED_ORIGIN = 'http://127.0.0.1:9';
/** Not enabled, so never asked who is signed in; long, to check it wraps instead of widening the page. */
const LONG_ORIGIN = 'https://octopus-deploy-production-primary-cluster.platform-engineering.internal.example.com:10443';
let ext: ExtensionBrowser;
let page: Page;
let optionsUrl: string;

const text = (selector: string) => page.$eval(selector, (el) => el.textContent ?? '');
const inputValue = (selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement | HTMLSelectElement).value);

/** A cache database as the extension's schema version 1 creates it (later versions upgrade from it, as for any user). */
const seedCache = (origin: string, userId: string) =>
  page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name, 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore('chunks', { keyPath: ['space', 'kind', 'no'] });
          request.result.createObjectStore('spaces', { keyPath: 'space' });
        };
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
    `dora-lens:${origin}:${userId}`,
  );

const openOptions = async () => {
  await gotoExtensionPage(page, optionsUrl);
  await page.waitForSelector('#time-zone');
  await page.waitForSelector('[data-testid="cache-table"], [data-testid="no-caches"]');
};

beforeAll(async () => {
  ext = await launchWithExtension();
  page = await ext.browser.newPage();
  optionsUrl = ext.extensionUrl('options.html');
  await gotoExtensionPage(page, optionsUrl);
  await seedCache(CACHED_ORIGIN, 'Users-1');
  await seedCache(LONG_ORIGIN, 'Users-42');
  await openOptions();
});

afterAll(async () => {
  await ext?.close();
});

describe('Options page', () => {
  it('renders its sections under one page heading', async () => {
    expect(await page.$$eval('h1', (hs) => hs.map((h) => h.textContent))).toEqual(['DORA Lens settings']);
    expect(await page.$$eval('h2', (hs) => hs.map((h) => h.textContent))).toEqual(['Octopus servers', 'Defaults', 'Goals and alerts', 'Cached data', 'Privacy']);
    // The e2e build declares the emulator's hosts, so there are no user-granted servers to list.
    expect(await text('[data-testid="no-servers"]')).toContain('None yet');
    expect(await text('#servers')).toContain('*.octopus.app');
    expect(await text('#privacy')).toContain('No analytics');
  });

  it('gives every control an accessible name', async () => {
    expect(await unnamedControls(page, ['button', 'textbox', 'combobox', 'checkbox', 'radio', 'link'])).toEqual([]);
  });

  it('explains a bad server address next to the field, submitted from the keyboard', async () => {
    await page.click('#server-address');
    await page.keyboard.type('ftp://octopus.example.com');
    await page.keyboard.press('Enter');
    const alert = await page.waitForSelector('#server-address-error');
    expect(await alert!.evaluate((el) => el.textContent)).toContain('Only http:// and https://');
    expect(await page.$eval('#server-address', (el) => el.getAttribute('aria-invalid'))).toBe('true');
    expect(await page.evaluate(() => location.href)).toBe(optionsUrl); // the form never navigates
  });

  it('lists each cached server and user', async () => {
    const rows = await page.$$eval('[data-testid="cache-table"] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(CACHED_ORIGIN);
    expect(rows[0]).toContain('Users-1');
    expect(rows[0]).toContain('0 B');
    expect(rows[1]).toContain(LONG_ORIGIN);
  });

  it('saves defaults as they change and keeps them across a reload', async () => {
    await page.click('input[name="week-start"][value="monday"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="defaults-status"]')?.textContent === 'Week start saved.');
    await page.select('#tier-year', '2021');
    await page.waitForFunction(() => document.querySelector('[data-testid="defaults-status"]')?.textContent === 'Benchmark year saved.');
    expect(await text('#tier-year-hint')).toContain('time to restore service');
    await page.select('#time-zone', 'Asia/Tokyo');
    await page.waitForFunction(() => document.querySelector('[data-testid="defaults-status"]')?.textContent === 'Time zone saved.');
    await page.click('#blocked-is-failure');
    await page.waitForFunction(() => document.querySelector('[data-testid="defaults-status"]')?.textContent === 'Blocked releases saved.');

    await openOptions();
    expect(await page.$eval('input[name="week-start"][value="monday"]', (el) => (el as HTMLInputElement).checked)).toBe(true);
    expect(await inputValue('#tier-year')).toBe('2021');
    expect(await inputValue('#time-zone')).toBe('Asia/Tokyo');
    expect(await page.$eval('#blocked-is-failure', (el) => (el as HTMLInputElement).checked)).toBe(false);
    expect(await inputValue('#refresh-minutes')).toBe('30');
    // Only the user's choices are stored; defaults stay defaults.
    // The page's `chrome` global is not in this file's types (Node); reach it as a string.
    const stored = (await page.evaluate(`chrome.storage.local.get('settings')`)) as { settings: unknown };
    expect(stored.settings).toEqual({ weekStart: 'monday', tierYear: 2021, timeZone: 'Asia/Tokyo', blockedIsFailure: false });
  });

  it('fits widths from 800 to 1400 px without sideways scrolling', async () => {
    for (const width of [800, 1024, 1400]) {
      await page.setViewport({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${width}px`).toBeLessThanOrEqual(0);
      // The table must not scroll inside its own box either.
      const tableOverflow = await page.$eval('.table-scroll', (el) => el.scrollWidth - el.clientWidth);
      expect(tableOverflow, `table at ${width}px`).toBeLessThanOrEqual(0);
      if (width === 800) await screenshot(page, 'options-800');
    }
  });

  it('follows the system colour scheme unless <html data-theme> says otherwise', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const fullHeight = () => page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewport({ width: 1100, height: 900 });

    await emulateColorScheme(page, 'light');
    expect(await background()).toBe('rgb(244, 246, 249)');
    await page.setViewport({ width: 1100, height: await fullHeight() });
    await screenshot(page, 'options-light');

    await emulateColorScheme(page, 'dark');
    expect(await background()).toBe('rgb(21, 25, 31)');
    await screenshot(page, 'options-dark');

    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    expect(await background()).toBe('rgb(244, 246, 249)');
    await emulateColorScheme(page, 'light');
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    expect(await background()).toBe('rgb(21, 25, 31)');
    await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
  });

  it('clears one cache, then all', async () => {
    const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name).filter((name) => name?.startsWith('dora-lens:')));
    await page.setViewport({ width: 1100, height: 900 });
    await page.click(`button[aria-label="Clear cached data of Users-1 on ${CACHED_ORIGIN}"]`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="cache-table"] tbody tr').length === 1);
    expect(await text('[data-testid="caches-notice"]')).toContain(`Cleared Users-1’s data for ${CACHED_ORIGIN}`);
    expect(await databases()).toEqual([`dora-lens:${LONG_ORIGIN}:Users-42`]);

    await (await page.waitForSelector('::-p-aria([name="Clear all"][role="button"])'))!.click();
    await page.waitForSelector('[data-testid="no-caches"]');
    expect(await text('[data-testid="caches-notice"]')).toBe('Cleared all cached data.');
    expect(await databases()).toEqual([]);
  });
});

describe('Popup', () => {
  let blankServer: http.Server;
  let blankOrigin: string;
  beforeAll(async () => {
    blankServer = http.createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Octopus stand-in</title>'));
    await new Promise<void>((resolve) => blankServer.listen(0, '127.0.0.1', resolve));
    blankOrigin = `http://127.0.0.1:${(blankServer.address() as AddressInfo).port}`;
  });
  afterAll(() => blankServer?.close());

  it('on a space page of an enabled server, offers that space\'s report', async () => {
    const tab = await ext.browser.newPage();
    await tab.goto(`${blankOrigin}/app#/Spaces-3/projects/acme-web/deployments`);
    // As a click on the toolbar button would (the e2e build declares 127.0.0.1, so the URL is readable).
    const popup = await ext.openPopup(tab);
    await popup.waitForSelector('[data-testid="space-summary"]');
    expect(await popup.$eval('#space-summary-heading', (el) => el.textContent)).toBe(`Space summary for Spaces-3 on ${blankOrigin.replace('http://', '')}`);
    await screenshot(popup, 'popup-space');

    const reportTab = ext.waitForTab((url) => url.includes('/insights.html#'));
    await (await popup.waitForSelector('::-p-aria([name="Open space report"][role="button"])'))!.click();
    const opened = await reportTab;
    const report = new URL(opened.url);
    expect(`${report.protocol}//${report.host}${report.pathname}`).toBe(ext.extensionUrl('insights.html'));
    const { ticket, ...hash } = Object.fromEntries(new URLSearchParams(report.hash.slice(1)));
    expect(hash).toEqual({ server: blankOrigin, space: 'Spaces-3', view: 'report' });
    if (ticket !== undefined) expect(ticket).toMatch(/^[0-9a-f]{32}$/);
    await opened.close();
    await tab.close();
  });

  it('elsewhere, lists servers and links to the options page', async () => {
    const popup = await ext.browser.newPage();
    await popup.setViewport({ width: 360, height: 420 });
    // Opened as a tab, the active tab is the popup page itself: an extension page, so "not a website".
    await gotoExtensionPage(popup, ext.extensionUrl('popup.html'));
    await popup.waitForSelector('#servers-heading');
    const body = await popup.$eval('body', (el) => el.textContent ?? '');
    expect(body).toContain('Open your Octopus Deploy server in this tab');
    expect(body).toContain('No self-hosted servers enabled yet.');
    expect(await popup.$('::-p-aria([name="Settings"][role="button"])')).not.toBeNull();
    await screenshot(popup, 'popup-other');
    await popup.close();
  });
});
