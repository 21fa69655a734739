/**
 * `npm run bench`: times the metrics on the emulator's generated installations — `large` (~100k
 * deployments) and `huge` (~1M) — against the budgets (/work/shared/DESIGN.md, medians on the 2-core
 * machine): `prepare` ≤ 20 ms / 200 ms; prepare + a panel's metrics ≤ 30 / 300 ms; a filter change ≤ 5 / 30 ms;
 * the first run in a fresh process ≤ 2× those; all per-deployment rows ≤ 10 / 150 ms; the CSV of a year ≤
 * 50 / 500 ms; peak memory of a compute ≤ 2× the cached columns. With `--duckdb`, also DuckDB (2 threads)
 * computing the same rows and one summary in SQL on the same History, checked equal first, then timed in turn
 * (./duckdb.ts): the aim is ≥ 10× faster.
 *
 * The History is what the extension holds after a first sync (./emulator-history.ts: the emulator's
 * columns → the store's records → lib/store chunks → `buildHistory`). By default every space merged into
 * one History: the biggest space alone (Spaces-1) holds ~78 % of the deployments, under the 100k / 1M the
 * budgets are about (`--space Spaces-1` measures it alone, as the panel loads it).
 *
 * Each scale is measured in a fresh process (cold JIT, as a panel opening meets it: the first computation
 * is reported apart, with its peak memory), which gets its History from a generator child that exits before
 * the timing starts, so the memory figures are the metrics' own. Medians of at least 5 runs, with their range.
 *
 *   npm run bench                                   # large and huge, all spaces
 *   npm run bench -- --duckdb                       # and DuckDB on the same histories, alternating
 *   npm run bench -- --browsers                     # and the first run in fresh Chromium / Firefox (./first-in-browser.ts)
 *   npm run bench -- large --space Spaces-1         # one scale, one space
 *   npm run bench -- large --verify                 # also check the conversion against history() joined by hand
 */
import { fork } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { deploymentsCsvChunks } from '../../lib/export';
import { BROWSER_NAMES, type BrowserName, findChromium, findFirefox } from '../e2e/browser';
import { firstInBrowsers } from './first-in-browser';
import type { FirstRun, WarmRun } from './first-in-page';
import { deploymentColumns, releaseColumns } from '../../lib/metrics/facts-columns';
import { windowSummary } from '../../lib/metrics/group-summaries';
import { projectHistory } from '../../lib/metrics/history-part';
import { computeInsights, deploymentRowColumns, type History, type InsightsQuery, prepare } from '../../lib/metrics';
import { DEFAULT_PARAMS } from '../../lib/panel/panel-params';
import { projectView } from '../../lib/panel/project-view';
import { defaultSettings } from '../../lib/settings/settings';
import { createStore } from '../emulator/server';
import type { Store } from '../emulator/store';
import { allRows, everyRow, oneSummary } from './duck-steps';
import { checkRows, type DuckRowsCheck, type DuckSummary, duckRows, duckSummary, loadDuckDb } from './duckdb';
import {
  diffHistories,
  diffRecords,
  emulatorHistory,
  historyFile,
  historyFromRecords,
  referenceRecords,
  type SpaceSelection,
  storeDeploymentRecord,
  storeReleaseRecord,
} from './emulator-history';

