/**
 * The page side of ./first-in-browser.ts, bundled for the browser: reads the History the bench serves
 * (columns as raw bytes, `history.bin`, laid out by `meta.json`), fills columns made by the extension's own
 * factory, and times the first `prepare` and panel metrics this page ever runs — the metrics code has not run
 * here before, as in an Insights page that just opened. The result is left in `window.doraLensFirstRun`.
 */
import { computeInsights, type History, type InsightsQuery, prepare } from '../../lib/metrics';
import { deploymentColumns, releaseColumns } from '../../lib/metrics/facts-columns';
import { projectHistory } from '../../lib/metrics/history-part';
import { defaultSettings } from '../../lib/settings/settings';

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
  /** What to time: the whole history's `prepare` + `query`, or a project's panel as it opens (its part first). */
  mode: 'whole' | 'project';
  project: number;
  query: InsightsQuery;
}

export interface FirstRun {
  /** A project's part (mode `project`; 0 otherwise), `prepare`, the metrics: ms. */
  part: number;
  prepare: number;
  metrics: number;
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

async function run(): Promise<FirstRun> {
  const { meta, history } = await load();
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

const page = globalThis as unknown as { doraLensFirstRun?: FirstRun | { error: string } };
run().then(
  (result) => {
    page.doraLensFirstRun = result;
  },
  (error) => {
    page.doraLensFirstRun = { error: String(error) };
  },
);
