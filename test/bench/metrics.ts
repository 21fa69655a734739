/**
 * `npm run bench`: times the metrics on the emulator's generated installations — `large` (~100k
 * deployments) and `huge` (~1M) — and prints medians and memory. Budgets (/work/shared/DESIGN.md): all
 * metrics + series for one filter ≤ 100 ms at 100k and ≤ 1 s at 1M in Node on a 2-core machine; a filter
 * change ≤ 50 ms at 100k.
 *
 * The History is what the extension holds after a first sync (./emulator-history.ts: the emulator's
 * columns → the store's records → lib/store chunks → `buildHistory`). By default every space merged into
 * one History: the biggest space alone (Spaces-1) holds ~78 % of the deployments, under the 100k / 1M the
 * budgets are about (`--space Spaces-1` measures it alone, as the panel loads it).
 *
 * Each scale is measured in a fresh process (cold JIT, as a panel opening meets it: the first computation
 * is reported apart), which gets its History from a generator child that exits before the timing starts,
 * so the memory figures are the metrics' own. Medians of at least 5 runs, with their range.
 *
 *   npm run bench                                   # large and huge, all spaces
 *   npm run bench -- large --space Spaces-1         # one scale, one space
 *   npm run bench -- large --verify                 # also check the conversion against history() joined by hand
 */
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { deploymentsCsv } from '../../lib/export';
import {
  classifyDeployments,
  computeInsights,
  deploymentRows,
  type History,
  type InsightsQuery,
  prepare,
} from '../../lib/metrics';
import { orderDeployments } from '../../lib/metrics/order-deployments';
import { orderReleases } from '../../lib/metrics/order-releases';
import { walkStreams } from '../../lib/metrics/walk-streams';
import { createStore } from '../emulator/server';
import type { Store } from '../emulator/store';
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
 * Median of `runs` timed calls of `fn`. `fresh` starts each run from a collected heap (not timed), for
 * the steps that run once per load (`prepare`): otherwise a run pays for collecting the previous run's
 * ~100 MB of typed arrays, which the panel never does.
 */
function time(runs: number, fn: () => unknown, fresh = false): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    if (fresh) collect();
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

/** Peak RSS of the process, bytes (Linux: VmHWM, resettable; elsewhere getrusage's max RSS). */
function peakRss(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
}

/** Resets the peak RSS to the current RSS (Linux `clear_refs`), so the peak covers what follows only. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export interface BenchResult {
  label: string;
  deployments: number;
  releases: number;
  prepareMs: number;
  insightsMs: number;
  coldMs: number;
  firstMs: number;
  filterChangeMs: number;
  yearDailyMs: number;
  rowsMs: number;
  csvMs: number;
  historyBytes: number;
  preparedBytes: number;
  peakRss: number;
  peakRssIsMetricsOnly: boolean;
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
 * Times `prepare`, a full computation (all metrics, series, rankings; last quarter, weekly), the same cold
 * (prepare + computation), filter changes, a year of daily buckets and a CSV export over one history, and
 * prints medians (at least 5 runs each) and memory.
 */
