/**
 * The first computation in the engine the extension runs in: a fresh browser (Chromium or Firefox, from
 * the system, as the browser tests find them) opens a page on a local server that loads the History's
 * columns and times, once, what an Insights page does first — `prepare` and the panel's metrics on the
 * whole history, or a project's panel as it opens (its part, `prepare`, metrics). One browser per run, so
 * every run meets code that has never run in that process, as a user's first panel does. Node's figure
 * ("first in a fresh process") is Node 20's V8; this is the browser's own (its tiers of compilers differ).
 * One more browser each times the steps the bench compares with DuckDB, warm (mode `warm`): DuckDB's side
 * runs natively in Node, ours here in the engine users run it in, whose allocator and compilers differ
 * from Node's.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import type { History, InsightsQuery } from '../../lib/metrics';
import { type BrowserName, findChromium, findFirefox } from '../e2e/browser';
import type { ColumnPlace, FirstRun, PageMeta, WarmRun } from './first-in-page';

export type FirstRunMode = Exclude<PageMeta['mode'], 'warm'>;

export interface BrowserRuns extends Record<FirstRunMode, FirstRun[]> {
  warm: WarmRun;
}

const PAGE_ENTRY = 'test/bench/first-in-page.ts';

/** The project's root: up from this module, which runs from test/bench or bundled under node_modules/.cache. */
function projectRoot(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, PAGE_ENTRY))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`${PAGE_ENTRY} not found above ${import.meta.dirname}`);
  }
}

/** `runs` first runs of each mode in each browser, each in a browser of its own; then the warm steps in one more. */
export async function firstInBrowsers(
  history: History,
  views: Record<PageMeta['mode'], { query: InsightsQuery; project: number }>,
  browsers: readonly BrowserName[],
  runs: number,
): Promise<Record<BrowserName, BrowserRuns>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dora-lens-first-run-'));
  const server = createServer();
  try {
    const root = projectRoot();
    await build({
      entryPoints: [path.join(root, PAGE_ENTRY)],
      outfile: path.join(dir, 'page.js'),
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      alias: { '@': root },
      logLevel: 'warning',
    });
    const { columns, bytes } = layOut(history);
    writeFileSync(path.join(dir, 'history.bin'), bytes);
    for (const mode of ['whole', 'project', 'warm'] as const) {
      const meta: PageMeta = {
        deployments: history.deployments.length,
        releases: history.releases.length,
        columns,
        versions: [...history.releases.version],
        dims: history.dims,
        mode,
        ...views[mode],
      };
      mkdirSync(path.join(dir, mode));
      writeFileSync(path.join(dir, mode, 'meta.json'), JSON.stringify(meta));
    }
    const files: Record<string, [string, string]> = {
      'page.js': ['page.js', 'text/javascript'],
      'history.bin': ['history.bin', 'application/octet-stream'],
    };
    server.on('request', (request, response) => {
      const [, mode, name] = (request.url ?? '').split('/');
      if (mode !== 'whole' && mode !== 'project' && mode !== 'warm') return void response.writeHead(404).end();
      if (name === '' || name === undefined) return void response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="page.js"></script>');
      if (name === 'meta.json') return void response.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(path.join(dir, mode, name)));
      const file = files[name];
      if (!file) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': file[1] }).end(readFileSync(path.join(dir, file[0])));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const results = {} as Record<BrowserName, BrowserRuns>;
    for (const name of browsers) {
      const whole: FirstRun[] = [];
      const project: FirstRun[] = [];
      for (let r = 0; r < runs; r++) {
        whole.push((await inFreshBrowser(name, `${base}/whole/`)) as FirstRun);
        project.push((await inFreshBrowser(name, `${base}/project/`)) as FirstRun);
      }
      results[name] = { whole, project, warm: (await inFreshBrowser(name, `${base}/warm/`, true)) as WarmRun };
    }
    return results;
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every typed column of the History, one after another (8-byte aligned), and where each lies. */
function layOut(history: History): { columns: ColumnPlace[]; bytes: Buffer } {
  const columns: ColumnPlace[] = [];
  const parts: Buffer[] = [];
  let offset = 0;
  for (const table of ['deployments', 'releases'] as const) {
    for (const [column, value] of Object.entries(history[table])) {
      if (!ArrayBuffer.isView(value)) continue;
      const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      const padded = Math.ceil(bytes.length / 8) * 8;
      columns.push({ table, column, offset, bytes: bytes.length });
      parts.push(bytes, Buffer.alloc(padded - bytes.length));
      offset += padded;
    }
  }
  return { columns, bytes: Buffer.concat(parts) };
}

/** One fresh browser, one page, its result; with `exposeGc`, Chromium's page can collect (`gc()`). */
async function inFreshBrowser(name: BrowserName, url: string, exposeGc = false): Promise<FirstRun | WarmRun> {
  const browser =
    name === 'firefox'
      ? await puppeteer.launch({ browser: 'firefox', executablePath: findFirefox(), headless: true })
      : await puppeteer.launch({ executablePath: findChromium(), headless: true, pipe: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', ...(exposeGc ? ['--js-flags=--expose-gc'] : [])] });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction('window.doraLensFirstRun !== undefined', { timeout: 300_000 });
    const result = (await page.evaluate('window.doraLensFirstRun')) as FirstRun | WarmRun | { error: string };
    if ('error' in result) throw new Error(`${name}: ${result.error}`);
    return result;
  } finally {
    await browser.close();
  }
}
