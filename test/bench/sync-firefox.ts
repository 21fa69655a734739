/**
 * A first sync in Firefox, where the extension's background is an event page Firefox may suspend at any
 * time (test/e2e/browser.ts `terminateFirefoxBackground`):
 *   1. uninterrupted: time, requests, deployments per second, whether Firefox suspended the background by
 *      itself (idle timeout) during the sync, and a later sync with nothing new;
 *   2. stopped half-way through the deployments, as Firefox stops it, then resumed by the next sync request:
 *      the cache must equal the emulator's ground truth exactly (nothing lost, nothing doubled), and the extra
 *      requests the resume cost are printed.
 * Each run uses a fresh Firefox profile. The ground truth holds the whole generated history in this process:
 * at `--scale huge` give Node a larger heap (`NODE_OPTIONS=--max-old-space-size=14000`).
 */
import type { Page } from 'puppeteer-core';
import { TaskState } from '../../lib/metrics/facts';
import {
  type ExtensionBrowser,
  firefoxBackgroundState,
  gotoExtensionPage,
  launchWithExtension,
  signIn,
  terminateFirefoxBackground,
} from '../e2e/browser';
import { deploymentChunkToRecords } from '../../lib/store/chunks';
import type { DeploymentChunk } from '../../lib/store/schema';
import type { RunningEmulator } from '../emulator/server';
import { EMULATOR_USERS } from '../emulator/users';
import { expectedSpace } from '../support/ground-truth';

const SPACE = 'Spaces-1';

interface Status {
  state: string;
  startedAt: number;
  progress?: { phase: string; done: number; total?: number };
  result?: { deployments: number };
  error?: { kind: string; message: string };
}

/** The extension's `browser` global, inside `evaluate`. */
declare const browser: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value: { userId: string } }> };
  storage: { local: { get(key: string): Promise<Record<string, Status>> } };
};

async function session(emulator: RunningEmulator) {
  const ff = await launchWithExtension({ browser: 'firefox' });
  const tab = await ff.browser.newPage();
  await signIn(tab, emulator.url, EMULATOR_USERS.admin);
  const page = await ff.browser.newPage();
  // The popup page (not web-accessible) may ask the worker for any enabled server.
  await gotoExtensionPage(page, ff.extensionUrl('popup.html'));
  return { ff, page };
}

/** Asks the background to sync (starting it if Firefox had suspended it); the key of its status record. */
async function requestSync(page: Page, server: string): Promise<string> {
  return page.evaluate(
    async (o, space) => {
      const reply = await browser.runtime.sendMessage({ type: 'sync', server: o, space });
      if (!reply?.ok) throw new Error(JSON.stringify(reply));
      return `sync:${o}:${reply.value.userId}:${space}`;
    },
    server,
    SPACE,
  );
}

const readStatus = (page: Page, key: string): Promise<Status | undefined> => page.evaluate(async (k) => (await browser.storage.local.get(k))[k], key);

/** Polls until `done` says so; notes whether Firefox's background was ever seen stopped meanwhile. */
async function watch(ff: ExtensionBrowser, page: Page, key: string, since: number, done: (s: Status) => boolean) {
  let suspended = false;
  for (;;) {
    const status = await readStatus(page, key);
    if (status && status.startedAt >= since && done(status)) return { status, suspended };
    if ((await firefoxBackgroundState(ff.browser)) === 'stopped') suspended = true;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A chunk's fields as they can leave the page: each typed array as its type's name and its values. */
type ShippedChunk = Record<string, unknown>;
const TYPED: Record<string, new (values: number[]) => ArrayLike<number>> = { Uint8Array, Uint16Array, Uint32Array, Int8Array, Int16Array, Int32Array, Float64Array };

/**
 * Every cached deployment of the space as `id|release|state|completed|guided`, read straight from IndexedDB
 * and decoded by the cache's own code (lib/store/chunks.ts): the page sends each chunk's columns out as plain
 * arrays with their types' names, and they are rebuilt here.
 */
async function cachedRows(page: Page): Promise<string[]> {
  const shipped = await page.evaluate(async (space) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('dora-lens:'));
    if (names.length !== 1) throw new Error(`expected one DORA Lens cache, found ${names.join(', ') || 'none'}`);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(names[0]);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const chunks = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const get = db.transaction('chunks').objectStore('chunks').getAll(IDBKeyRange.bound([space, 'deployments', -Infinity], [space, 'deployments', Infinity]));
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error);
    });
    db.close();
    return chunks.map((chunk) =>
      Object.fromEntries(Object.entries(chunk).map(([key, value]) => [key, ArrayBuffer.isView(value) ? { typed: value.constructor.name, values: Array.from(value as unknown as ArrayLike<number>) } : value])),
    );
  }, SPACE);
  const rows: string[] = [];
  for (const fields of shipped as ShippedChunk[]) {
    const chunk = Object.fromEntries(
      Object.entries(fields).map(([key, value]) => {
        const column = value as { typed?: string; values?: number[] } | null;
        return [key, column?.typed ? new TYPED[column.typed](column.values!) : value];
      }),
    ) as unknown as DeploymentChunk;
    for (const d of deploymentChunkToRecords(chunk)) rows.push(`${d.id}|${d.release}|${d.state}|${Number.isNaN(d.completed) ? '' : d.completed}|${d.guidedFailure ? 1 : 0}`);
  }
  return rows;
}