function median(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Ranges of the timed runs, by what was timed, for the detail lines. */
let ranges: number[][] = [];

/**
 * Median of `runs` timed calls of `fn`, starting from a collected heap (each block pays for its own garbage,
 * not the previous block's). `fresh` collects before every run (not timed), for the steps that run once per
 * load (`prepare`): otherwise a run pays for collecting the previous run's typed arrays, which the panel
 * never does.
 */
function time(runs: number, fn: () => unknown, fresh = false): number {
  const times: number[] = [];
  collect();
  // Queries on a prepared history: the code that ran on the previous (collected) history is re-optimised
  // in the first few calls; those are in the cold figures, these are the steady state.
  if (!fresh) for (let r = 0; r < 5; r++) fn();
  for (let r = 0; r < runs; r++) {
    if (fresh && r > 0) collect();
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  ranges.push(times);
  return median(times);
}

const range = (times: number[]) => `(${times.length} runs, ${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)})`;

// A full collection before memory readings (the script cannot pass --expose-gc through `npm run bench`).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

function typedBytes(value: unknown, seen = new Set<unknown>()): number {
  if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  let total = 0;
  for (const v of Object.values(value as Record<string, unknown>)) total += typedBytes(v, seen);
  return total;
}

export interface BenchResult {
  label: string;
  deployments: number;
  releases: number;
  prepareMs: number;
  panelMs: number;
  coldPanelMs: number;
  firstPanelMs: number;
  spaceMs: number;
  coldSpaceMs: number;
  filterChangeMs: number;
  filterChangeMaxMs: number;
  yearDailyMs: number;
  rowsMs: number;
  prepareRowsMs: number;
  firstRowsMs: number;
  csvMs: number;
  firstCsvMs: number;
  csvBytes: number;
  historyBytes: number;
  preparedBytes: number;
  /** Typed arrays allocated by prepare + a panel's metrics, and by prepare + the whole space's (an upper bound of the peak). */
  peak: { panel: number; space: number };
  /** A project's panel as it opens, first in a fresh process: its part, prepare, metrics (ms). */
  opening: number[];
  /** With `--browsers`: the first run in a fresh browser (./first-in-browser.ts), medians of prepare + metrics and of a project's panel as it opens (ms). */
  browserFirst?: Partial<Record<BrowserName, { whole: number; project: number; runs: number; warm: WarmRun }>>;
  duck?: DuckResult;
}

/** The project with the most deployments (the panel the bench:sync opens). */
function busiestProject(history: History): number {
  const counts = new Int32Array(history.dims.projects.length);
  for (let i = 0; i < history.deployments.length; i++) counts[history.deployments.project[i]]++;
  let best = 0;
  for (let p = 1; p < counts.length; p++) if (counts[p] > counts[best]) best = p;
  return best;
}

/**
 * Times `prepare`; a panel's metrics (the busiest project, its default channel and last lifecycle
 * environment, last quarter weekly: what the panel opens on) prepared and cold; the whole space's (no
 * filter); filter changes; a year in daily buckets; every deployment's row; the CSV of a year; and prints
 * medians (at least 5 runs each) and memory.
 */
export function benchMetrics(history: History, now: number, label = `${history.deployments.length}`): BenchResult {
  const runs = history.deployments.length > 500_000 ? 5 : 11;
  const dims = history.dims;
  const production = Math.max(
    dims.environments.findIndex((e) => e.name === 'Production'),
    0,
  );
  const timeZone = 'Europe/London';
  const panel = projectView(dims, busiestProject(history), DEFAULT_PARAMS, { timeZone, weekStart: 'sunday', tierYear: 2024 }, now).query;
  const base: InsightsQuery = { now, range: { preset: 'lastQuarter' }, granularity: 'week', timeZone };
  const filters: InsightsQuery['filter'][] = [
    { environments: [production] },
    { projectGroups: [0, 1, 2] },
    { tenants: { untenanted: false, tenants: { tags: ['Region/EU'] } } },
    { projects: [busiestProject(history)], environments: [production] },
    undefined,
  ];

  // The first computations in this process, code not optimised yet, on the whole history (stricter than a
  // panel, which prepares its project's part: openingMain measures that).
  asThePageStarts();
  collect();
  let t = performance.now();
  let prepared = prepare(history);
  computeInsights(prepared, panel);
  const firstPanelMs = performance.now() - t;
  t = performance.now();
  allRows(prepared);
  const firstRowsMs = performance.now() - t;
  let csvBytes = 0;
  const csvOfAYear = () => {
    csvBytes = 0;
    for (const chunk of deploymentsCsvChunks(deploymentRowColumns(prepared, { now, range: { preset: 'lastYear' }, timeZone }), { bom: true })) csvBytes += chunk.byteLength;
  };
  t = performance.now();
  csvOfAYear();
  const firstCsvMs = performance.now() - t;
  // JIT warm-up, not counted: V8 keeps re-optimising prepare's loops over its first five or so calls (each
  // 2–5× its steady time; measured call by call, 2026-12-05), which two calls left inside the timed runs.
  // The first run is reported apart above.
  for (let k = 0; k < 6; k++) prepared = prepare(history);
  for (let k = 0; k < 3; k++) computeInsights(prepared, base);
  collect();

  ranges = [];
  const prepareMs = time(
    runs,
    () => {
      prepared = prepare(history);
    },
    true,
  );
  const queryRuns = history.deployments.length > 500_000 ? 9 : 21;
  const panelMs = time(queryRuns, () => computeInsights(prepared, panel));
  const coldPanelMs = time(Math.max(5, runs >> 1), () => computeInsights(prepare(history), panel), true);
  const spaceMs = time(queryRuns, () => computeInsights(prepared, base));
  const coldSpaceMs = time(Math.max(5, runs >> 1), () => computeInsights(prepare(history), base), true);
  prepared = prepare(history);
  computeInsights(prepared, base);
  let f = 0;
  const filterChangeMs = time(queryRuns * 2, () => computeInsights(prepared, { ...base, filter: filters[f++ % filters.length] }));
  const filterChangeMaxMs = Math.max(...ranges[ranges.length - 1]);
  const yearDailyMs = time(queryRuns, () => computeInsights(prepared, { ...base, range: { preset: 'lastYear' }, granularity: 'day' }));
  const rowsMs = time(queryRuns, () => allRows(prepared));
  const prepareRowsMs = time(Math.max(5, runs >> 1), () => allRows(prepare(history)), true);
  const csvMs = time(5, csvOfAYear);
  const [rPrepare, rPanel, rColdPanel, rSpace, rColdSpace, rFilter, rYear, rRows, rPrepareRows, rCsv] = ranges.map(range);
  const sample = computeInsights(prepared, panel);
  const space = computeInsights(prepared, base);
  const line = (what: string, ms: number, detail: string) => console.log(`${what.padEnd(66)} ${ms.toFixed(1).padStart(7)} ms  ${detail}`);
  console.log(`\n== ${label}: ${history.deployments.length} deployments (${history.releases.length} releases, ${prepared.streams.count} streams) ==`);
  line('prepare (orders, streams, stream walk, flags)', prepareMs, rPrepare);
  line('a panel\'s metrics, prepared (busiest project, quarter, weekly)', panelMs, rPanel);
  line('cold: prepare + a panel\'s metrics', coldPanelMs, rColdPanel);
  line('  the first in this process (code not optimised yet)', firstPanelMs, '(1 run)');
  line('the whole space\'s metrics, prepared (no filter, quarter, weekly)', spaceMs, rSpace);
  line('cold: prepare + the whole space\'s metrics', coldSpaceMs, rColdSpace);
  line('filter change (environment / groups / tag / project / none)', filterChangeMs, `${rFilter}`);
  line('the whole space, last year in daily buckets', yearDailyMs, rYear);
  line('every deployment\'s row (columns), prepared', rowsMs, rRows);
  line('prepare + every deployment\'s row', prepareRowsMs, rPrepareRows);
  line('  the first in this process', firstRowsMs, '(1 run)');
  line(`CSV of the last year, in chunks (${(csvBytes / 1048576).toFixed(1)} MB)`, csvMs, rCsv);
  line('  the first in this process', firstCsvMs, '(1 run)');
  const historyBytes = typedBytes(history);
  const own = typedBytes(prepared) - historyBytes;
  console.log(`memory: cached columns ${mb(historyBytes)}; prepare keeps ${mb(own)} of typed arrays (${Math.round(own / history.deployments.length)} B / deployment)`);
  console.log(
    `sanity: panel ${sample.summary.frequency.successful} successful, failure rate ${((sample.summary.failureRate.rate ?? 0) * 100).toFixed(1)} %; ` +
      `space ${space.summary.frequency.successful} successful, median lead time ${((space.summary.leadTime.median ?? 0) / 3_600_000).toFixed(1)} h, ${space.series.length} buckets`,
  );
  return {
    label,
    deployments: history.deployments.length,
    releases: history.releases.length,
    prepareMs,
    panelMs,
    coldPanelMs,
    firstPanelMs,
    spaceMs,
    coldSpaceMs,
    filterChangeMs,
    filterChangeMaxMs,
    yearDailyMs,
    rowsMs,
    prepareRowsMs,
    firstRowsMs,
    csvMs,
    firstCsvMs,
    csvBytes,
    historyBytes,
    preparedBytes: own,
    peak: { panel: Number.NaN, space: Number.NaN },
    opening: [],
  };
}

export interface DuckResult {
  rows: { duck: number; ours: number };
  summary: { duck: number; ours: number };
  /** Another view once loaded: DuckDB's summary of its materialised rows, ours of the prepared history. */
  next: { duck: number; ours: number };
  runs: number;
  loadMs: number;
}

/** What the main process asks the DuckDB process to time (./duckdb.ts). */
type DuckStep = 'rows' | 'summary' | 'next';
type DuckRequest = { history: History; environment: number; from: number; to: number } | { step: DuckStep };
type DuckReply = { check: DuckRowsCheck; summary: DuckSummary; loadMs: number } | { ms: number } | { error: string };

/**
 * The DuckDB process: loads the History it is sent into DuckDB, checks DuckDB's rows against its own
 * `prepare` of the same History and computes DuckDB's summary, then times each step it is asked for, from a
 * collected and settled heap. DuckDB runs in a process of its own so that neither side meets the other's
 * heap, threads or allocator.
 */
async function duckMain(): Promise<void> {
  let duck: Awaited<ReturnType<typeof loadDuckDb>> | undefined;
  let view: { environment: number; from: number; to: number } | undefined;
  process.on('message', async (message: DuckRequest) => {
    try {
      if ('history' in message) {
        const t = performance.now();
        duck = await loadDuckDb(message.history);
        const loadMs = performance.now() - t;
        view = message;
        const check = await checkRows(duck.connection, prepare(message.history));
        const summary = await duckSummary(duck.connection, view.environment, view.from, view.to);
        const fromTable = await duckSummary(duck.connection, view.environment, view.from, view.to, true);
        if (JSON.stringify(fromTable) !== JSON.stringify(summary)) throw new Error(`DuckDB's summary of its rows table differs: ${JSON.stringify(fromTable)}`);
        await send({ check, summary, loadMs } satisfies DuckReply);
        return;
      }
      if (!duck || !view) throw new Error('DuckDB: no history loaded');
      const { connection } = duck;
      const v = view;
      const run: Record<DuckStep, () => Promise<unknown>> = {
        rows: () => duckRows(connection),
        summary: () => duckSummary(connection, v.environment, v.from, v.to),
        next: () => duckSummary(connection, v.environment, v.from, v.to, true),
      };
      await settle();
      const t = performance.now();
      await run[message.step]();
      await send({ ms: performance.now() - t } satisfies DuckReply);
    } catch (error) {
      await send({ error: String(error) } satisfies DuckReply);
    }
  });
  process.on('disconnect', () => {
    duck?.close();
    process.exit(0);
  });
}

/**
 * What the insights page has done before its data arrives that the metrics then meet warm: its first render
 * works out the default settings (the browser's time zone, `defaultSettings`), which starts the runtime's
 * ICU date formatting. In a fresh Node process that first formatter costs ~17 ms, which the first
 * `computeInsights` would otherwise pay; in the page it is paid during the first render, before the worker
 * has answered (measured in Chromium: 0.3 ms there, the extension's process having ICU up already).
 */
function asThePageStarts(): void {
  defaultSettings();
}

/** A full collection, then a pause for the work it leaves to V8's background threads. */
async function settle(): Promise<void> {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The DuckDB process, answering one request at a time. */
function duckProcess(): { ask: (request: DuckRequest) => Promise<DuckReply>; close: () => void } {
  const child = fork(fileURLToPath(import.meta.url), [DUCK], { execArgv: process.execArgv, serialization: 'advanced' });
  let waiting: { resolve: (reply: DuckReply) => void; reject: (error: Error) => void } | undefined;
  child.on('message', (reply: DuckReply) => waiting?.resolve(reply));
  child.on('exit', (code) => waiting?.reject(new Error(`the DuckDB process ended (exit ${code})`)));
  return {
    ask: (request) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        child.send(request);
      }),
    close: () => child.disconnect(),
  };
}

/** The view whose summary is timed against DuckDB: production (or the first environment), the last year, monthly. */
function duckView(history: History, now: number): InsightsQuery {
  const production = Math.max(
    history.dims.environments.findIndex((e) => e.name === 'Production'),
    0,
  );
  return { now, range: { preset: 'lastYear' }, granularity: 'month', timeZone: 'UTC', filter: { environments: [production] } };
}

/**
 * DuckDB against DORA Lens on the same History: the per-deployment rows (DuckDB: a table made by its SQL;
 * ours: prepare + every deployment's row columns) and rows + one summary (production, last year: DuckDB's
 * SQL over its rows — a count and two medians; ours: the view's part of the history (production's streams),
 * prepare, and that view's whole summary, every figure of the panel's cards (`windowSummary`, what a goal
 * check computes)). DuckDB runs in a process of its own ({@link duckMain}). Both sides' values
 * are checked equal first — every deployment's row, and the summary — and the run stops if they differ.
 * Then the steps are timed in turn, alternating which side goes first, each from a collected and settled
 * heap in its own process, and the medians compared.
 */
export async function benchDuckDb(history: History, now: number): Promise<DuckResult> {
  const runs = history.deployments.length > 500_000 ? 5 : 9;
  const query = duckView(history, now);
  const production = query.filter!.environments![0];
  const duck = duckProcess();
  try {
    const prepared = prepare(history);
    const insights = computeInsights(prepared, query);
    const ours: DuckSummary = {
      successful: insights.summary.frequency.successful,
      failed: insights.summary.failureRate.failed,
      total: insights.summary.failureRate.total,
      leadTimeCount: insights.summary.leadTime.count,
      leadTimeMedian: insights.summary.leadTime.median,
      recoveryCount: insights.summary.recovery.count,
      recoveryMedian: insights.summary.recovery.median,
    };
    // Ours, as a view restricted to production prepares it: only production's streams (historyPart), the
    // way DuckDB pushes the filter below its window functions. Checked equal to the whole history's first.
    const fromPart = oneSummary(history, query);
    if (JSON.stringify(fromPart) !== JSON.stringify(insights.summary)) throw new Error('The production part of the history gives another summary than the whole history');
    if (JSON.stringify(windowSummary(prepared, query)) !== JSON.stringify(insights.summary)) throw new Error('windowSummary differs from computeInsights’ summary');
    const loaded = await duck.ask({ history, environment: production, from: insights.window.from, to: insights.window.to });
    if ('error' in loaded) throw new Error(loaded.error);
    if (!('check' in loaded)) throw new Error('DuckDB: no check');
    const { check, summary: theirs, loadMs } = loaded;
    const summaryProblems = (Object.keys(ours) as (keyof DuckSummary)[]).filter((k) => ours[k] !== theirs[k]).map((k) => `summary ${k}: DuckDB ${theirs[k]}, DORA Lens ${ours[k]}`);
    const problems = [...check.problems, ...summaryProblems];
    console.log(
      `DuckDB check: ${check.rows.toLocaleString('en')} rows (every finished Success/Failed deployment) and the summary ` +
        `(${ours.successful} successful, ${ours.failed} failed of ${ours.total}, median lead time ${ours.leadTimeMedian} ms, median recovery ${ours.recoveryMedian} ms): ` +
        (problems.length === 0 ? 'the same on both sides' : `${problems.length} differences`),
    );
    if (problems.length > 0) {
      for (const p of problems) console.log(`  ${p}`);
      throw new Error('DuckDB and DORA Lens disagree: no timing');
    }
    const times = { duckRows: [] as number[], oursRows: [] as number[], duckSummary: [] as number[], oursSummary: [] as number[], duckNext: [] as number[], oursNext: [] as number[] };
    const theirStep = async (into: number[], step: DuckStep) => {
      const reply = await duck.ask({ step });
      if (!('ms' in reply)) throw new Error('error' in reply ? reply.error : 'DuckDB: no time');
      into.push(reply.ms);
    };
    const ourStep = async (into: number[], fn: () => unknown) => {
      await settle();
      const s = performance.now();
      fn();
      into.push(performance.now() - s);
    };
    for (let r = 0; r < runs; r++) {
      const steps = [
        () => theirStep(times.duckRows, 'rows'),
        () => ourStep(times.oursRows, () => everyRow(history)),
        () => theirStep(times.duckSummary, 'summary'),
        () => ourStep(times.oursSummary, () => oneSummary(history, query)),
        () => theirStep(times.duckNext, 'next'),
        () => ourStep(times.oursNext, () => windowSummary(prepared, query)),
      ];
      // Alternate who goes first, so neither side always meets the other's leftovers (caches, the machine).
      const order = r % 2 === 0 ? [0, 1, 2, 3, 4, 5] : [1, 0, 3, 2, 5, 4];
      for (const k of order) await steps[k]();
    }
    const result: DuckResult = {
      rows: { duck: median(times.duckRows), ours: median(times.oursRows) },
      summary: { duck: median(times.duckSummary), ours: median(times.oursSummary) },
      next: { duck: median(times.duckNext), ours: median(times.oursNext) },
      runs,
      loadMs,
    };
    const show = (what: string, x: { duck: number; ours: number }, a: number[], b: number[]) =>
      console.log(
        `${what.padEnd(40)} DuckDB ${x.duck.toFixed(1)} ms ${range(a)}, DORA Lens ${x.ours.toFixed(1)} ms ${range(b)}: ` +
          `DORA Lens ${(x.duck / x.ours).toFixed(1)}× faster`,
      );
    show('per-deployment rows', result.rows, times.duckRows, times.oursRows);
    show('rows + one summary (production, a year)', result.summary, times.duckSummary, times.oursSummary);
    show('another view once loaded (same summary)', result.next, times.duckNext, times.oursNext);
    return result;
  } finally {
    duck.close();
  }
}

/**
 * Checks the conversion against the emulator's `history()` (Octopus JSON) joined by hand: the same
 * deployment and release records (ids, states, times, flags, references), the same dimensions, and the
 * same History after the store's chunks. Returns the problems found (none = identical).
 */
export function verifyConversion(store: Store, selection: SpaceSelection, converted: History): string[] {
  let t = performance.now();
  const file = historyFile(store);
  const reference = referenceRecords(file, selection);
  const fileMs = performance.now() - t;
  t = performance.now();
  const spaces = selection === 'all' ? store.spaces.map((_, s) => s) : [store.spaceIndex.get(selection) ?? -1];
  const deployments = spaces.flatMap((s) => Array.from(store.deploymentsBySpace[s].view(), (d) => storeDeploymentRecord(store, d)));
  const releases = spaces.flatMap((s) => Array.from(store.releasesBySpace[s].view(), (r) => storeReleaseRecord(store, r)));
  const problems = [
    ...diffRecords('deployment', deployments, reference.deployments),
    ...diffRecords('release', releases, reference.releases),
    ...diffHistories(converted, historyFromRecords(selection, reference.dims, reference.deployments, reference.releases)),
  ];
  const flags = {
    guided: reference.deployments.filter((d) => d.guidedFailure).length,
    unfinished: reference.deployments.filter((d) => Number.isNaN(d.completed)).length,
    blocked: reference.releases.filter((r) => r.blocked).length,
  };
  console.log(
    `verify: ${reference.deployments.length} deployments and ${reference.releases.length} releases from history() ` +
      `(${flags.guided} with a guided failure, ${flags.unfinished} unfinished, ${flags.blocked} releases blocked; ` +
      `JSON built and joined in ${(fileMs / 1000).toFixed(1)} s, compared in ${(performance.now() - t).toFixed(0)} ms): ` +
      (problems.length === 0 ? 'records, dimensions and History columns identical' : `${problems.length} problems`),
  );
  for (const p of problems) console.log(`  ${p}`);
  return problems;
}

type Scale = 'tiny' | 'demo' | 'large' | 'huge';
const SCALES: Scale[] = ['tiny', 'demo', 'large', 'huge'];

function summary(results: BenchResult[]): void {
  const col = (f: (r: BenchResult) => string) => results.map(f).join(' | ');
  const head = results.map((r) => `${r.label} (${r.deployments.toLocaleString('en')} deployments)`).join(' | ');
  const ms = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
  console.log(`\n| | ${head} | budget (100k / 1M) |`);
  console.log(`| --- | ${results.map(() => '---').join(' | ')} | --- |`);
  console.log(`| \`prepare\` | ${col((r) => ms(r.prepareMs))} | 20 ms / 200 ms |`);
  console.log(`| prepare + a panel's metrics (cold) | ${col((r) => ms(r.coldPanelMs))} | 30 ms / 300 ms |`);
  console.log(`| the same, first in a fresh process | ${col((r) => ms(r.firstPanelMs))} | 60 ms / 600 ms |`);
  for (const name of BROWSER_NAMES) {
    if (!results.some((r) => r.browserFirst?.[name])) continue;
    const first = (r: BenchResult) => r.browserFirst?.[name];
    console.log(`| the same, first in a fresh ${name} (the engine the extension runs in) | ${col((r) => (first(r) ? ms(first(r)!.whole) : 'n/a'))} | 60 ms / 600 ms |`);
  }
  console.log(`| a project's panel as it opens (its part, prepare, metrics), first in a fresh process | ${col((r) => ms(r.opening.reduce((a, b) => a + b, 0)))} | |`);
  for (const name of BROWSER_NAMES) {
    if (!results.some((r) => r.browserFirst?.[name])) continue;
    const first = (r: BenchResult) => r.browserFirst?.[name];
    console.log(`| the same, first in a fresh ${name} | ${col((r) => (first(r) ? ms(first(r)!.project) : 'n/a'))} | |`);
  }
  console.log(`| a panel's metrics, prepared | ${col((r) => ms(r.panelMs))} | |`);
  console.log(`| filter change (median of 5 filters; slowest) | ${col((r) => `${ms(r.filterChangeMs)}; ${ms(r.filterChangeMaxMs)}`)} | 5 ms / 30 ms |`);
  console.log(`| the whole space's metrics, prepared; cold | ${col((r) => `${ms(r.spaceMs)}; ${ms(r.coldSpaceMs)}`)} | |`);
  console.log(`| the whole space, a year in daily buckets | ${col((r) => ms(r.yearDailyMs))} | |`);
  console.log(`| every deployment's row, prepared | ${col((r) => ms(r.rowsMs))} | 10 ms / 150 ms |`);
  console.log(`| prepare + every deployment's row; first in a fresh process | ${col((r) => `${ms(r.prepareRowsMs)}; ${ms(r.prepareMs + r.firstRowsMs)}`)} | |`);
  console.log(`| CSV of a year, in chunks; first in a fresh process | ${col((r) => `${ms(r.csvMs)}; ${ms(r.firstCsvMs)} (${(r.csvBytes / 1048576).toFixed(1)} MB)`)} | 50 ms / 500 ms |`);
  console.log(
    `| memory: cached columns; allocated by prepare + a panel's / the whole space's metrics (≥ peak) | ${col((r) => `${mb(r.historyBytes)}; ${peakText(r.peak.panel, r.historyBytes)} / ${peakText(r.peak.space, r.historyBytes)}`)} | ≤ 2× |`,
  );
  if (results.some((r) => r.duck)) {
    const ratio = (x?: { duck: number; ours: number }) => (x ? `DuckDB ${ms(x.duck)}, ours ${ms(x.ours)}: ${(x.duck / x.ours).toFixed(1)}×` : 'n/a');
    console.log(`| vs DuckDB (2 threads): per-deployment rows | ${col((r) => ratio(r.duck?.rows))} | ≥ 10× |`);
    console.log(`| vs DuckDB: rows + one summary | ${col((r) => ratio(r.duck?.summary))} | ≥ 10× |`);
    console.log(`| vs DuckDB: another view once loaded (its rows table / our prepared history) | ${col((r) => ratio(r.duck?.next))} | |`);
    for (const name of BROWSER_NAMES) {
      if (!results.some((r) => r.browserFirst?.[name])) continue;
      const inBrowser = (r: BenchResult, step: 'rows' | 'summary') => {
        const warm = r.browserFirst?.[name]?.warm;
        const duck = r.duck?.[step].duck;
        return warm && duck !== undefined ? `${ms(warm[step])}: ${(duck / warm[step]).toFixed(1)}×` : 'n/a';
      };
      console.log(`| vs DuckDB, ours warm in ${name}: rows; rows + one summary | ${col((r) => `${inBrowser(r, 'rows')}; ${inBrowser(r, 'summary')}`)} | |`);
    }
  }
}

const peakText = (bytes: number, columns: number) => (Number.isNaN(bytes) ? 'n/a' : `${mb(bytes)} (${(bytes / columns).toFixed(2)}×)`);

/**
 * Memory of a compute, in a process of its own: every typed array `prepare` and the metrics allocate is
 * counted (the typed-array constructors are replaced by counting ones in this process only), so the total is
 * an upper bound of the compute's peak — temporaries are counted even when they are freed before the end.
 * (The process's RSS is no measure here: the allocator reuses memory freed before the compute.)
 */
async function memoryMain(): Promise<void> {
  const { history, now } = await new Promise<{ history: History; now: number }>((resolve) => process.once('message', (m) => resolve(m as { history: History; now: number })));
  let allocated = 0;
  const counted = <T extends new (...args: never[]) => ArrayBufferView>(Base: T): T => {
    // A view of an existing buffer (`subarray`) allocates nothing.
    const Counting = class extends (Base as unknown as new (...args: unknown[]) => ArrayBufferView) {
      constructor(...args: unknown[]) {
        super(...args);
        if (!(args[0] instanceof ArrayBuffer)) allocated += this.byteLength;
      }
    };
    return Counting as unknown as T;
  };
  const globals = globalThis as unknown as Record<string, unknown>;
  for (const name of ['Float64Array', 'Float32Array', 'Int32Array', 'Uint32Array', 'Int16Array', 'Uint16Array', 'Int8Array', 'Uint8Array']) {
    globals[name] = counted(globals[name] as new (...args: never[]) => ArrayBufferView);
  }
  const dims = history.dims;
  const panel = projectView(dims, busiestProject(history), DEFAULT_PARAMS, { timeZone: 'Europe/London', weekStart: 'sunday', tierYear: 2024 }, now).query;
  const space: InsightsQuery = { now, range: { preset: 'lastQuarter' }, granularity: 'week', timeZone: 'Europe/London' };
  const allocatedBy = (query: InsightsQuery) => {
    allocated = 0;
    computeInsights(prepare(history), query);
    return allocated;
  };
  await send({ panel: allocatedBy(panel), space: allocatedBy(space) });
  process.disconnect();
}

/**
 * A project's panel as it opens, in a process of its own whose metrics code has never run: the project's
 * part of the space's history, `prepare` of it and the panel's metrics (lib/ui/use-space-history.ts does
 * the same on the cache it read), timed once. Sends [part, prepare, metrics] in ms.
 */
async function openingMain(): Promise<void> {
  const { history: received, now } = await new Promise<{ history: History; now: number }>((resolve) => process.once('message', (m) => resolve(m as { history: History; now: number })));
  const history = asLoaded(received);
  const project = busiestProject(history);
  const panel = projectView(history.dims, project, DEFAULT_PARAMS, { timeZone: 'Europe/London', weekStart: 'sunday', tierYear: 2024 }, now).query;
  asThePageStarts();
  await settle();
  const t0 = performance.now();
  const part = projectHistory(history, project);
  const t1 = performance.now();
  const prepared = prepare(part);
  const t2 = performance.now();
  computeInsights(prepared, panel);
  const t3 = performance.now();
  await send([t1 - t0, t2 - t1, t3 - t2]);
  process.disconnect();
}

/**
 * The first prepare + panel metrics on the whole history, and a project's panel as it opens, each in a fresh
 * browser (Chromium, and Firefox when installed), five times at 100k and three at 1M: medians. Then, in one
 * more browser each, the two steps timed against DuckDB ({@link benchDuckDb}: every row; production's
 * summary of the last year), warm.
 */
async function benchFirstInBrowsers(history: History, now: number): Promise<BenchResult['browserFirst']> {
  const project = busiestProject(history);
  const query = projectView(history.dims, project, DEFAULT_PARAMS, { timeZone: 'Europe/London', weekStart: 'sunday', tierYear: 2024 }, now).query;
  const installed = BROWSER_NAMES.filter((name) => {
    try {
      (name === 'firefox' ? findFirefox : findChromium)();
      return true;
    } catch {
      return false;
    }
  });
  const runs = history.deployments.length > 500_000 ? 3 : 5;
  const measured = await firstInBrowsers(history, { whole: { query, project }, project: { query, project }, warm: { query: duckView(history, now), project } }, installed, runs);
  const out: BenchResult['browserFirst'] = {};
  for (const name of installed) {
    const total = (r: FirstRun) => r.part + r.prepare + r.metrics;
    const { whole, project: opening, warm } = measured[name];
    out[name] = { whole: median(whole.map(total)), project: median(opening.map(total)), runs, warm };
    const list = (rs: FirstRun[]) => rs.map((r) => `${r.prepare.toFixed(0)} + ${r.metrics.toFixed(0)}${r.part ? ` (part ${r.part.toFixed(0)})` : ''}`).join(', ');
    console.log(`the first prepare + a panel's metrics in a fresh ${name} (whole history)`.padEnd(67) + ` ${ms1(out[name].whole)}  (${runs} browsers: ${list(whole)})`);
    console.log(`a project's panel as it opens, first in a fresh ${name}`.padEnd(67) + ` ${ms1(out[name].project)}  (${runs} browsers: ${list(opening)})`);
    console.log(`${name}, warm (medians of ${warm.runs}${warm.collected ? ', each from a collected heap' : ', no forced collection'}): prepare + every deployment's row ${ms1(warm.rows)}; rows + one summary (production, a year) ${ms1(warm.summary)}`);
  }
  return out;
}

const ms1 = (v: number) => `${v.toFixed(1)} ms`;

/** {@link openingMain} in a child process. */
function measureOpening(history: History, now: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [OPENING], { execArgv: process.execArgv, serialization: 'advanced' });
    let result: number[] | undefined;
    child.on('message', (message) => {
      result = message as number[];
    });
    child.on('error', reject);
    child.on('exit', (code) => (result !== undefined && code === 0 ? resolve(result) : reject(new Error(`measuring a panel's opening failed (exit ${code})`))));
    child.send({ history, now });
  });
}

