/**
 * The headline cards of a view (a project's panel, a space report) as data. Each card is built from its
 * metric's spec (`CARD_SPECS`): one headline statistic per kind of metric, labelled — a rate per week for
 * the deployment frequency, a proportion for the failure rate, the **median** for every duration (lead time,
 * recovery, deployment duration, queue time; their means are a detail) —, its sample, what the figures cover,
 * the change against the previous period and over the last 28 days read the same way (./change-lines.ts),
 * and — labelled as DORA Lens's own — the DORA tier in words, DORA's name for the metric and the goal when
 * one is set. DORA's five metrics come first (the rework rate without a tier: DORA publishes no bands), then
 * deployment duration and queue time. Pure, so the cards' wording is what the tests
 * check; `<MetricCards>` only lays them out. A new metric is a new spec and an id in the list.
 */
import type { GoalStatus } from '@/lib/goals/evaluate-goals';
import type { DeliveryMetric, DoraMetric, Insights, SampleStats, TierResult, TierYear } from '@/lib/metrics/types';
import { type ChangeLineView, changeLine } from './change-lines';
import { formatCount, formatDate, formatDurationShort, formatPercent, formatRate, TIER_LABELS } from './format';
import { type GoalBadgeView, goalBadge } from './goal-text';
import { DORA_DIFFERENCES, DORA_METRICS, DORA_NAMES, METRIC_DEFINITIONS, METRIC_NAMES, type MetricId, NO_TIER_NOTE } from './metric-names';

export interface MetricCardView {
  id: MetricId;
  title: string;
  /** The headline figure, e.g. `2h 15m`. */
  value: string;
  /** What the headline is: `median`, `successful deployments a week`, `of deployments failed`. */
  statistic: string;
  /** The number behind `value` (per week, fraction or ms), for tests and tools reading the page. */
  rawValue: number | null;
  /** The number behind `sample`: successful deployments (frequency), deployments, or values. */
  rawSample: number;
  /** Further figures, e.g. the mean and p95 beside a median. */
  detail: string;
  /** e.g. "n = 42 deployments". */
  sample: string;
  /** What the figures cover, e.g. "Production environments" (from the caller). */
  scope?: string;
  /** Against the previous period, then the last 28 days against the 28 before. */
  changes: ChangeLineView[];
  /** DORA Lens's tier; the DORA metrics only. */
  tier?: TierBadgeView;
  /** e.g. "95% interval of the median 3h–9h". */
  interval?: string;
  definition: string;
  /** DORA's current name for the metric and how DORA Lens's measure differs (DORA's five only). */
  dora?: { name: string; difference: string };
  /** Why there is no tier, where DORA publishes no bands. */
  noTier?: string;
  /** The view's goal for the metric, when one is set. */
  goal?: GoalBadgeView;
}

export interface TierBadgeView {
  /** `elite` … `low`, or `none` (too few values, nothing to rate). */
  tier: string;
  /** `High`, or `Not rated`. */
  text: string;
  /** The tier in words: how sure it is, or why there is none. */
  explanation: string;
  year: TierYear;
}

export interface CardOptions {
  /** What every card's figures cover, e.g. "Production environments". */
  scope?: string;
  /** The reader's locale for dates (the browser's when absent). */
  locale?: string;
  /** The view's goals (lib/goals), each shown on its metric's card. */
  goals?: readonly GoalStatus[];
}

/**
 * A card's tier in words: the tier, and what its 95 % interval allows, or why there is none.
 *
 * @example
 * tierBadge({ tier: 'high', range: ['elite', 'medium'], … }, 2024)
 * //=> { tier: 'high', text: 'High', explanation: 'DORA 2024 tier. With 95% confidence somewhere from Medium to Elite: more deployments would narrow it.', year: 2024 }
 */
export function tierBadge(tier: TierResult, year: TierYear): TierBadgeView {
  const intro = `DORA ${year} tier.`;
  if (!tier.tier) {
    const why =
      tier.reason === 'too-few-values'
        ? `${formatCount(tier.sample)} ${tier.sample === 1 ? 'value' : 'values'}, at least ${formatCount(tier.minSample)} needed.`
        : 'Nothing to rate in this period.';
    return { tier: 'none', text: 'Not rated', explanation: why, year };
  }
  const name = TIER_LABELS[tier.tier];
  const range = tier.range;
  const explanation = !range
    ? `${intro}`
    : range[0] === range[1]
      ? `${intro} ${TIER_LABELS[range[0]]} with 95% confidence.`
      : `${intro} With 95% confidence somewhere from ${TIER_LABELS[range[1]]} to ${TIER_LABELS[range[0]]}: more deployments would narrow it.`;
  return { tier: tier.tier, text: name, explanation, year };
}

const medianInterval = (stats: SampleStats): string | undefined => {
  const ci = stats.beyondOctopus.medianCi95;
  return ci ? `95% interval of the median ${formatDurationShort(ci.lower)}–${formatDurationShort(ci.upper)}` : undefined;
};

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** What a card shows of its own metric; the shared parts (title, changes, tier, scope) are added by `card`. */
type Headline = Pick<MetricCardView, 'value' | 'statistic' | 'rawValue' | 'rawSample' | 'detail' | 'sample' | 'interval'>;

/** A duration's headline is its median, whatever Octopus shows (its mean is a detail). */
function durationHeadline(stats: SampleStats, units: [string, string], octopusMean = false): Headline {
  return {
    value: formatDurationShort(stats.median),
    statistic: 'median',
    rawValue: stats.median,
    rawSample: stats.count,
    detail: `mean ${formatDurationShort(stats.mean)}${octopusMean ? ' (Octopus’s figure)' : ''} · p95 ${formatDurationShort(stats.p95)}`,
    sample: `n = ${plural(stats.count, ...units)}`,
    interval: medianInterval(stats),
  };
}
const DEPLOYMENTS: [string, string] = ['deployment', 'deployments'];

