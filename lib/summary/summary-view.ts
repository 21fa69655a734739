/**
 * What the popup's summary shows, as data: which state it is in (from the page's data, the sync status and
 * a sync that could not start), and each metric's row. Pure: the page's data and the status record come in
 * by shape, so `<SpaceSummary>` only lays out what this decides.
 */
import { formatCount, formatDurationShort, formatPercent, formatRate, TIER_LABELS } from '@/lib/display/format';
import { type GoalBadgeView, goalBadge } from '@/lib/display/goal-text';
import { METRIC_NAMES } from '@/lib/display/metric-names';
import { evaluateGoals } from '@/lib/goals/evaluate-goals';
import type { GoalTargets } from '@/lib/goals/goal-targets';
import type { SyncLine } from '@/lib/display/sync-line';
import type { DeliveryMetric, DoraMetric, TierResult, TierYear } from '@/lib/metrics/types';
import { type SpaceSummary, SUMMARY_DAYS } from './space-summary';

/** Everything `<SpaceSummary>` shows and offers (lib/ui/use-space-summary.ts wires it). */
export interface SpaceSummaryView {
  /** The Octopus server as people read it (host and path). */
  serverLabel: string;
  /** The space's name, or its id when the name is not known. */
  spaceName: string;
  state: SummaryState;
  /** The sync status line, shown once the space has data or its first sync runs. */
  sync: SyncLine;
  /** A later sync failed; the numbers are from the one before. */
  syncFailure?: ReturnType<typeof laterSyncFailure>;
  tierYear: TierYear;
  /** The space's goals (the user's, for this server and space). */
  targets: GoalTargets;
  onSync: () => void;
  onRetry: () => void;
  onOpenReport: () => void;
  onExport: () => void;
  /** Opens a link in a new tab (the popup closes). */
  onOpenUrl: (url: string) => void;
}

export type SummaryState =
  | { kind: 'loading'; message: string }
  | { kind: 'signed-out'; message: string; signInUrl: string }
  /** Nothing to show: the session check or the first sync failed. */
  | { kind: 'failed'; message: string }
  | { kind: 'first-sync' }
  | { kind: 'ready'; summary: SpaceSummary; lastSyncedAt?: number };

/** An error as pages receive it (`SyncError`): the parts the summary reads. */
export interface ErrorShape {
  kind: string;
  message: string;
  signInUrl?: string;
}

/** The page's data (`SpaceData` of lib/ui/use-space-history.ts), by shape. */
export type DataShape =
  | { state: 'loading'; message: string }
  | { state: 'error'; error: ErrorShape }
  | { state: 'syncing' }
  | { state: 'ready'; lastSyncedAt?: number };

export interface SummaryInput {
  data: DataShape;
  /** The published sync status (`SyncStatus`), by shape. */
  status?: { state: string; error?: ErrorShape };
  /** The summary of the ready data, once computed. */
  summary?: SpaceSummary;
  /** Why the last "Sync now" could not start. */
  syncError?: ErrorShape;
  /** Where to sign in when an error does not say (lib/host/server-url.ts `signInUrl`). */
  signInUrl: string;
}

const fromError = (error: ErrorShape, signInUrl: string): SummaryState =>
  error.kind === 'not-signed-in' ? { kind: 'signed-out', message: error.message, signInUrl: error.signInUrl || signInUrl } : { kind: 'failed', message: error.message };

/**
 * The popup is too small for numbers and an error side by side: a sync that could not start replaces the
 * numbers, and so does a failed first sync (nothing cached to fall back on).
 *
 * @example
 * summaryState({ data: { state: 'syncing' }, status: { state: 'failed', error: { kind: 'not-signed-in', message: 'Sign in' } }, signInUrl })
 * //=> { kind: 'signed-out', message: 'Sign in', signInUrl }
 */
export function summaryState({ data, status, summary, syncError, signInUrl }: SummaryInput): SummaryState {
  if (syncError) return fromError(syncError, signInUrl);
  switch (data.state) {
    case 'loading':
      return { kind: 'loading', message: data.message };
    case 'error':
      return fromError(data.error, signInUrl);
    case 'syncing':
      return status?.state === 'failed' && status.error ? fromError(status.error, signInUrl) : { kind: 'first-sync' };
    case 'ready':
      return summary ? { kind: 'ready', summary, lastSyncedAt: data.lastSyncedAt } : { kind: 'loading', message: 'Computing…' };
  }
}

export interface SummaryMetricView {
  id: DeliveryMetric;
  title: string;
  value: string;
  raw: number | null;
  sample: string;
  /** What the sparkline's values are, e.g. "Successful deployments per day, last 30 days". */
  unit: string;
  /** One sparkline value in words. */
  format: (value: number) => string;
  /** DORA Lens's tier, where DORA publishes bands (not for rework rate). */
  tier?: DoraMetric;
  /** The space's goal on the metric, judged on the 30 days, when one is set. */
  goal?: GoalBadgeView;
}

const duration = (ms: number) => formatDurationShort(ms);
const perDay = (what: string) => `${what} per day, last ${SUMMARY_DAYS} days`;