/** {@link memoryMain} in a child process. */
function measurePeaks(history: History, now: number): Promise<{ panel: number; space: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [MEMORY], { execArgv: process.execArgv, serialization: 'advanced' });
    let result: { panel: number; space: number } | undefined;
    child.on('message', (message) => {
      result = message as { panel: number; space: number };
    });
    child.on('error', reject);
    child.on('exit', (code) => (result !== undefined && code === 0 ? resolve(result) : reject(new Error(`measuring memory failed (exit ${code})`))));
    child.send({ history, now });
  });
}

/** Runs this script in a child process with `args` and resolves with the one message it sends. */
function inChild<T>(args: string[], what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), args, { execArgv: process.execArgv, serialization: 'advanced' });
    let result: T | undefined;
    child.on('message', (message) => {
      result = message as T;
    });
    child.on('error', reject);
    child.on('exit', (code) => (result !== undefined && code === 0 ? resolve(result) : reject(new Error(`${what} failed (exit ${code})`))));
  });
}

const send = (message: unknown) =>
  new Promise<void>((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));

interface ScaleArgs {
  scale: Scale;
  selection: SpaceSelection;
  now: number;
  verify: boolean;
  duckdb: boolean;
  browsers: boolean;
}
const toArgs = (a: ScaleArgs) => [
  a.scale,
  '--space',
  a.selection,
  '--now',
  String(a.now),
  ...(a.verify ? ['--verify'] : []),
  ...(a.duckdb ? ['--duckdb'] : []),
  ...(a.browsers ? ['--browsers'] : []),
];
const fromArgs = (args: string[]): ScaleArgs => ({
  scale: args[0] as Scale,
  selection: args[args.indexOf('--space') + 1],
  now: Number(args[args.indexOf('--now') + 1]),
  verify: args.includes('--verify'),
  duckdb: args.includes('--duckdb'),
  browsers: args.includes('--browsers'),
});

