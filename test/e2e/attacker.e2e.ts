/**
 * Trust boundaries (DESIGN.md decision 9), in the real browser: an attacker site on another loopback origin
 * (127.0.0.2, which the e2e build does not declare) frames DORA Lens's pages with hashes of its choosing,
 * opens them as tabs, fetches them and posts messages to them, while the user is signed in to their
 * Octopus server (the emulator on 127.0.0.1). None of it may make DORA Lens send a request, start a sync,
 * create a cache or show a link off the user's server; the refresh alarm afterwards must not call any server
 * DORA Lens is not enabled for. The user's own flows keep working.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { type ExtensionBrowser, gotoExtensionPage, launchWithExtension, screenshot, signIn, waitForPanelFrame } from './browser';

let emulator: RunningEmulator;
let ext: ExtensionBrowser;
let octopus: Page;
let attacker: http.Server;
let attackerOrigin: string;
/** Every request the attacker's server received, as `METHOD path`. */
const attackerLog: string[] = [];
/** What reached the attacker beyond its own pages and the browser's favicon fetch. */
const beacons = (from = 0) => attackerLog.slice(from).filter((line) => !line.startsWith('GET /page') && line !== 'GET /favicon.ico');
/** The insights page's address as the extension hands it out (Chromium: the per-session dynamic URL). */
let insightsUrl: string;

const BEACON = '/track-abc123';

/** Pages the attacker serves: a frame set and a launcher, built from the query. */
function attackerPage(url: URL): string {
  const targets: string[] = JSON.parse(url.searchParams.get('targets') ?? '[]');
  const frames = targets.map((src, i) => `<iframe id="f${i}" width="600" height="300" src="${src.replace(/"/g, '&quot;')}"></iframe>`).join('\n');
  return `<!doctype html><title>Totally not an attacker</title><h1>Welcome</h1>${frames}`;
}

async function startAttacker(): Promise<void> {
  attacker = http.createServer((req, res) => {
    attackerLog.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://127.0.0.2');
    // Answers like a permissive API would, to make any beacon succeed if one were ever sent.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (url.pathname === '/page') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(attackerPage(url));
    } else if (url.pathname.startsWith(BEACON)) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ ErrorMessage: 'Sign in at http://phish.example to continue' }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.2', resolve));
  attackerOrigin = `http://127.0.0.2:${(attacker.address() as AddressInfo).port}`;
}

/** What the emulator served since the last reset, as `route: requests`. */
const emulatorRequests = () => Object.fromEntries(Object.entries(emulator.counters().routes).map(([route, count]) => [route, count.requests]));

/** The DORA Lens databases and sync status records in the extension's own storage. */
const extensionState = () =>
  ext.evaluateInExtension<{ databases: string[]; statuses: string[] }>(`(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name).filter((n) => n && n.startsWith('dora-lens:')).sort(),
    statuses: Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('sync:')).sort(),
  }))()`);

/** Waits for a frame to finish rendering DORA Lens's page (or to be blocked), then reads what it shows. */
async function readFrame(frame: Frame): Promise<{ ours: boolean; notHere: boolean; text: string; links: string[] }> {
  const ours = await frame.evaluate(() => location.protocol.endsWith('-extension:')).catch(() => false);
  if (!ours) return { ours, notHere: false, text: '', links: [] };
  // Polled on a timer: a background tab draws no animation frames.
  await frame
    .waitForFunction(() => document.querySelector('[data-testid="not-here"], [data-testid="chart-frequency"], [data-testid="first-sync"], [data-testid="report-view"]') !== null, {
      timeout: 15_000,
      polling: 100,
    })
    .catch(() => undefined);
  return frame.evaluate(() => ({
    ours: true,
    notHere: document.querySelector('[data-testid="not-here"]') !== null,
    text: document.body.textContent ?? '',
    links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
  }));
}

