/**
 * A seeded history for CSV tests that has everything a CSV cell can trip on: names with commas, quotes,
 * line breaks and formula starts (`=`, `+`, `-`, `@`, tab, CR), non-ASCII names, tenants and untenanted
 * deployments, every task state, guided failures, blocked releases, unfinished deployments, negative and
 * very long lead times, ties in completion time, rollbacks and redeploys. The goldens in
 * test/fixtures/csv/ are this history's CSV as written by the implementation before the columnar writer.
 */
import type { TaskStateName } from '../../lib/metrics/facts';
import type { WindowQuery } from '../../lib/metrics/types';
import { type HistoryRows, historyFrom } from '../factories';

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROJECTS = ['Web', 'Payments, EU', '=cmd|\' /C calc\'!A0', 'Search "beta"', '+Plus', 'Über-Dienst 日本'];
const ENVIRONMENTS = ['Development', 'Test', 'Prod, EU', '@Production'];
const TENANTS = ['Acme "A"', '-Minus Ltd', 'Tab\tCo', 'Line\nBreak', 'CR\rCo', 'Ünïcødé'];
const CHANNELS = ['Default', 'Hot,fix'];

const START = Date.UTC(2025, 0, 1);
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The history (deployments across 2025) for `seed`. */
export function csvHistory(seed: number, deployments = 600) {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const iso = (ms: number) => new Date(ms).toISOString();
  const rows: HistoryRows = { releases: [], deployments: [], projects: PROJECTS.map((name) => ({ name })), tenants: TENANTS.map((name) => ({ name })) };
  for (const project of PROJECTS) {
    for (const channel of CHANNELS) {
      for (let k = 0; k < 25; k++) {
        const version = k % 7 === 3 ? `=${k}.0` : `${channel === 'Default' ? '' : 'hf-'}1.${k}`;
        const assembled = START + Math.floor(rnd() * 360) * 24 * HOUR + Math.floor(rnd() * 1000) * MINUTE;
        rows.releases.push({ project, channel, version, assembled: iso(assembled), blocked: rnd() < 0.08 });
      }
    }
  }
  const states: TaskStateName[] = ['Success', 'Success', 'Success', 'Success', 'Success', 'Failed', 'Canceled', 'TimedOut'];
  for (let k = 0; k < deployments; k++) {
    const project = pick(PROJECTS);
    const channel = rnd() < 0.8 ? 'Default' : 'Hot,fix';
    const ofChannel = rows.releases.filter((r) => r.project === project && r.channel === channel);
    const release = pick(ofChannel);
    // Coarse completion times make ties; some deployments come before their release was created.
    const completed = START + Math.floor(rnd() * 365 * 24) * HOUR + (rnd() < 0.3 ? 0 : Math.floor(rnd() * 3_600) * 1000);
    const unfinished = rnd() < 0.03;
    rows.deployments.push({
      id: 1000 + k * 3 + Math.floor(rnd() * 3),
      project,
      channel,
      release: release.version,
      environment: pick(ENVIRONMENTS),
      tenant: rnd() < 0.4 ? undefined : pick(TENANTS),
      state: unfinished ? 'Executing' : pick(states),
      guidedFailure: rnd() < 0.06,
      completed: unfinished ? null : iso(completed),
      started: unfinished ? iso(completed) : iso(completed - Math.floor(rnd() * 5_000) * 1000 - (rnd() < 0.02 ? -90_000 : 0)),
    });
  }
  return historyFrom(rows);
}

/** The exports the goldens hold, by file name: a whole year, a filter, and the options. */
export const CSV_CASES: { name: string; seed: number; query: WindowQuery; bom: boolean; beyondOctopusColumns: boolean; blockedIsFailure: boolean }[] = [
  { name: 'year-all', seed: 11, query: { now: Date.UTC(2026, 0, 1), range: { preset: 'lastYear' } }, bom: false, beyondOctopusColumns: false, blockedIsFailure: true },
  {
    name: 'year-all-ours-bom',
    seed: 11,
    query: { now: Date.UTC(2026, 0, 1), range: { preset: 'lastYear' } },
    bom: true,
    beyondOctopusColumns: true,
    blockedIsFailure: true,
  },
  {
    name: 'quarter-filtered-option-off',
    seed: 23,
    query: { now: Date.UTC(2025, 9, 1), range: { preset: 'lastQuarter' }, timeZone: 'Europe/London', filter: { environments: [2, 3], tenants: { untenanted: true, tenants: { ids: [0, 2, 3] } } } },
    bom: true,
    beyondOctopusColumns: true,
    blockedIsFailure: false,
  },
];