/**
 * The generator process: generates the scale, converts it (and verifies), sends the History and exits,
 * so the process that measures never holds the emulator's store (~600 MB at huge) or `history()`.
 */
async function generatorMain({ scale, selection, now, verify }: ScaleArgs): Promise<void> {
  let t = performance.now();
  const store = createStore({ scale, seed: 1, now });
  const generateMs = performance.now() - t;
  const perSpace = store.spaces.map((s, i) => `${s.Id} ${store.deploymentsBySpace[i].length.toLocaleString('en')}`).join(', ');
  console.log(`\n(${scale}: generated ${store.deployments.length.toLocaleString('en')} deployments in ${(generateMs / 1000).toFixed(1)} s — ${perSpace})`);
  t = performance.now();
  const converted = emulatorHistory(store, selection);
  const { dims, pack, load } = converted.timings;
  console.log(
    `(converted to a History in ${(performance.now() - t).toFixed(0)} ms: dimensions ${dims.toFixed(0)} ms, records → ` +
      `${converted.chunks.deployments} deployment and ${converted.chunks.releases} release chunks ${pack.toFixed(0)} ms, buildHistory ${load.toFixed(0)} ms)`,
  );
  let ok = true;
  if (verify) {
    if (store.deployments.length > 200_000) console.log(`verify: skipped at ${scale} (history() would be gigabytes); run it at large`);
    else ok = verifyConversion(store, selection, converted.history).length === 0;
  }
  await send({ history: converted.history, ok });
  process.disconnect();
}