beforeAll(async () => {
  emulator = await startEmulator({ scale: 'demo', port: 0, seed: 3 });
  await startAttacker();
  ext = await launchWithExtension();
  octopus = await ext.browser.newPage();
  await signIn(octopus, emulator.url, EMULATOR_USERS.admin);
  insightsUrl = await ext.evaluateInExtension<string>(`chrome.runtime.getURL('insights.html')`);
});

afterAll(async () => {
  await ext?.close();
  await emulator?.close();
  attacker?.close();
});

describe('an attacker site', () => {
  const hashes = () => {
    const slug = emulator.history().Spaces[1].Projects[0]?.Slug ?? 'web';
    const server = encodeURIComponent(emulator.url);
    return {
      // The user's own server, a space they never opened.
      panelOfUnopenedSpace: `server=${server}&space=Spaces-2&project=${slug}`,
      reportOfUnopenedSpace: `server=${server}&space=Spaces-2&view=report`,
      // The attacker's own server, as a beacon.
      ownServer: `server=${encodeURIComponent(`${attackerOrigin}${BEACON}`)}&space=Spaces-1&project=web`,
      ownServerReport: `server=${encodeURIComponent(`${attackerOrigin}${BEACON}`)}&space=Spaces-1&view=report`,
      dotDotSpace: `server=${server}&space=..&project=web`,
      javascriptServer: `server=${encodeURIComponent('javascript:alert(1)')}&space=Spaces-1&view=report`,
      // The parameter name of earlier versions.
      legacyOrigin: `origin=${server}&space=Spaces-2&view=report`,
    };
  };

  it('frames the panel and the report with hashes of its choosing: nothing is requested, synced, stored or linked', async () => {
    emulator.resetCounters();
    const before = await extensionState();
    const targets = Object.values(hashes()).flatMap((hash) => [`${insightsUrl}#${hash}`, `${ext.extensionOrigin}/insights.html#${hash}`]);
    const page = await ext.browser.newPage();
    await page.goto(`${attackerOrigin}/page?targets=${encodeURIComponent(JSON.stringify(targets))}`);
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames).toHaveLength(targets.length);
    const shown = await Promise.all(frames.map(readFrame));
    // Where the browser lets the frame load at all, DORA Lens's page shows only its neutral text.
    const rendered = shown.filter((s) => s.ours);
    expect(rendered.length).toBeGreaterThan(0);
    for (const frame of rendered) {
      expect(frame.notHere, frame.text).toBe(true);
      expect(frame.links).toEqual([]);
      expect(frame.text).not.toContain('Sign in');
      expect(frame.text).not.toContain('phish');
    }
    await screenshot(page, 'attacker-frames');

    // (d) Messages posted to the frames change nothing either.
    await page.evaluate(() => {
      for (const frame of document.querySelectorAll('iframe')) {
        for (const data of [{ type: 'dora-lens:params', params: 'range=lastYear' }, { type: 'sync', server: location.origin, space: 'Spaces-1' }, 'sync']) {
          frame.contentWindow?.postMessage(data, '*');
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(emulatorRequests()).toEqual({});
    expect(beacons()).toEqual([]);
    expect(await extensionState()).toEqual(before);
    await page.close();
  });

  it('opens the extension’s pages as tabs: they ask before showing anything, and request nothing', async () => {
    emulator.resetCounters();
    const before = await extensionState();
    const named = Object.entries(hashes()).flatMap(([name, hash]) => [
      [name, `${insightsUrl}#${hash}`],
      [name, `${ext.extensionOrigin}/insights.html#${hash}`],
    ]);
    const page = await ext.browser.newPage();
    await page.goto(`${attackerOrigin}/page`);
    // Links the visitor clicks (a user gesture: no popup blocker in the way).
    await page.evaluate((urls: string[]) => {
      urls.forEach((url, i) => {
        const a = document.createElement('a');
        a.id = `l${i}`;
        a.href = url;
        a.target = '_blank';
        a.textContent = `link ${i}`;
        document.body.append(a);
      });
    }, named.map(([, url]) => url));
    const pagesBefore = new Set(await ext.browser.pages());
    for (let i = 0; i < named.length; i++) {
      // Each opened tab comes to the front; a click needs the attacker's page there again.
      await page.bringToFront();
      await page.click(`#l${i}`);
    }
    await new Promise((r) => setTimeout(r, 2_000));
    const opened = (await ext.browser.pages()).filter((p) => !pagesBefore.has(p));
    for (const tab of opened) {
      const shown = await readFrame(tab.mainFrame());
      if (!shown.ours) continue; // the browser refused to open it
      expect(shown.notHere, shown.text).toBe(true);
      expect(shown.links).toEqual([]);
      // Only the user's own enabled server may be offered (after a click in the page): never the attacker's.
      const hash = new URLSearchParams(new URL(await tab.evaluate(() => location.href)).hash.slice(1));
      const offer = (await tab.$('[data-testid="continue-here"]')) !== null;
      expect(offer, hash.toString()).toBe(hash.get('server') === emulator.url && /^Spaces-\d+$/.test(hash.get('space') ?? ''));
      if (offer) {
        await tab.bringToFront(); // a background tab paints no screenshot
        await screenshot(tab, 'attacker-top-level');
      }
    }
    await Promise.all(opened.map((tab) => tab.close()));
    expect(emulatorRequests()).toEqual({});
    expect(beacons()).toEqual([]);
    expect(await extensionState()).toEqual(before);
    await page.close();
  });

  it('cannot probe for the extension where the browser offers a per-session address (Chromium)', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${attackerOrigin}/page`);
    const status = await page.evaluate(async (url) => {
      try {
        return (await fetch(url)).status;
      } catch {
        return 'blocked';
      }
    }, `${ext.extensionOrigin}/insights.html`);
    // Firefox has no per-session address for web-accessible pages (its per-install id is the secret):
    // README "Threat model" says what each browser exposes.
    if (ext.name === 'chromium') expect(status).toBe('blocked');
    await page.close();
  });

  it('leaves nothing that the refresh alarm would send off the enabled server', async () => {
    // The user's own panel syncs the space they opened: that cache is what the alarm refreshes.
    const slug = emulator.history().Spaces[0].Projects[0].Slug;
    // The content script reconciles per animation frame, which a background tab does not draw.
    await octopus.bringToFront();
    await octopus.goto(`${emulator.url}/app#/Spaces-1/projects/${slug}/deployments?doraLens=insights`);
    const panel = await waitForPanelFrame(octopus, { project: slug });
    await panel.waitForSelector('[data-testid="chart-frequency"] canvas', { timeout: 60_000 });
    // The Octopus page's own scripts see no extension URL (which would tell them DORA Lens is installed,
    // and in Firefox its per-install id): not in the DOM, not in the performance timeline.
    const exposed = await octopus.evaluate(() => [
      ...[document.documentElement.outerHTML].filter((html) => html.includes('-extension://')),
      ...performance.getEntries().map((e) => e.name).filter((name) => name.includes('-extension://')),
    ]);
    expect(exposed).toEqual([]);
    // A cache for the attacker's "server", as an earlier version could have left behind.
    await ext.evaluateInExtension(`new Promise((resolve, reject) => {
      const open = indexedDB.open('dora-lens:${attackerOrigin}${BEACON}:Users-1', 2);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('chunks', { keyPath: ['space', 'kind', 'no'] });
        open.result.createObjectStore('spaces', { keyPath: 'space' });
        open.result.createObjectStore('sync', { keyPath: ['space', 'name'] });
      };
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('sync', 'readwrite');
        tx.objectStore('sync').put({ space: 'Spaces-1', name: 'checkpoint', value: { v: 1, phase: 'ready', eventMark: 0, syncedAt: 0, blockedReleases: [], maxRelease: 0 } });
        tx.oncomplete = () => { open.result.close(); resolve(true); };
      };
    })`);
    emulator.resetCounters();
    const logged = attackerLog.length;
    await ext.evaluateInExtension(`chrome.alarms.create('dora-lens-refresh', { when: Date.now() + 200 })`);
    // The alarm fired: the enabled server's cache was refreshed (who is signed in, then the event feed)…
    await expect.poll(() => emulatorRequests()['GET /api/{spaceId}/events'] ?? 0, { timeout: 90_000, interval: 250 }).toBeGreaterThan(0);
    // …and the attacker's server heard nothing.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(beacons(logged)).toEqual([]);
  });

  it('leaves the user’s own flows working: the space entry opens the report, for this server only', async () => {
    await octopus.bringToFront();
    await octopus.goto(`${emulator.url}/app#/Spaces-1`);
    await octopus.waitForSelector('[data-dora-lens="space-entry"]', { timeout: 15_000 });
    const opened = ext.waitForTab((url) => url.includes('/insights.html#') && url.includes('view=report'));
    await octopus.click('[data-dora-lens="space-entry"]');
    const tab = await opened;
    expect(new URLSearchParams(new URL(tab.url).hash.slice(1)).get('server')).toBe(emulator.url);
    if (ext.name === 'chromium') {
      const report = await tab.drive();
      await report.waitForSelector('[data-testid="report-view"]', { timeout: 90_000 });
      const links = await report.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const link of links) expect(link.startsWith(`${emulator.url}/`) || link.startsWith(ext.extensionOrigin), link).toBe(true);
    }
    await tab.close();
  });

  it('a second Octopus user of the same browser profile sees none of the first user’s reports, numbers or sync status', async () => {
    const report = { id: 'r-admins', name: 'Admin’s own report', description: '', projectGroupIds: [], projectIds: [], channelIds: [], environmentGroups: [], tenantMode: 'TenantedAndUntenanted', tenantIds: [], tenantTags: [], timeZone: 'UTC', createdAt: 1, updatedAt: 1 };
    await ext.evaluateInExtension(`chrome.storage.local.set({ ${JSON.stringify(`reports:${emulator.url}:Users-1:Spaces-1`)}: { version: 1, reports: [${JSON.stringify(report)}] } })`);
    const names = async (tab: Page) => {
      await tab.waitForSelector('#report-picker', { timeout: 90_000 });
      return tab.$$eval('#report-picker option', (options) => options.map((o) => o.textContent));
    };
    // As from a bookmark: the page asks once, then shows the report of whoever is signed in.
    const openReportTab = async () => {
      const tab = await ext.browser.newPage();
      await gotoExtensionPage(tab, `${ext.extensionOrigin}/insights.html#server=${encodeURIComponent(emulator.url)}&space=Spaces-1&view=report`);
      await (await tab.waitForSelector('[data-testid="continue-here"]', { timeout: 15_000 }))!.click();
      return tab;
    };
    const adminTab = await openReportTab();
    expect(await names(adminTab)).toContain('Admin’s own report');
    await adminTab.close();

    // The admin's session ends; another person signs in to Octopus in the same browser.
    emulator.expireSessions();
    await octopus.bringToFront();
    await signIn(octopus, emulator.url, EMULATOR_USERS.restricted);
    const theirs = await openReportTab();
    expect(await names(theirs)).toEqual(['Production environments', 'Whole space (every environment)']);
    await theirs.waitForSelector('[data-testid="report-view"]', { timeout: 90_000 });
    const statuses = (await extensionState()).statuses;
    // Each user's numbers and sync status live under their own id: the report reads Users-2's.
    expect(statuses).toContain(`sync:${emulator.url}:Users-2:Spaces-1`);
    expect((await extensionState()).databases).toContain(`dora-lens:${emulator.url}:Users-2`);
    await theirs.close();
  });
});
