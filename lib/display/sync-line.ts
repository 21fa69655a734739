/**
 * The sync status line (`<SyncBar>`): the step and progress while a sync runs, else when the data was last
 * synced. Takes the status record the worker publishes (lib/sync/status.ts) by shape, so this stays pure.
 */
import { formatAgo, formatCount } from './format';

/** The parts of a published sync status (`SyncStatus`) the line reads. */
export interface SyncStatusShape {
  state: 'running' | 'done' | 'failed';
  progress?: { phase: string; done: number; total?: number; rate?: number };
  lastSyncedAt?: number;
}

export interface SyncLine {
  running: boolean;
  text: string;
  /** Progress from 0 to 1, when the step's total is known. */
  fraction?: number;
}

const PHASES: Record<string, string> = {
  dims: 'Reading projects and environments',
  guided: 'Reading guided failures',
  defects: 'Reading release defects',
  releases: 'Reading releases',
  deployments: 'Reading deployments',
  changes: 'Checking for changes',
};

/**
 * @example
 * syncLine({ state: 'running', progress: { phase: 'deployments', done: 2000, total: 8000, rate: 950 } }, undefined, now)
 * //=> { running: true, text: 'Reading deployments — 2,000 of 8,000 (950/s)', fraction: 0.25 }
 * syncLine({ state: 'done' }, now - 5 * 60_000, now) //=> { running: false, text: 'Synced 5 min ago' }
 */
export function syncLine(status: SyncStatusShape | undefined, lastSyncedAt: number | undefined, now: number): SyncLine {
  if (status?.state !== 'running') {
    return { running: false, text: `${status?.state === 'failed' ? 'Last sync failed. ' : ''}Synced ${formatAgo(lastSyncedAt ?? status?.lastSyncedAt, now)}` };
  }
  const progress = status.progress;
  const step = progress ? PHASES[progress.phase] : 'Starting sync';
  const count = progress?.total ? ` — ${formatCount(progress.done)} of ${formatCount(progress.total)}` : '';
  const rate = progress?.rate ? ` (${formatCount(Math.round(progress.rate))}/s)` : '';
  return { running: true, text: `${step}${count}${rate}`, fraction: progress?.total ? Math.min(1, progress.done / progress.total) : undefined };
}
