/**
 * The sync status line (`<SyncBar>`): while a sync runs, one bar across all of a first sync's steps with the
 * step, how far it is and an estimate of the time left; else when the data was last synced — and, when the
 * last sync failed or the session expired, that the numbers are older than they look. Takes the status record
 * the worker publishes (lib/sync/status.ts) by shape, so this stays pure.
 */
import { formatAgo, formatCount } from './format';

/** The parts of a published sync status (`SyncStatus`) the line reads. */
export interface SyncStatusShape {
  state: 'running' | 'done' | 'failed';
  progress?: { phase: string; done: number; total?: number; rate?: number; expected?: { releases: number; deployments: number } };
  lastSyncedAt?: number;
  error?: { kind: string };
}

export interface SyncLine {
  running: boolean;
  text: string;
  /** Progress from 0 to 1 across the whole sync, when it can be told. */
  fraction?: number;
  /** The numbers on screen are not current: the last sync failed, or the session expired. */
  stale?: boolean;
}

const PHASES: Record<string, string> = {
  dims: 'Reading projects and environments',
  project: 'Reading this project first',
  guided: 'Reading guided failures',
  defects: 'Reading release defects',
  releases: 'Reading releases',
  deployments: 'Reading deployments',
  changes: 'Checking for changes',
};

/**
 * What a deployment costs against a release: its page, plus its task fetched by id (300 a request) and more
 * JSON — measured on the emulator's `large` history (README, "What a first sync costs the server").
 */
const DEPLOYMENT_WEIGHT = 4;
/** The share of the bar the small steps before releases take (guided failures, then defects). */
const SMALL_STEPS = 0.04;

type Progress = NonNullable<SyncStatusShape['progress']>;

/** How far the whole first sync is, from 0 to 1: releases and deployments by their weight of the work. */
function overall(p: Progress): number | undefined {
  const step = p.total ? Math.min(1, p.done / p.total) : 0;
  const work = p.expected ? p.expected.releases + DEPLOYMENT_WEIGHT * p.expected.deployments : 0;
  const share = (units: number) => SMALL_STEPS + (1 - SMALL_STEPS) * Math.min(1, units / work);
  switch (p.phase) {
    case 'dims':
    case 'project':
      return 0;
    case 'guided':
      return (SMALL_STEPS / 2) * step;
    case 'defects':
      return SMALL_STEPS / 2 + (SMALL_STEPS / 2) * step;
    case 'releases':
      return work > 0 ? share(p.done) : p.total ? step : undefined;
    case 'deployments':
      return work > 0 ? share(p.expected!.releases + DEPLOYMENT_WEIGHT * p.done) : p.total ? step : undefined;
    default:
      return p.total ? step : undefined;
  }
}

/** Seconds left, from the current step's own rate: deployments left, or releases left and then every deployment. */
function secondsLeft(p: Progress): number | undefined {
  if (!p.rate || p.rate <= 0 || !p.total) return undefined;
  const left = Math.max(0, p.total - p.done);
  if (p.phase === 'deployments') return left / p.rate;
  if (p.phase === 'releases' && p.expected) return (left + DEPLOYMENT_WEIGHT * p.expected.deployments) / p.rate;
  return undefined;
}

/**
 * @example
 * formatLeft(42) //=> 'about 45 s left'
 * formatLeft(200) //=> 'about 4 min left'
 */
export function formatLeft(seconds: number): string {
  if (seconds < 10) return 'a few seconds left';
  if (seconds < 90) return `about ${Math.ceil(seconds / 5) * 5} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

function runningLine(p: Progress | undefined): SyncLine {
  if (!p) return { running: true, text: 'Starting sync' };
  const step = PHASES[p.phase] ?? 'Syncing';
  const count = p.total ? ` — ${formatCount(p.done)} of ${formatCount(p.total)}` : '';
  const left = secondsLeft(p);
  return { running: true, text: `${step}${count}${left === undefined ? '' : ` · ${formatLeft(left)}`}`, fraction: overall(p) };
}

/**
 * @example
 * syncLine({ state: 'running', progress: { phase: 'deployments', done: 2000, total: 8000, rate: 50, expected: { releases: 4000, deployments: 8000 } } }, undefined, now)
 * //=> { running: true, text: 'Reading deployments — 2,000 of 8,000 · about 2 min left', fraction: 0.36 }
 * syncLine({ state: 'done' }, now - 5 * 60_000, now) //=> { running: false, text: 'Synced 5 min ago' }
 * syncLine({ state: 'done' }, now - 60_000, now, { kind: 'not-signed-in' }) //=> { running: false, stale: true, text: 'Not up to date: signed out of Octopus. Last synced 1 min ago' }
 */
export function syncLine(status: SyncStatusShape | undefined, lastSyncedAt: number | undefined, now: number, failure?: { kind: string }): SyncLine {
  if (status?.state === 'running') return runningLine(status.progress);
  const when = formatAgo(lastSyncedAt ?? status?.lastSyncedAt, now);
  const error = failure ?? (status?.state === 'failed' ? (status.error ?? { kind: 'failed' }) : undefined);
  if (!error) return { running: false, text: `Synced ${when}` };
  if (error.kind === 'cleared') return { running: false, stale: true, text: 'Cached data cleared: not synced since' };
  const why = error.kind === 'not-signed-in' ? 'signed out of Octopus' : 'the last sync failed';
  return { running: false, stale: true, text: `Not up to date: ${why}. Last synced ${when}` };
}