/**
 * The History as the extension holds it: columns made by its own factory (lib/metrics/facts-columns.ts, as
 * lib/store/load.ts makes them), not the objects structured cloning rebuilt from the generator's message.
 * Those have other hidden classes than every History the metrics make themselves (a view's part), so a
 * process that used both ran the metrics' hot loops on polymorphic property loads: measured, `prepare` +
 * every row went from 23 to 70 ms, and a view once loaded from 6.7 to 20 ms, as soon as parts were prepared
 * beside the whole history. The extension's pages never meet such objects.
 */
function asLoaded(received: History): History {
  const d = received.deployments;
  const r = received.releases;
  const deployments = deploymentColumns(d.length);
  for (const key of Object.keys(deployments) as (keyof typeof deployments)[]) if (key !== 'length') deployments[key].set(d[key]);
  const releases = releaseColumns(r.length);
  releases.id.set(r.id);
  releases.project.set(r.project);
  releases.channel.set(r.channel);
  releases.assembled.set(r.assembled);
  releases.blocked.set(r.blocked);
  for (let i = 0; i < r.length; i++) releases.version[i] = r.version[i];
  return { deployments, releases, dims: received.dims };
}

/** The measuring process, one per scale (fresh JIT and heap): gets the History, benchmarks it. */
async function scaleMain(a: ScaleArgs): Promise<void> {
  const { history: received, ok } = await inChild<{ history: History; ok: boolean }>([GENERATOR, ...toArgs(a)], `generating ${a.scale}`);
  const history = asLoaded(received);
  collect();
  const result = benchMetrics(history, a.now, `${a.scale}${a.selection === 'all' ? '' : ` ${a.selection}`}`);
  result.peak = await measurePeaks(history, a.now);
  result.opening = await measureOpening(history, a.now);
  const [partMs, preparePartMs, panelMetricsMs] = result.opening;
  console.log(
    `a project's panel as it opens, first in a fresh process (busiest project: its part ${partMs.toFixed(1)} ms + prepare ${preparePartMs.toFixed(1)} ms + metrics ${panelMetricsMs.toFixed(1)} ms)`.padEnd(67) +
      ` ${(partMs + preparePartMs + panelMetricsMs).toFixed(1)} ms`,
  );
  console.log(
    `memory: peak of prepare + a panel's metrics ${peakText(result.peak.panel, result.historyBytes)}, of prepare + the whole space's ${peakText(result.peak.space, result.historyBytes)} ` +
      '(every typed array the compute allocates, temporaries included: an upper bound of its peak; × the cached columns)',
  );
  if (a.browsers) result.browserFirst = await benchFirstInBrowsers(history, a.now);
  let agreed = true;
  if (a.duckdb) {
    try {
      result.duck = await benchDuckDb(history, a.now);
    } catch (error) {
      console.log(String(error));
      agreed = false;
    }
  }
  await send({ result, ok: ok && agreed });
  process.disconnect();
}