/**
 * The five metrics' rows, each with the space's goal on it when one is set in `targets` — judged on the 30
 * days as the cards judge a view (lib/goals/evaluate-goals.ts).
 *
 * @example
 * summaryMetrics(summary, { failureRate: 0.1 }).map((m) => [m.title, m.value, m.sample, m.goal?.status])
 * //=> [['Deployment frequency', '42', 'successful · 1.4/day', undefined], …, ['Deployment failure rate', '5.0%', '2 of 40 failed', 'Met · not yet sure'], …]
 */
export function summaryMetrics(s: SpaceSummary, targets: GoalTargets = {}): SummaryMetricView[] {
  const goals = evaluateGoals(targets, { days: SUMMARY_DAYS, frequency: s.frequency, failureRate: s.failureRate, leadTime: s.leadTime, recovery: s.recovery, reworkRate: s.reworkRate });
  return metricRows(s).map((row) => {
    const goal = goals.find((g) => g.metric === row.id);
    return goal ? { ...row, goal: goalBadge(goal) } : row;
  });
}

function metricRows(s: SpaceSummary): SummaryMetricView[] {
  const rate = s.failureRate;
  const rework = s.reworkRate;
  return [
    {
      id: 'frequency',
      tier: 'frequency',
      title: METRIC_NAMES.frequency,
      value: formatCount(s.frequency.successful),
      raw: s.frequency.successful,
      sample: `successful · ${formatRate(s.frequency.perDay)}/day`,
      unit: perDay('Successful deployments'),
      format: (n) => formatCount(n),
    },
    {
      id: 'leadTime',
      tier: 'leadTime',
      title: METRIC_NAMES.leadTime,
      value: formatDurationShort(s.leadTime.median),
      raw: s.leadTime.median,
      sample: s.leadTime.count ? `median, n = ${formatCount(s.leadTime.count)}` : 'nothing new delivered',
      unit: perDay('Median lead time'),
      format: duration,
    },
    {
      id: 'failureRate',
      tier: 'failureRate',
      title: METRIC_NAMES.failureRate,
      value: formatPercent(rate.rate),
      raw: rate.rate,
      sample: rate.total ? `${formatCount(rate.failed)} of ${formatCount(rate.total)} failed` : 'none finished',
      unit: perDay('Failure rate'),
      format: (f) => formatPercent(f, 0),
    },
    {
      id: 'recovery',
      tier: 'recovery',
      title: METRIC_NAMES.recovery,
      value: formatDurationShort(s.recovery.median),
      raw: s.recovery.median,
      sample: s.recovery.count ? `median, n = ${formatCount(s.recovery.count)}` : 'no recoveries',
      unit: perDay('Median time to recovery'),
      format: duration,
    },
    {
      id: 'reworkRate',
      title: METRIC_NAMES.reworkRate,
      value: formatPercent(rework.rate),
      raw: rework.rate,
      sample: rework.total ? `${formatCount(rework.rework)} of ${formatCount(rework.total)} unplanned` : 'none finished',
      unit: perDay('Rework rate'),
      format: (f) => formatPercent(f, 0),
    },
  ];
}

/**
 * Which projects and environments the numbers cover, e.g. "Last 30 days · 12 projects in Production,
 * Prod-EU and 2 more".
 *
 * @example
 * summaryCoverage(summary) //=> 'Last 30 days · 3 projects in Production, Prod-EU'
 */
export function summaryCoverage(s: SpaceSummary): string {
  const envs = s.environments;
  const projects = s.targets.length;
  const names = envs.slice(0, 3).map((e) => e.name);
  const more = envs.length > names.length ? ` and ${envs.length - names.length} more` : '';
  return `Last ${SUMMARY_DAYS} days · ${formatCount(projects)} ${projects === 1 ? 'project' : 'projects'} in ${names.join(', ')}${more}`;
}

/**
 * A later sync that failed while the numbers of the one before stay shown (a failed first sync is the
 * state itself, {@link summaryState}).
 *
 * @example
 * laterSyncFailure(ready, { state: 'failed', error: { kind: 'server-error', message: 'Octopus answered 503.' } })
 * //=> { message: 'Octopus answered 503.', signInUrl: undefined }
 */
export function laterSyncFailure(state: SummaryState, status: SummaryInput['status']): { message: string; signInUrl?: string } | undefined {
  if (state.kind !== 'ready' || status?.state !== 'failed' || !status.error) return undefined;
  return { message: status.error.message, signInUrl: status.error.signInUrl };
}

/**
 * A metric row's tier, short for the popup, with why in its tooltip.
 *
 * @example
 * summaryTier({ tier: null, reason: 'too-few-values', sample: 3 }, 2024)
 * //=> { tier: 'none', text: 'Too few', why: 'Too few deployments for DORA Lens to rate (n = 3)' }
 */
export function summaryTier(tier: TierResult, year: TierYear): { tier: string; text: string; why: string } {
  if (tier.tier) return { tier: tier.tier, text: TIER_LABELS[tier.tier], why: `DORA Lens's rating against the DORA ${year} benchmarks (not Octopus's)` };
  return tier.reason === 'too-few-values'
    ? { tier: 'none', text: 'Too few', why: `Too few deployments for DORA Lens to rate (n = ${tier.sample})` }
    : { tier: 'none', text: 'No tier', why: 'Nothing to rate' };
}
