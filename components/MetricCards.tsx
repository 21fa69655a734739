/**
 * The headline figures of a view (a project's panel or a space report): the four DORA metrics, deployment
 * duration and queue time, each as a metric card. In the panel the four DORA cards also choose which
 * deployments the table below them lists.
 */
import type { Insights, SampleStats } from '@/lib/metrics/types';
import { formatCount, formatDurationShort, formatPercent, formatRate } from './format';
import { MetricCard } from './MetricCard';

export type FocusMetric = 'frequency' | 'leadTime' | 'failureRate' | 'recovery';

const DEFINITIONS = {
  frequency: 'Successful deployments completed in the period (task Success with no guided failure).',
  leadTime: 'From the creation of the earliest release not yet deployed to an environment to the successful deployment’s completion.',
  failureRate: 'Failed deployments (task Failed, Success with a guided failure, or — an option, on by default — Success of a release blocked by prevent progression) ÷ successful + failed. Canceled and timed-out deployments are left out.',
  recovery: 'From the first failure of a run to the completion of the next successful deployment in the same stream (project, channel, environment, tenant).',
  duration: 'Start to completion of successful deployments, including manual intervention time.',
  queueTime: 'From queued (or the scheduled time) to start, for deployments that started in the period.',
};

const ci = (stats: SampleStats) =>
  stats.beyondOctopus.medianCi95 ? `95% interval of median ${formatDurationShort(stats.beyondOctopus.medianCi95.lower)}–${formatDurationShort(stats.beyondOctopus.medianCi95.upper)}` : undefined;

export interface MetricCardsProps {
  insights: Insights;
  testId?: string;
  /** The DORA card whose deployments are listed below (panel only). */
  focus?: FocusMetric;
  onFocus?: (metric: FocusMetric) => void;
}

export function MetricCards({ insights, testId, focus, onFocus }: MetricCardsProps) {
  const s = insights.summary;
  const tiers = insights.beyondOctopus.tiers;
  const select = (metric: FocusMetric) => (onFocus ? { selected: focus === metric, onSelect: () => onFocus(metric) } : {});
  return (
    <div class="cards" data-testid={testId}>
      <MetricCard
        id="frequency"
        title="Deployment frequency"
        value={`${formatRate(s.frequency.perWeek)} / week`}
        rawValue={s.frequency.successful}
        detail={`${formatCount(s.frequency.successful)} successful in ${Math.round(s.days)} days`}
        sample={`n = ${formatCount(s.frequency.successful)} deployments`}
        comparison={insights.comparison.frequency}
        trend28={insights.trend28.indicators.frequency}
        tier={tiers.frequency}
        tierYear={tiers.year}
        definition={DEFINITIONS.frequency}
        {...select('frequency')}
      />
      <MetricCard
        id="leadTime"
        title="Deployment lead time"
        value={formatDurationShort(s.leadTime.median)}
        rawValue={s.leadTime.median}
        detail={`median · mean ${formatDurationShort(s.leadTime.mean)} · p95 ${formatDurationShort(s.leadTime.p95)}`}
        sample={`n = ${formatCount(s.leadTime.count)} deployments`}
        comparison={insights.comparison.leadTime}
        trend28={insights.trend28.indicators.leadTime}
        tier={tiers.leadTime}
        tierYear={tiers.year}
        interval={ci(s.leadTime)}
        definition={DEFINITIONS.leadTime}
        {...select('leadTime')}
      />
      <MetricCard
        id="failureRate"
        title="Deployment failure rate"
        value={formatPercent(s.failureRate.rate)}
        rawValue={s.failureRate.rate}
        detail={`${formatCount(s.failureRate.failed)} failed of ${formatCount(s.failureRate.total)} (${formatCount(s.failureRate.guidedFailure)} guided failures${s.failureRate.blocked > 0 ? `, ${formatCount(s.failureRate.blocked)} blocked by prevent progression` : ''})`}
        sample={`n = ${formatCount(s.failureRate.total)} deployments`}
        comparison={insights.comparison.failureRate}
        trend28={insights.trend28.indicators.failureRate}
        tier={tiers.failureRate}
        tierYear={tiers.year}
        interval={s.failureRate.beyondOctopus.wilson95 ? `95% interval ${formatPercent(s.failureRate.beyondOctopus.wilson95.lower)}–${formatPercent(s.failureRate.beyondOctopus.wilson95.upper)}` : undefined}
        definition={DEFINITIONS.failureRate}
        {...select('failureRate')}
      />
      <MetricCard
        id="recovery"
        title="Time to recovery"
        value={formatDurationShort(s.recovery.median)}
        rawValue={s.recovery.median}
        detail={`median · mean ${formatDurationShort(s.recovery.mean)}${insights.beyondOctopus.unrecovered.count ? ` · ${insights.beyondOctopus.unrecovered.count} not yet recovered` : ''}`}
        sample={`n = ${formatCount(s.recovery.count)} recoveries`}
        comparison={insights.comparison.recovery}
        trend28={insights.trend28.indicators.recovery}
        tier={tiers.recovery}
        tierYear={tiers.year}
        interval={ci(s.recovery)}
        definition={DEFINITIONS.recovery}
        {...select('recovery')}
      />
      <MetricCard
        id="duration"
        title="Deployment duration"
        value={formatDurationShort(s.duration.mean)}
        rawValue={s.duration.mean}
        detail={`mean · median ${formatDurationShort(s.duration.median)}`}
        sample={`n = ${formatCount(s.duration.count)} deployments`}
        comparison={insights.comparison.duration}
        definition={DEFINITIONS.duration}
      />
      <MetricCard
        id="queueTime"
        title="Queue time"
        value={formatDurationShort(s.queueTime.mean)}
        rawValue={s.queueTime.mean}
        detail={`mean · median ${formatDurationShort(s.queueTime.median)}`}
        sample={`n = ${formatCount(s.queueTime.count)} deployments`}
        comparison={insights.comparison.queueTime}
        definition={DEFINITIONS.queueTime}
      />
    </div>
  );
}