/** Each metric's headline, from the view's insights. */
const CARD_SPECS: Record<MetricId, (insights: Insights, options: CardOptions) => Headline> = {
  frequency: (insights, options) => {
    const f = insights.summary.frequency;
    const start = insights.historyStart;
    const partial = start !== null && start > insights.window.from;
    return {
      value: `${formatRate(f.perWeek)} / week`,
      statistic: 'successful deployments a week',
      rawValue: f.perWeek,
      rawSample: f.successful,
      detail: `${plural(f.successful, 'successful', 'successful')} in ${plural(Math.round(f.days), 'day', 'days')}${partial ? ` (history starts ${formatDate(start, insights.window.timeZone, options.locale)})` : ''}`,
      sample: `n = ${plural(f.successful, 'deployment', 'deployments')}`,
    };
  },
  failureRate: (insights) => {
    const rate = insights.summary.failureRate;
    const wilson = rate.beyondOctopus.wilson95;
    const kinds = [rate.guidedFailure && plural(rate.guidedFailure, 'guided failure', 'guided failures'), rate.blocked && `${formatCount(rate.blocked)} blocked by prevent progression`].filter(Boolean);
    return {
      value: formatPercent(rate.rate),
      statistic: 'of deployments failed',
      rawValue: rate.rate,
      rawSample: rate.total,
      detail: `${formatCount(rate.failed)} failed of ${formatCount(rate.total)}${kinds.length ? ` (${kinds.join(', ')})` : ''}`,
      sample: `n = ${plural(rate.total, 'deployment', 'deployments')}`,
      interval: wilson ? `95% interval ${formatPercent(wilson.lower)}–${formatPercent(wilson.upper)}` : undefined,
    };
  },
  leadTime: (insights) => durationHeadline(insights.summary.leadTime, DEPLOYMENTS),
  recovery: (insights) => {
    const headline = durationHeadline(insights.summary.recovery, ['recovery', 'recoveries']);
    const open = insights.beyondOctopus.unrecovered.count;
    return { ...headline, detail: `${headline.detail}${open ? ` · ${formatCount(open)} not yet recovered` : ''}` };
  },
  reworkRate: (insights) => {
    const rework = insights.summary.beyondOctopus.reworkRate;
    const { redeploy, rollback, failureRun, hotfix } = rework.reasons;
    const reasons = (
      [
        [redeploy, 'redeploys'],
        [rollback, 'rollbacks'],
        [failureRun, 'in failure runs'],
        [hotfix, 'hotfixes'],
      ] as const
    ).flatMap(([n, what]) => (n > 0 ? [`${formatCount(n)} ${what}`] : []));
    return {
      value: formatPercent(rework.rate),
      statistic: 'of deployments were unplanned',
      rawValue: rework.rate,
      rawSample: rework.total,
      detail: `${formatCount(rework.rework)} unplanned of ${formatCount(rework.total)}${reasons.length ? ` (${reasons.join(', ')})` : ''}`,
      sample: `n = ${plural(rework.total, 'deployment', 'deployments')}`,
      interval: rework.wilson95 ? `95% interval ${formatPercent(rework.wilson95.lower)}–${formatPercent(rework.wilson95.upper)}` : undefined,
    };
  },
  duration: (insights) => durationHeadline(insights.summary.duration, DEPLOYMENTS, true),
  queueTime: (insights) => durationHeadline(insights.summary.queueTime, DEPLOYMENTS, true),
};

/** The cards of a view, in this order: the DORA metrics, then deployment duration and queue time. */
export const CARD_METRICS: readonly MetricId[] = ['frequency', 'leadTime', 'failureRate', 'recovery', 'reworkRate', 'duration', 'queueTime'];

const isDora = (id: MetricId): id is DoraMetric => (DORA_METRICS as readonly string[]).includes(id);
const isDelivery = (id: MetricId): id is DeliveryMetric => id === 'reworkRate' || isDora(id);

function card(id: MetricId, insights: Insights, options: CardOptions): MetricCardView {
  const { window } = insights;
  const changes = insights.beyondOctopus.changes;
  const line = (which: 'previous' | 'trend28') => changeLine(changes[which][id], which, { timeZone: window.timeZone, now: window.to, locale: options.locale });
  const goal = options.goals?.find((g) => g.metric === id);
  return {
    id,
    title: METRIC_NAMES[id],
    definition: METRIC_DEFINITIONS[id],
    scope: options.scope,
    ...CARD_SPECS[id](insights, options),
    changes: [line('previous'), line('trend28')],
    tier: isDora(id) ? tierBadge(insights.beyondOctopus.tiers[id], insights.beyondOctopus.tiers.year) : undefined,
    ...(isDelivery(id) ? { dora: { name: DORA_NAMES[id], difference: DORA_DIFFERENCES[id] } } : {}),
    ...(NO_TIER_NOTE[id] ? { noTier: NO_TIER_NOTE[id] } : {}),
    ...(goal ? { goal: goalBadge(goal) } : {}),
  };
}

/**
 * @example
 * metricCards(insights, { scope: 'Production environments' }).map((c) => [c.title, c.value, c.statistic])
 * //=> [['Deployment frequency', '3.5 / week', 'successful deployments a week'], ['Deployment lead time', '2h 15m', 'median'], …]
 */
export function metricCards(insights: Insights, options: CardOptions = {}, metrics: readonly MetricId[] = CARD_METRICS): MetricCardView[] {
  return metrics.map((id) => card(id, insights, options));
}
