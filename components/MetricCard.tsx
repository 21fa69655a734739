/** One metric's headline: value, sample size, trends and (labelled as ours) DORA tier and interval. */
import { useState } from 'preact/hooks';
import type { MetricCardView, TrendBadgeView } from '@/lib/display/metric-cards';

export type MetricCardProps = MetricCardView & {
  selected?: boolean;
  onSelect?: () => void;
};

function TrendBadge({ label, text, arrow, sentiment }: TrendBadgeView) {
  return (
    <span class={`trend trend-${sentiment}`} title={`${label}: ${text}`}>
      <span aria-hidden="true">{arrow}</span> {label}: {text}
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
        {props.trends.map((trend) => (
          <TrendBadge key={trend.label} {...trend} />
        ))}
      </div>
      <div class="beyond" title="Beyond Octopus: DORA Lens's own statistics">
        {tier && (
          <span class={`tier tier-${tier.tier}`} data-testid={`${props.id}-tier`}>
            {tier.text}
            <small> DORA {tier.year}</small>
          </span>
        )}
        {props.interval && <span class="interval">{props.interval}</span>}
      </div>
    </section>
  );
}