/** The same rows from the emulator's ground truth. */
function truthRows(emulator: RunningEmulator): string[] {
  const num = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1));
  return expectedSpace(emulator.history(), SPACE).deployments.map(
    (d) => `${num(d.id)}|${num(d.release)}|${TaskState[d.state as keyof typeof TaskState]}|${d.completed ?? ''}|${d.guidedFailure ? 1 : 0}`,
  );
}

function compare(cached: string[], truth: string[]): string {
  const ids = new Set(cached.map((r) => r.split('|')[0]));
  const want = new Set(truth);
  const wrong = cached.filter((r) => !want.has(r));
  const have = new Set(cached);
  const missing = truth.filter((r) => !have.has(r));
  if (ids.size !== cached.length) return `DOUBLED: ${cached.length - ids.size} deployments stored twice`;
  if (wrong.length || missing.length) return `DIFFERS: ${missing.length} missing or stale (e.g. ${missing.slice(0, 2).join(', ')}), ${wrong.length} not on the server`;
  return `equal to the emulator's ground truth (${cached.length.toLocaleString('en')} deployments)`;
}

export async function benchFirefox(emulator: RunningEmulator): Promise<void> {
  const truth = truthRows(emulator);

  // 1. Uninterrupted.
  {
    const { ff, page } = await session(emulator);
    try {
      emulator.resetCounters();
      const started = Date.now();
      const t0 = performance.now();
      const key = await requestSync(page, emulator.url);
      const { status, suspended } = await watch(ff, page, key, started, (s) => s.state !== 'running');
      const ms = performance.now() - t0;
      const counters = emulator.counters();
      if (status.state !== 'done') throw new Error(`first sync in Firefox: ${JSON.stringify(status.error)}`);
      console.log(
        `Firefox first sync: ${(ms / 1000).toFixed(1)} s, ${counters.requests} requests, ${(counters.bytes / 1e6).toFixed(1)} MB, ` +
          `${status.result?.deployments.toLocaleString('en')} deployments, ${Math.round((status.result?.deployments ?? 0) / (ms / 1000)).toLocaleString('en')} deployments/s; ` +
          `background ${suspended ? 'WAS suspended by Firefox during the sync' : 'never suspended by Firefox during the sync'}`,
      );
      console.log(`  cache: ${compare(await cachedRows(page), truth)}`);
      emulator.resetCounters();
      const again = Date.now();
      const idleKey = await requestSync(page, emulator.url);
      const idle = await watch(ff, page, idleKey, again, (s) => s.state !== 'running');
      console.log(`Firefox later sync, nothing new: ${emulator.counters().requests} requests (state ${idle.status.state})`);
    } finally {
      await ff.close();
    }
  }

  // 2. Stopped half-way through the deployments, then resumed.
  {
    const { ff, page } = await session(emulator);
    try {
      emulator.resetCounters();
      const started = Date.now();
      const t0 = performance.now();
      const key = await requestSync(page, emulator.url);
      const half = await watch(ff, page, key, started, (s) => s.state !== 'running' || (s.progress?.phase === 'deployments' && s.progress.done >= (s.progress.total ?? Infinity) / 2));
      if (half.status.state !== 'running') throw new Error(`the sync ended before it could be stopped: ${JSON.stringify(half.status)}`);
      const state = await terminateFirefoxBackground(ff.browser);
      const stoppedAt = Date.now();
      const before = emulator.counters().requests;
      await new Promise((r) => setTimeout(r, 2000));
      const afterStop = emulator.counters().requests;
      const stuck = await readStatus(page, key);
      console.log(
        `Firefox sync stopped at ${half.status.progress?.done.toLocaleString('en')} of ${half.status.progress?.total?.toLocaleString('en')} deployments: ` +
          `background ${state}, ${afterStop - before} requests in the 2 s after; 2 s later the background is ${await firefoxBackgroundState(ff.browser)} ` +
          `and the sync's status "${stuck?.state}"${stuck?.error ? ` (${stuck.error.kind})` : ''}`,
      );
      // The next sync request starts the background again; it marks the stopped sync interrupted and resumes.
      const resumeKey = await requestSync(page, emulator.url);
      const { status } = await watch(ff, page, resumeKey, stoppedAt, (s) => s.state !== 'running');
      const ms = performance.now() - t0;
      if (status.state !== 'done') throw new Error(`resumed sync in Firefox: ${JSON.stringify(status.error)}`);
      const total = emulator.counters().requests;
      console.log(`  resumed and finished: ${(ms / 1000).toFixed(1)} s in all, ${total} requests in all (${before} before the stop)`);
      console.log(`  cache: ${compare(await cachedRows(page), truth)}`);
    } finally {
      await ff.close();
    }
  }
}
