/**
 * When a followed project gets an alert (pure; lib/alerts raises it after a background refresh). A project is
 * judged on its default view over the last 28 days (./evaluate-goals.ts). It **slips** when a goal it did
 * not miss before is missed now — its value on the wrong side of the target, whether or not that is sure
 * yet at 95 % (the notification says which) — or when a failure run has stayed open longer than the
 * recovery goal. At most **one notification per project per local day**: a slip found on a day the project
 * was already notified waits, still new, for the next day's first refresh. A goal met again (or a run
 * recovered) is forgotten, so missing it later is news again.
 */
import type { GoalStatus } from './evaluate-goals';
import { GOAL_METRICS, type GoalMetric } from './goal-targets';

/** What the worker remembers of a project between refreshes (storage.local, per server + user). */
export interface ProjectAlertState {
  /** Goals missed at the last refresh that the user was notified of. */
  known: GoalMetric[];
  /** The user was notified of the failure run still open at the last refresh. */
  knownOpenRun: boolean;
  /** Local date (`YYYY-MM-DD`) of the last notification. */
  notifiedOn?: string;
  /** When the project was last judged (ms): a refresh that raised nothing still shows it was checked. */
  checkedAt?: number;
}

export interface AlertFinding {
  /** Goals evaluated on the project's view (met, missed or no data). */
  goals: readonly GoalStatus[];
  /** How long the oldest failure run still open has been open (ms), when that is longer than the recovery goal. */
  openRunMs: number | null;
}

export interface AlertDecision {
  notify: boolean;
  /** Missed goals the user has not been notified of (reported now when `notify`, else next day). */
  newlyMissed: GoalStatus[];
  /** The over-long failure run is news. */
  openRunNew: boolean;
  state: ProjectAlertState;
}

/**
 * @example
 * decideAlert(undefined, { goals: [missedFailureRate], openRunMs: null }, '2026-11-03')
 * //=> { notify: true, newlyMissed: [missedFailureRate], openRunNew: false, state: { known: ['failureRate'], knownOpenRun: false, notifiedOn: '2026-11-03' } }
 */
export function decideAlert(previous: ProjectAlertState | undefined, finding: AlertFinding, today: string): AlertDecision {
  const missed = finding.goals.filter((g) => g.state === 'missed');
  const missedMetrics = new Set(missed.map((g) => g.metric));
  // Goals met again drop out of what is known, so a later miss is news.
  const known = (previous?.known ?? []).filter((m) => missedMetrics.has(m));
  const newlyMissed = missed.filter((g) => !known.includes(g.metric));
  const openRun = finding.openRunMs !== null;
  const openRunNew = openRun && !(previous?.knownOpenRun ?? false);
  const news = newlyMissed.length > 0 || openRunNew;
  const notify = news && previous?.notifiedOn !== today;
  return {
    notify,
    newlyMissed,
    openRunNew,
    state: {
      known: notify ? GOAL_METRICS.filter((m) => missedMetrics.has(m)) : known,
      knownOpenRun: notify ? openRun : openRun && (previous?.knownOpenRun ?? false),
      notifiedOn: notify ? today : previous?.notifiedOn,
    },
  };
}

/** One alert raised: a followed project that slipped, as its notification said it; `read` once the user has seen it. */
export interface AlertRecord {
  /** The notification's id. */
  id: string;
  /** When it was raised (ms). */
  at: number;
  server: string;
  space: string;
  projectId: string;
  projectName: string;
  title: string;
  message: string;
  read: boolean;
}