const GENERATOR = '--generator-child';
const SCALE = '--scale-child';
const MEMORY = '--memory-child';
const DUCK = '--duckdb-child';
const OPENING = '--opening-child';
// Run as a bundle (run-bundled.mjs, as the extension ships) or straight through tsx.
const isMain = /metrics(\.bundle\.mjs|\.ts)$/.test(process.argv[1] ?? '');
if (isMain && process.argv[2] === MEMORY) {
  await memoryMain();
} else if (isMain && process.argv[2] === OPENING) {
  await openingMain();
} else if (isMain && process.argv[2] === DUCK) {
  await duckMain();
} else if (isMain && process.argv[2] === GENERATOR) {
  await generatorMain(fromArgs(process.argv.slice(3)));
} else if (isMain && process.argv[2] === SCALE) {
  await scaleMain(fromArgs(process.argv.slice(3)));
} else if (isMain) {
  const args = process.argv.slice(2);
  const scales = args.filter((a): a is Scale => (SCALES as string[]).includes(a));
  const spaceAt = args.indexOf('--space');
  const selection: SpaceSelection = spaceAt >= 0 ? args[spaceAt + 1] : 'all';
  const verify = args.includes('--verify');
  const duckdb = args.includes('--duckdb');
  const browsers = args.includes('--browsers');
  const flags = ['--verify', '--duckdb', '--browsers', '--space'];
  const unknown = args.filter((a, i) => !(SCALES as string[]).includes(a) && !flags.includes(a) && args[i - 1] !== '--space');
  if (unknown.length > 0) throw new Error(`unknown arguments ${unknown.join(' ')}: npm run bench -- [tiny|demo|large|huge …] [--space all|Spaces-N] [--verify] [--duckdb] [--browsers]`);
  // A fixed clock: the same scale and seed then always give the same history.
  const now = Date.UTC(2026, 10, 1, 12);
  const cpu = cpus();
  console.log(
    `DORA Lens metrics bench — machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${mb(totalmem())} RAM (${mb(freemem())} free), ` +
      `Node ${process.version}, ${process.platform}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
  console.log(
    `history: the emulator's generator (seed 1, now ${new Date(now).toISOString()}), ${selection === 'all' ? 'every space merged into one History' : selection}; ` +
      'each scale measured in a fresh process',
  );
  const results: BenchResult[] = [];
  let failed = false;
  for (const scale of scales.length > 0 ? scales : (['large', 'huge'] as Scale[])) {
    const { result, ok } = await inChild<{ result: BenchResult; ok: boolean }>([SCALE, ...toArgs({ scale, selection, now, verify, duckdb, browsers })], `benchmarking ${scale}`);
    results.push(result);
    if (!ok) failed = true;
  }
  summary(results);
  console.log(`(load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  if (failed) process.exitCode = 1;
}