export function benchMetrics(history: History, now: number, label = `${history.deployments.length}`, peakIsMetricsOnly = false): BenchResult {
  const runs = history.deployments.length > 500_000 ? 5 : 11;
  const production = Math.max(
    history.dims.environments.findIndex((e) => e.name === 'Production'),
    0,
  );
  const base: InsightsQuery = { now, range: { preset: 'lastQuarter' }, granularity: 'week', timeZone: 'Europe/London' };
  const filters: InsightsQuery['filter'][] = [
    { environments: [production] },
    { projectGroups: [0, 1, 2] },
    { tenants: { untenanted: false, tenants: { tags: ['Region/EU'] } } },
    { projects: [busiestProject(history)], environments: [production] },
    undefined,
  ];

  const rssAtStart = process.memoryUsage().rss;
  // The first computation in this process, code not optimised yet: what opening the panel meets.
  const t = performance.now();
  let prepared = prepare(history);
  computeInsights(prepared, base);
  const firstMs = performance.now() - t;
  // JIT warm-up, not counted.
  for (let k = 0; k < 2; k++) prepared = prepare(history);
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
  const insightsMs = time(runs, () => computeInsights(prepared, base));
  const rowsMs = time(runs, () => {
    const classification = classifyDeployments(history.deployments, history.releases);
    walkStreams(history, classification, orderDeployments(history.deployments), orderReleases(history.releases));
  });
  const coldMs = time(Math.max(5, runs >> 1), () => computeInsights(prepare(history), base), true);
  let f = 0;
  const filterChangeMs = time(runs * 2, () => computeInsights(prepared, { ...base, filter: filters[f++ % filters.length] }));
  const yearDailyMs = time(runs, () => computeInsights(prepared, { ...base, range: { preset: 'lastYear' }, granularity: 'day' }));
  const peakBeforeCsv = peakRss();
  let csvLength = 0;
  const csvMs = time(
    5,
    () => {
      csvLength = deploymentsCsv(deploymentRows(prepared, { now, range: { preset: 'lastYear' } })).length;
    },
    true,
  );
  const [rPrepare, rInsights, rRows, rCold, rFilter, rYear, rCsv] = ranges.map(range);
  const sample = computeInsights(prepared, base);
  console.log(`\n== ${label}: ${history.deployments.length} deployments (${history.releases.length} releases, ${prepared.streams.count} streams) ==`);
  console.log(`prepare (sort once, stream walk, flags, sorted values)     ${prepareMs.toFixed(1)} ms  ${rPrepare}`);
  console.log(`  of which per-deployment rows (classify, sort, stream walk)  ${rowsMs.toFixed(1)} ms  ${rRows}  (DuckDB SQL: ~210 ms / 100k, ~1.8 s / 1M)`);
  console.log(`all metrics + series + rankings (quarter, weekly, no filter) ${insightsMs.toFixed(1)} ms  ${rInsights}`);
  console.log(`cold: prepare + all metrics                                ${coldMs.toFixed(1)} ms  ${rCold}`);
  console.log(`  the first of all in this process (code not optimised yet)  ${firstMs.toFixed(1)} ms  (1 run)`);
  console.log(`filter change (environment / groups / tag / project / none) ${filterChangeMs.toFixed(1)} ms  ${rFilter}`);
  console.log(`all metrics, last year in daily buckets                    ${yearDailyMs.toFixed(1)} ms  ${rYear}`);
  console.log(`CSV of the last year (rows + text, ${(csvLength / 1048576).toFixed(1)} MB)              ${csvMs.toFixed(1)} ms  ${rCsv}`);
  const historyBytes = typedBytes(history);
  const own = typedBytes(prepared) - historyBytes;
  collect();
  const m = process.memoryUsage();
  console.log(
    `memory: history ${mb(historyBytes)} of typed arrays; prepare adds ${mb(own)} of typed arrays ` +
      `(${Math.round(own / history.deployments.length)} B / deployment); heap used ${mb(m.heapUsed)}, rss ${mb(m.rss)}, ` +
      `peak RSS before the CSV ${mb(peakBeforeCsv)}${peakIsMetricsOnly ? ` (from ${mb(rssAtStart)} with the history loaded)` : ' (includes generating the history)'}`,
  );
  console.log(
    `sanity: ${sample.summary.frequency.successful} successful, failure rate ${((sample.summary.failureRate.rate ?? 0) * 100).toFixed(1)} %, ` +
      `median lead time ${((sample.summary.leadTime.median ?? 0) / 3_600_000).toFixed(1)} h, ${sample.series.length} buckets`,
  );
  return {
    label,
    deployments: history.deployments.length,
    releases: history.releases.length,
    prepareMs,
    insightsMs,
    coldMs,
    firstMs,
    filterChangeMs,
    yearDailyMs,
    rowsMs,
    csvMs,
    historyBytes,
    preparedBytes: own,
    peakRss: peakBeforeCsv,
    peakRssIsMetricsOnly: peakIsMetricsOnly,
  };
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
  console.log(`\n| | ${head} | budget |`);
  console.log(`| --- | ${results.map(() => '---').join(' | ')} | --- |`);
  console.log(`| cold: prepare + all metrics, series, rankings | ${col((r) => `${r.coldMs.toFixed(0)} ms`)} | 100 ms / 100k, 1 s / 1M |`);
  console.log(`| the same, first in the process (JIT cold; 1 run) | ${col((r) => `${r.firstMs.toFixed(0)} ms`)} | |`);
  console.log(`| prepare (once per load) | ${col((r) => `${r.prepareMs.toFixed(0)} ms`)} | |`);
  console.log(`| all metrics for one filter, prepared | ${col((r) => `${r.insightsMs.toFixed(1)} ms`)} | |`);
  console.log(`| filter change | ${col((r) => `${r.filterChangeMs.toFixed(1)} ms`)} | 50 ms at 100k |`);
  console.log(`| all metrics, a year in daily buckets | ${col((r) => `${r.yearDailyMs.toFixed(1)} ms`)} | |`);
  console.log(`| per-deployment rows (DuckDB: ~210 ms / 100k, ~1.8 s / 1M) | ${col((r) => `${r.rowsMs.toFixed(0)} ms`)} | |`);
  console.log(`| CSV of a year | ${col((r) => `${r.csvMs.toFixed(0)} ms`)} | |`);
  console.log(
    `| memory: history + prepared (typed arrays); peak RSS | ${col((r) => `${mb(r.historyBytes)} + ${mb(r.preparedBytes)}; ${mb(r.peakRss)}${r.peakRssIsMetricsOnly ? '' : ' (with generation)'}`)} | |`,
  );
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
}
const toArgs = (a: ScaleArgs) => [a.scale, '--space', a.selection, '--now', String(a.now), ...(a.verify ? ['--verify'] : [])];
const fromArgs = (args: string[]): ScaleArgs => ({
  scale: args[0] as Scale,
  selection: args[args.indexOf('--space') + 1],
  now: Number(args[args.indexOf('--now') + 1]),
  verify: args.includes('--verify'),
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

/** The measuring process, one per scale (fresh JIT and heap): gets the History, benchmarks it. */
async function scaleMain(a: ScaleArgs): Promise<void> {
  const { history, ok } = await inChild<{ history: History; ok: boolean }>([GENERATOR, ...toArgs(a)], `generating ${a.scale}`);
  collect();
  const reset = resetPeakRss();
  const result = benchMetrics(history, a.now, `${a.scale}${a.selection === 'all' ? '' : ` ${a.selection}`}`, reset);
  await send({ result, ok });
  process.disconnect();
}

const GENERATOR = '--generator-child';
const SCALE = '--scale-child';
const isMain = process.argv[1]?.endsWith('metrics.ts');
if (isMain && process.argv[2] === GENERATOR) {
  await generatorMain(fromArgs(process.argv.slice(3)));
} else if (isMain && process.argv[2] === SCALE) {
  await scaleMain(fromArgs(process.argv.slice(3)));
} else if (isMain) {
  const args = process.argv.slice(2);
  const scales = args.filter((a): a is Scale => (SCALES as string[]).includes(a));
  const spaceAt = args.indexOf('--space');
  const selection: SpaceSelection = spaceAt >= 0 ? args[spaceAt + 1] : 'all';
  const verify = args.includes('--verify');
  const unknown = args.filter((a, i) => !(SCALES as string[]).includes(a) && a !== '--verify' && a !== '--space' && args[i - 1] !== '--space');
  if (unknown.length > 0) throw new Error(`unknown arguments ${unknown.join(' ')}: npm run bench -- [tiny|demo|large|huge …] [--space all|Spaces-N] [--verify]`);
  // A fixed clock: the same scale and seed then always give the same history.
  const now = Date.UTC(2026, 10, 1, 12);
  const cpu = cpus();
  console.log(
    `DORA Lens metrics bench — ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${mb(totalmem())} RAM (${mb(freemem())} free), ` +
      `Node ${process.version}, ${process.platform}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
  console.log(
    `history: the emulator's generator (seed 1, now ${new Date(now).toISOString()}), ${selection === 'all' ? 'every space merged into one History' : selection}; ` +
      'each scale measured in a fresh process',
  );
  const results: BenchResult[] = [];
  let failed = false;
  for (const scale of scales.length > 0 ? scales : (['large', 'huge'] as Scale[])) {
    const { result, ok } = await inChild<{ result: BenchResult; ok: boolean }>([SCALE, ...toArgs({ scale, selection, now, verify })], `benchmarking ${scale}`);
    results.push(result);
    if (!ok) failed = true;
  }
  summary(results);
  console.log(`(load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  if (failed) process.exitCode = 1;
}
