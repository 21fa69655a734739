/**
 * `npm run bench`: times the metrics on the emulator's generated installations — `large` (~100k
 * deployments) and `huge` (~1M) — and prints medians and memory. Budgets (/work/shared/DESIGN.md): all
 * metrics + series for one filter ≤ 100 ms at 100k and ≤ 1 s at 1M in Node on a 2-core machine; a filter
 * change ≤ 50 ms at 100k.
 *
 * The History is what the extension holds after a first sync (./emulator-history.ts: the emulator's
 * columns → the store's records → lib/store chunks → `buildHistory`). By default every space merged into
 * one History: the biggest space alone (Spaces-1) holds ~78 % of the deployments, under the 100k / 1M the
 * budgets are about.
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

/** report.ts still builds its history with the old synthetic generator. */
export { syntheticHistory } from './synthetic-history';

function median(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(runs: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

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

  let prepared = prepare(history);
  collect();
  for (let k = 0; k < 3; k++) computeInsights(prepared, base); // JIT warm-up, not counted

  const prepareMs = time(runs, () => {
    prepared = prepare(history);
  });
  const insightsMs = time(runs, () => computeInsights(prepared, base));
  const rowsMs = time(runs, () => {
    const classification = classifyDeployments(history.deployments, history.releases);
    walkStreams(history, classification, orderDeployments(history.deployments), orderReleases(history.releases));
  });
  const coldMs = time(Math.max(5, runs >> 1), () => computeInsights(prepare(history), base));
  let f = 0;
  const filterChangeMs = time(runs * 2, () => computeInsights(prepared, { ...base, filter: filters[f++ % filters.length] }));
  const yearDailyMs = time(runs, () => computeInsights(prepared, { ...base, range: { preset: 'lastYear' }, granularity: 'day' }));
  const peakBeforeCsv = peakRss();
  let csvLength = 0;
  const csvMs = time(5, () => {
    csvLength = deploymentsCsv(deploymentRows(prepared, { now, range: { preset: 'lastYear' } })).length;
  });
  const sample = computeInsights(prepared, base);
  console.log(`\n== ${label}: ${history.deployments.length} deployments (${history.releases.length} releases, ${prepared.streams.count} streams) ==`);
  console.log(`prepare (sort once, stream walk, flags, sorted values)     ${prepareMs.toFixed(1)} ms`);
  console.log(`  of which per-deployment rows (classify, sort, stream walk)  ${rowsMs.toFixed(1)} ms  (DuckDB SQL: ~210 ms / 100k, ~1.8 s / 1M)`);
  console.log(`all metrics + series + rankings (quarter, weekly, no filter) ${insightsMs.toFixed(1)} ms`);
  console.log(`cold: prepare + all metrics                                ${coldMs.toFixed(1)} ms`);
  console.log(`filter change (environment / groups / tag / project / none) ${filterChangeMs.toFixed(1)} ms`);
  console.log(`all metrics, last year in daily buckets                    ${yearDailyMs.toFixed(1)} ms`);
  console.log(`CSV of the last year (rows + text, ${(csvLength / 1048576).toFixed(1)} MB)              ${csvMs.toFixed(1)} ms`);
  const historyBytes = typedBytes(history);
  const own = typedBytes(prepared) - historyBytes;
  collect();
  const m = process.memoryUsage();
  console.log(
    `memory: history ${mb(historyBytes)} of typed arrays; prepare adds ${mb(own)} of typed arrays ` +
      `(${Math.round(own / history.deployments.length)} B / deployment); heap used ${mb(m.heapUsed)}, rss ${mb(m.rss)}, ` +
      `peak RSS before the CSV ${mb(peakBeforeCsv)}${peakIsMetricsOnly ? ' (since the history was loaded)' : ' (includes generating the history)'}`,
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

/**
 * Generates and converts in a child process that then exits, so this process never holds the emulator's
 * store (~600 MB at huge) or `history()` (--verify): its memory figures are the metrics' own.
 */
function historyInChild(scale: Scale, selection: SpaceSelection, now: number, verify: boolean): Promise<{ history: History; ok: boolean }> {
  return new Promise((resolve, reject) => {
    const args = [CHILD, scale, '--space', selection, '--now', String(now), ...(verify ? ['--verify'] : [])];
    const child = fork(fileURLToPath(import.meta.url), args, { execArgv: process.execArgv, serialization: 'advanced' });
    let result: { history: History; ok: boolean } | undefined;
    child.on('message', (message) => {
      result = message as { history: History; ok: boolean };
    });
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`generating ${scale} failed (exit ${code})`))));
  });
}

/** The child's side: generate, convert (and verify), send the History, exit. */
async function childMain(args: string[]): Promise<void> {
  const scale = args[0] as Scale;
  const selection: SpaceSelection = args[args.indexOf('--space') + 1];
  const now = Number(args[args.indexOf('--now') + 1]);
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
  if (args.includes('--verify')) {
    if (store.deployments.length > 200_000) console.log(`verify: skipped at ${scale} (history() would be gigabytes); run it at large`);
    else ok = verifyConversion(store, selection, converted.history).length === 0;
  }
  await new Promise<void>((resolve, reject) => process.send!({ history: converted.history, ok }, (error: Error | null) => (error ? reject(error) : resolve())));
  process.disconnect();
}

const CHILD = '--emulator-history-child';
const isMain = process.argv[1]?.endsWith('metrics.ts');
if (isMain && process.argv[2] === CHILD) {
  await childMain(process.argv.slice(3));
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
  console.log(`history: the emulator's generator (seed 1, now ${new Date(now).toISOString()}), ${selection === 'all' ? 'every space merged into one History' : selection}`);
  const results: BenchResult[] = [];
  let failed = false;
  for (const scale of scales.length > 0 ? scales : (['large', 'huge'] as Scale[])) {
    const { history, ok } = await historyInChild(scale, selection, now, verify);
    if (!ok) failed = true;
    collect();
    const reset = resetPeakRss();
    results.push(benchMetrics(history, now, `${scale}${selection === 'all' ? '' : ` ${selection}`}`, reset));
  }
  summary(results);
  if (failed) process.exitCode = 1;
}
