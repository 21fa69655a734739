/**
 * `npm run bench:sync [-- --scale large|huge|demo] [--browser chromium|firefox] [--profiles-scale tiny|demo|large]`
 *
 * First, requests per Octopus version (./sync-profiles.ts: the sync engine in Node against the emulator
 * playing each version; at `--profiles-scale`, default the bench's scale up to large).
 *
 * Then, with `--browser firefox`, a first sync in Firefox, uninterrupted and stopped half-way as Firefox
 * suspends its background (./sync-firefox.ts). Otherwise the sync and the panel, measured in real Chromium
 * with the built extension against the emulator (in this process; Chromium does the work):
 *   - first sync: wall time, requests, bytes, deployments per second
 *   - later sync with nothing new, and with 100 new deployments: requests and time
 *   - cache size on disk (navigator.storage.estimate) and per deployment, right after the first sync and
 *     after the later ones
 *   - opening the panel with the warm cache: time to the first chart drawn, the project's first opening
 *     (which keeps its rows apart), later ones, one after a visit to another project's pages (the worker
 *     prepares its rows meanwhile), and one after a later sync; a filter change: time to the
 *     new numbers on screen
 *   - a never-synced space: time to the opened project's first numbers
 * Budgets (DESIGN.md): first sync of 100k ≤ 60 s; nothing new ≤ 3 requests; warm panel's first chart
 * ≤ 300 ms at 100k (700 ms at 1M); never-synced project's first numbers ≤ 3 s (5 s at 1M); cache ≤ 50
 * bytes per deployment right after the first sync.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { E2E_EXTENSIONS, keptRowsCode, launchWithExtension, ROOT, signIn, waitForPanelFrame } from '../e2e/browser';
import { startEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { benchFirefox } from './sync-firefox';
import { benchProfiles, printProfiles } from './sync-profiles';

function option<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = process.argv[at + 1] as T;
  if (!allowed.includes(value)) throw new Error(`${name} must be ${allowed.join(', ')}, not ${value ?? 'nothing'}: e.g. npm run bench:sync -- ${name} ${fallback}`);
  return value;
}
const scale = option('--scale', ['demo', 'large', 'huge'] as const, 'large');
const browserName = option('--browser', ['chromium', 'firefox'] as const, 'chromium');
const profilesScale = option('--profiles-scale', ['tiny', 'demo', 'large'] as const, scale === 'huge' ? 'large' : scale);
const SPACE = 'Spaces-1';
/** The extension page's `chrome`, as used inside `evaluate`. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value: { userId: string } }> };
  storage: {
    local: {
      get(key: string | null): Promise<Record<string, { state: string; startedAt?: number; error?: unknown; result: { deployments: number } }>>;
      remove(keys: string[]): Promise<void>;
    };
  };
};

if (!existsSync(path.join(E2E_EXTENSIONS[browserName], 'manifest.json')) || process.env.REBUILD !== '0') {
  execFileSync('npx', ['wxt', 'build', ...(browserName === 'firefox' ? ['-b', 'firefox'] : []), '--mode', 'e2e'], { cwd: ROOT, stdio: 'ignore' });
}

console.log(`DORA Lens sync bench — scale ${scale}, ${browserName}, ${cpus().length} cores, Node ${process.version}`);
printProfiles(profilesScale, await benchProfiles(profilesScale));
console.log('');
const t = performance.now();
const emulator = await startEmulator({ scale, port: 0, seed: 1 });
console.log(`emulator ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
if (browserName === 'firefox') {
  await benchFirefox(emulator);
  await emulator.close();
  process.exit(0);
}
const chromium = await launchWithExtension({ browser: 'chromium' });
const page = await chromium.browser.newPage();
await signIn(page, emulator.url, EMULATOR_USERS.admin);
const ext = await chromium.browser.newPage();
// The popup page (not web-accessible) may ask the worker for any enabled server: what "Sync now" in it sends.
await ext.goto(`chrome-extension://${chromium.extensionId}/popup.html`);

async function sync(label: string): Promise<{ ms: number; requests: number; bytes: number; deployments: number }> {
  emulator.resetCounters();
  const started = performance.now();
  const status = await ext.evaluate(
    async (server, space) => {
      const reply = await chrome.runtime.sendMessage({ type: 'sync', server, space });
      if (!reply?.ok) throw new Error(JSON.stringify(reply));
      const key = `sync:${server}:${reply.value.userId}:${space}`;
      for (;;) {
        await new Promise((r) => setTimeout(r, 100));
        const current = (await chrome.storage.local.get(key))[key];
        if (current && current.state !== 'running' && current.startedAt) return current;
      }
    },
    emulator.url,
    SPACE,
  );
  const ms = performance.now() - started;
  if (status.state !== 'done') throw new Error(`${label}: ${JSON.stringify(status.error)}`);
  const counters = emulator.counters();
  return { ms, requests: counters.requests, bytes: counters.bytes, deployments: status.result.deployments };
}

const first = await sync('first sync');
console.log(
  `first sync: ${(first.ms / 1000).toFixed(1)} s, ${first.requests} requests, ${(first.bytes / 1e6).toFixed(1)} MB, ` +
    `${first.deployments} deployments, ${Math.round(first.deployments / (first.ms / 1000))} deployments/s`,
);
const usage = () => ext.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
// The budget's moment: right after the first sync (later syncs rewrite a few chunks, which the storage
// engine's log holds twice until it compacts).
const afterFirst = await usage();
console.log(`cache on disk right after the first sync: ${(afterFirst / 1e6).toFixed(1)} MB, ${(afterFirst / first.deployments).toFixed(1)} bytes per deployment`);
const idle = await sync('nothing new');
console.log(`later sync, nothing new: ${idle.requests} requests, ${idle.ms.toFixed(0)} ms`);
emulator.advance({ minutes: 60, deployments: 100 });
const some = await sync('100 new');
console.log(`later sync, 100 new deployments: ${some.requests} requests, ${some.ms.toFixed(0)} ms, ${some.deployments} deployments refreshed`);

const disk = await usage();
console.log(`cache on disk after the two later syncs: ${(disk / 1e6).toFixed(1)} MB, ${(disk / first.deployments).toFixed(1)} bytes per deployment`);

// The busiest project's panel, opened with the warm cache.
// From the emulator's columns: history() materialises every resource (gigabytes at huge).
const store = emulator.store;
const [project, second, third] = store.projects
  .map((p, i) => ({ p, n: store.deploymentsByProject[i].length }))
  .filter(({ p }) => p.SpaceId === SPACE)
  .sort((a, b) => b.n - a.n)
  .map(({ p }) => p);
/** One opening of the panel: when the page's code ran, the grant and the session were known, the cache read, the history prepared, the first chart drawn (ms after the page started), and a filter change's time. */
interface Opening {
  steps: number[];
  change: number;
}
// A background tab gets no animation frames: bring the Octopus tab forward, as a user looking at it.
await page.bringToFront();
let run = 0;
async function openPanel(slug = project.Slug): Promise<Opening> {
  await page.goto(`${emulator.url}/app#/${SPACE}/projects/${slug}/deployments?doraLens=insights&run=${run++}`);
  await page.reload();
  const frame = await panelFrame(page).catch(async (error) => {
    await page.screenshot({ path: path.join(ROOT, 'test/e2e/artifacts/bench-panel-failure.png') });
    throw error;
  });
  await frame.waitForFunction(() => performance.getEntriesByName('dora-lens:first-chart').length > 0, { timeout: 60_000 });
  // A string: tsx would wrap a named inner function in a helper the page does not have.
  const steps = (await frame.evaluate(
    `['dora-lens:script', 'dora-lens:authorized', 'dora-lens:session', 'dora-lens:history-read', 'dora-lens:prepared', 'dora-lens:first-chart'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN)`,
  )) as number[];
  const change = await frame.evaluate(async () => {
    const select = document.querySelector('#f-environment') as HTMLSelectElement;
    const next = [...select.options].find((o) => o.value !== select.value)!.value;
    performance.clearMarks('dora-lens:rendered');
    const t0 = performance.now();
    select.value = next;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    while (performance.getEntriesByName('dora-lens:rendered').length === 0) await new Promise((r) => setTimeout(r, 1));
    return performance.getEntriesByName('dora-lens:rendered')[0].startTime - t0;
  });
  return { steps, change };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const firstChart = (o: Opening) => o.steps[5];
const breakdown = (openings: Opening[]) => {
  // The cache read starts with the grant, alongside the session: it is counted from whichever came later.
  const step = (k: number) => median(openings.map((o) => Math.max(0, o.steps[k] - (k > 0 ? o.steps[k - 1] : 0)))).toFixed(0);
  return (
    `the page's code loaded ${step(0)} ms, the worker's grant ${step(1)} ms, the session ${step(2)} ms, ` +
    `the cache read ${step(3)} ms more, prepare ${step(4)} ms, metrics and first chart ${step(5)} ms`
  );
};
// The panel's very first opening in this browser: its code not compiled or cached yet (a user's first
// Insights ever), on a third project so that the busiest one's first opening below is its own.
const firstEver = await openPanel(third.Slug);
console.log(`panel's first opening in this browser (third busiest project, its code not cached yet): first chart drawn ${firstChart(firstEver).toFixed(0)} ms after the panel page started (${breakdown([firstEver])})`);
// A project's first opening reads every chunk and keeps the project's rows apart (lib/store/slices.ts); the
// next ones read those; after a later sync, only the chunks it wrote are read again.
const firstOpen = await openPanel();
console.log(`panel with warm cache, first opening of the project: first chart drawn ${firstChart(firstOpen).toFixed(0)} ms after the panel page started (${breakdown([firstOpen])})`);
const opens: Opening[] = [];
for (let i = 0; i < 5; i++) opens.push(await openPanel());
console.log(
  `panel with warm cache, opened again: first chart drawn ${median(opens.map(firstChart)).toFixed(0)} ms after the panel page started (median of ${opens.length}; ${opens.map((o) => firstChart(o).toFixed(0)).join(', ')})`,
);
console.log(`  of which (medians): ${breakdown(opens)}`);
// The usual way in: the user is on the project's pages first, and the worker prepares its rows meanwhile
// (lib/sync/keep-project-ahead.ts); then Insights opens. Timed: how long the worker took, and the opening.
{
  const slicedRows = (id: string) => ext.evaluate(keptRowsCode(id)) as Promise<number>;
  const visited = performance.now();
  await page.goto(`${emulator.url}/app#/${SPACE}/projects/${second.Slug}/deployments`);
  while ((await slicedRows(second.Id)) === 0 && performance.now() - visited < 60_000) await new Promise((r) => setTimeout(r, 50));
  const preparedMs = performance.now() - visited;
  const ahead = await openPanel(second.Slug);
  console.log(
    `panel opened after a visit to the project's pages (second busiest, ${store.deploymentsByProject[store.projects.indexOf(second)].length} deployments; the worker had its rows ready ${(preparedMs / 1000).toFixed(1)} s after the visit): first chart drawn ${firstChart(ahead).toFixed(0)} ms (${breakdown([ahead])})`,
  );
}
emulator.advance({ minutes: 60, deployments: 100 });
await sync('100 new, before opening again');
const afterSync = await openPanel();
console.log(`panel opened again after a later sync (100 new deployments): first chart drawn ${firstChart(afterSync).toFixed(0)} ms (${breakdown([afterSync])})`);
const changes = [firstOpen, ...opens, afterSync].map((o) => o.change);
console.log(`filter change: new numbers on screen in ${median(changes).toFixed(1)} ms (median; ${changes.map((x) => x.toFixed(1)).join(', ')})`);

// The toolbar popup over the space's pages: its summary of the space's production deployments (it
// prepares only their part of the history: lib/summary/space-summary.ts `summaryPart`). A popup page is
// fresh each time it opens, so every opening runs the metrics' code for the first time in its page.
{
  // Another extension page for the helpers below: waiting for the popup finds any page at popup.html.
  await ext.goto(`chrome-extension://${chromium.extensionId}/options.html`);
  await page.goto(`${emulator.url}/app#/${SPACE}/projects`);
  const popupTimes: number[][] = [];
  for (let i = 0; i < 5; i++) {
    const popup = await chromium.openPopup(page);
    await popup.waitForFunction(() => performance.getEntriesByName('dora-lens:summary').length > 0, { timeout: 120_000, polling: 20 });
    popupTimes.push(
      (await popup.evaluate(
        `['dora-lens:script', 'dora-lens:authorized', 'dora-lens:session', 'dora-lens:cache-fetched', 'dora-lens:history-read', 'dora-lens:prepared', 'dora-lens:summary'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN)`,
      )) as number[],
    );
    await popup.close();
  }
  const shown = popupTimes.map((t) => t[6]);
  const step = (k: number) => median(popupTimes.map((t) => t[k] - (k > 0 ? t[k - 1] : 0))).toFixed(0);
  console.log(
    `popup over the space: its numbers shown ${median(shown).toFixed(0)} ms after the popup page started (median of ${shown.length}; ${shown.map((x) => x.toFixed(0)).join(', ')}; ` +
      `of which the page's code loaded ${step(0)} ms, the worker's grant ${step(1)} ms, the session ${step(2)} ms, the cache read ${step(3)} ms more ` +
      `and its columns built ${step(4)} ms, prepare of the production deployments ${step(5)} ms, the summary on screen ${step(6)} ms)`,
  );
}

// A space never synced: the opened project's panel shows its numbers before the rest of the space is read.
{
  // Close the panel (its connection would block deleting the database), then forget everything cached.
  await page.goto('about:blank');
  await ext.evaluate(async () => {
    for (const db of await indexedDB.databases()) {
      if (!db.name?.startsWith('dora-lens:')) continue;
      await new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase(db.name!);
        request.onsuccess = resolve;
        request.onerror = () => reject(request.error);
      });
    }
    const keys = Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('sync:'));
    await chrome.storage.local.remove(keys);
  });
  await page.bringToFront();
  const started = performance.now();
  await page.goto(`${emulator.url}/app#/${SPACE}/projects/${project.Slug}/deployments?doraLens=insights&cold=1`);
  const frame = await panelFrame(page);
  await frame.waitForFunction(() => performance.getEntriesByName('dora-lens:first-chart').length > 0, { timeout: 120_000, polling: 20 });
  const firstNumbers = performance.now() - started;
  const partial = (await frame.$('[data-testid="space-still-loading"]')) !== null;
  console.log(
    `never-synced space, the opened project's first numbers: ${(firstNumbers / 1000).toFixed(1)} s (${store.deploymentsByProject[store.projects.indexOf(project)].length} deployments in the project; the rest of the space ${partial ? 'still loading' : 'already done'})`,
  );
}

await chromium.close();
await emulator.close();

async function panelFrame(p: Page) {
  return waitForPanelFrame(p, { timeout: 30_000 });
}
