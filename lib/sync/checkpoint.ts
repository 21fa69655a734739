/**
 * The sync's resume point, stored with every page it writes (lib/store writes both in one transaction),
 * so a sync stopped anywhere — tab closed, worker stopped, 401, 5xx, network — continues from exactly
 * what is stored.
 */

/** Steps of a first sync, in order. */
export const INITIAL_STEPS = ['dims', 'guided', 'defects', 'releases', 'deployments'] as const;
export type InitialStep = (typeof INITIAL_STEPS)[number];

export interface InitialCheckpoint {
  v: 1;
  phase: 'initial';
  step: InitialStep;
  /** Items of the current step already stored (the next page's `skip`). */
  skip: number;
  startedAt: number;
  /**
   * The newest event id when the sync began: the incremental sync that follows replays every change
   * since, including those made while this first sync was paging.
   */
  eventMark: number;
  /** Highest release number stored: later syncs look for releases above it. */
  maxRelease: number;
  /**
   * How many releases and deployments the space had when the sync began (Octopus's `TotalResults`), for one
   * progress bar across the steps. Absent in checkpoints of earlier versions.
   */
  expected?: { releases: number; deployments: number };
}

export interface ReadyCheckpoint {
  v: 1;
  phase: 'ready';
  eventMark: number;
  syncedAt: number;
  /**
   * Tasks that finished before this have been re-checked (lib/sync/recheck.ts). Absent in checkpoints of
   * earlier versions, which re-checked up to `syncedAt` minus the window.
   */
  recheckedTo?: number;
  /** This sync read the API root and left its re-check to the next one (lib/sync/engine.ts). */
  recheckDeferred?: boolean;
  blockedReleases: number[];
  maxRelease: number;
}

export type Checkpoint = InitialCheckpoint | ReadyCheckpoint;

/**
 * Sets a first sync builds while paging, stored beside the checkpoint (written with the pages of their own
 * step only, so the checkpoint written with every deployments page stays small):
 * - `guided`: tasks that raised a guided-failure interruption (`ServerTasks-N`);
 * - `blocked`: releases with an unresolved defect (N of `Releases-N`);
 * - `settled`: during the defects step, releases whose latest defect event has been read.
 */
export interface SyncSets {
  guided: string[];
  blocked: number[];
  settled: number[];
}

export function isCheckpoint(value: unknown): value is Checkpoint {
  return typeof value === 'object' && value !== null && (value as Checkpoint).v === 1;
}
