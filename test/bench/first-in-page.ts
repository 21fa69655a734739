/**
 * The page side of ./first-in-browser.ts, bundled for the browser: reads the History the bench serves
 * (columns as raw bytes, `history.bin`, laid out by `meta.json`), fills columns made by the extension's own
 * factory, and times the first `prepare` and panel metrics this page ever runs — the metrics code has not run
 * here before, as in an Insights page that just opened — or, in mode `warm`, the two steps the bench times
 * against DuckDB, warm, in the engine the extension runs in. The result is left in `window.doraLensFirstRun`.
 */
import { computeInsights, type History, type InsightsQuery, prepare } from '../../lib/metrics';
import { deploymentColumns, releaseColumns } from '../../lib/metrics/facts-columns';
import { projectHistory } from '../../lib/metrics/history-part';
import { defaultSettings } from '../../lib/settings/settings';
import { everyRow, oneSummary } from './duck-steps';

/** Where each column lies in `history.bin`. */
export interface ColumnPlace {
  table: 'deployments' | 'releases';
  column: string;
  offset: number;
  bytes: number;
}

export interface PageMeta {
  deployments: number;
  releases: number;
  columns: ColumnPlace[];
  versions: string[];
  dims: History['dims'];
  /**
   * What to time: the whole history's `prepare` + `query`, or a project's panel as it opens (its part first),
   * each once; or `warm`: the steps timed against DuckDB (./duckdb.ts), medians after a warm-up.
   */
  mode: 'whole' | 'project' | 'warm';
  project: number;
  query: InsightsQuery;
}

export interface FirstRun {
  /** A project's part (mode `project`; 0 otherwise), `prepare`, the metrics: ms. */
  part: number;
  prepare: number;
  metrics: number;
}

/** Mode `warm`: medians of `runs` timed runs of each step, after a warm-up, in ms. */
export interface WarmRun {
  /** `prepare` + every deployment's row columns. */
  rows: number;
  /** The view's part of the history (`query.filter`), `prepare`, and its whole summary (`windowSummary`). */
  summary: number;
  runs: number;
  /** Whether each timed step started from a collected heap (the page could call `gc()`). */
  collected: boolean;
}

async function load(): Promise<{ meta: PageMeta; history: History }> {
  const [meta, bytes] = await Promise.all([
    fetch('meta.json').then((r) => r.json() as Promise<PageMeta>),
    fetch('history.bin').then((r) => r.arrayBuffer()),
  ]);
  const deployments = deploymentColumns(meta.deployments);
  const releases = releaseColumns(meta.releases);
  for (const place of meta.columns) {
    const target = (place.table === 'deployments' ? deployments : releases)[place.column as 'id'];
    const Type = target.constructor as Uint32ArrayConstructor;
    target.set(new Type(bytes.slice(place.offset, place.offset + place.bytes)));
  }
  for (let i = 0; i < meta.versions.length; i++) releases.version[i] = meta.versions[i];
  return { meta, history: { deployments, releases, dims: meta.dims } };
}

async function run(meta: PageMeta, history: History): Promise<FirstRun> {
  // What the Insights page does before its first numbers (the browser's time zone, Intl's start).
  defaultSettings();
  // Let loading's garbage and the browser's own start-up work settle first.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const t0 = performance.now();
  const part = meta.mode === 'project' ? projectHistory(history, meta.project) : history;
  const t1 = performance.now();
  const prepared = prepare(part);
  const t2 = performance.now();
  computeInsights(prepared, meta.query);
  const t3 = performance.now();
  return { part: t1 - t0, prepare: t2 - t1, metrics: t3 - t2 };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The bench's two DuckDB steps as the extension's engine runs them, warm: untimed runs of each first (V8 and
 * SpiderMonkey re-optimise over the first calls), then `runs` timed ones in turn, each after a pause and,
 * where the browser exposes it (Chromium started with `--expose-gc`), a full collection — as Node's side
 * starts each step from a collected heap.
 */
async function warm(meta: PageMeta, history: History): Promise<WarmRun> {
  const large = history.deployments.length > 500_000;
  const runs = large ? 5 : 9;
  const warmUp = large ? 5 : 10;
  const collect = (globalThis as { gc?: () => void }).gc;
  const rows: number[] = [];
  const summary: number[] = [];
  for (let r = 0; r < warmUp + runs; r++) {
    for (const [step, into] of [
      [() => everyRow(history), rows],
      [() => oneSummary(history, meta.query), summary],
    ] as const) {
      collect?.();
      await pause(100);
      const t = performance.now();
      step();
      if (r >= warmUp) into.push(performance.now() - t);
    }
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  return { rows: median(rows), summary: median(summary), runs, collected: collect !== undefined };
}

const page = globalThis as unknown as { doraLensFirstRun?: FirstRun | WarmRun | { error: string } };
(async () => {
  const { meta, history } = await load();
  return meta.mode === 'warm' ? warm(meta, history) : run(meta, history);
})().then(
  (result) => {
    page.doraLensFirstRun = result;
  },
  (error) => {
    page.doraLensFirstRun = { error: String(error) };
  },
);
