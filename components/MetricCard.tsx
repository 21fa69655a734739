/** One metric's headline: value, sample size, trend and (labelled as ours) DORA tier and interval. */
import { useState } from 'preact/hooks';
import type { TierResult, TierYear, TrendResult } from '@/lib/metrics/types';
import { TIER_LABELS } from './format';

export interface MetricCardProps {
  id: string;
  title: string;
  value: string;
  /** The number behind `value` (ms, count or fraction), for tests and tools reading the page. */
  rawValue?: number | null;
  /** A second figure, e.g. the mean beside a median. */
  detail?: string;
  /** e.g. "from 42 deployments". */
  sample: string;
  /** This period against the previous one of equal length. */
  comparison?: TrendResult;
  /** Octopus's own indicator: last 28 days vs the 28 before. */
  trend28?: TrendResult;
  tier?: TierResult;
  tierYear?: TierYear;
  /** e.g. "95% interval 3.1%–9.8%". */
  interval?: string;
  definition: string;
  selected?: boolean;
  onSelect?: () => void;
}

const ARROWS = { up: '▲', down: '▼', steady: '▶', none: '–' } as const;

export function TrendBadge({ trend, label }: { trend: TrendResult; label: string }) {
  const text =
    trend.direction === 'none'
      ? trend.reason === 'too-few-deployments'
        ? 'not enough deployments'
        : 'no data'
      : trend.direction === 'steady'
        ? 'steady'
        : `${trend.direction} ${trend.change === null ? '' : `${Math.abs(trend.change * 100).toFixed(0)}%`}`.trim();
  return (
    <span class={`trend trend-${trend.sentiment}`} title={`${label}: ${text}`}>
      <span aria-hidden="true">{ARROWS[trend.direction]}</span> {label}: {text}
    </span>
  );
}

export function MetricCard(props: MetricCardProps) {
  const { tier } = props;
  const [showDefinition, setShowDefinition] = useState(false);
  return (
    <section class={`card metric-card${props.selected ? ' selected' : ''}`} aria-labelledby={`${props.id}-title`} data-metric={props.id}>
      <h3 id={`${props.id}-title`} class="card-title">
        {props.onSelect ? (
          <button type="button" class="button-link" aria-pressed={props.selected} onClick={props.onSelect}>
            {props.title}
          </button>
        ) : (
          props.title
        )}
        <button type="button" class="info" title={props.definition} aria-expanded={showDefinition} aria-controls={`${props.id}-definition`} onClick={() => setShowDefinition(!showDefinition)}>
          <span aria-hidden="true">?</span>
          <span class="visually-hidden">How {props.title.toLowerCase()} is calculated</span>
        </button>
      </h3>
      <p id={`${props.id}-definition`} class="definition" hidden={!showDefinition}>
        {props.definition}
      </p>
      <p class="metric-value" data-testid={`${props.id}-value`} data-value={props.rawValue ?? ''}>
        {props.value}
      </p>
      {props.detail && <p class="metric-detail">{props.detail}</p>}
      <p class="metric-sample" data-testid={`${props.id}-sample`}>
        {props.sample}
      </p>
      <div class="metric-trends">
        {props.comparison && <TrendBadge trend={props.comparison} label="vs previous period" />}
        {props.trend28 && <TrendBadge trend={props.trend28} label="28-day trend" />}
      </div>
      <div class="beyond" title="Beyond Octopus: DORA Lens's own statistics">
        {tier && (
          <span class={`tier tier-${tier.tier ?? 'none'}`} data-testid={`${props.id}-tier`}>
            {tier.tier ? `${TIER_LABELS[tier.tier]}` : tier.reason === 'too-few-values' ? 'Too few to rate' : 'No tier'}
            {tier.tier && tier.range && tier.range[0] !== tier.range[1] ? ` (${TIER_LABELS[tier.range[0]]}–${TIER_LABELS[tier.range[1]]})` : ''}
            <small> DORA {props.tierYear}</small>
          </span>
        )}
        {props.interval && <span class="interval">{props.interval}</span>}
      </div>
    </section>
  );
}
