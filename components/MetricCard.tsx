/**
 * One metric's headline: value, sample size, trends and (labelled as ours) DORA tier, interval and goal.
 * Its help says how the metric is calculated, DORA's name for it and how ours differs.
 */
import { useState } from 'preact/hooks';
import type { GoalBadgeView } from '@/lib/display/goal-text';
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

/** The goal set on the metric: its target and whether the view meets it, and how sure that is. */
export function GoalBadge({ goal, testId }: { goal: GoalBadgeView; testId?: string }) {
  return (
    <span class={`goal goal-${goal.state}${goal.confident ? ' goal-confident' : ''}`} title={goal.title} data-testid={testId} data-state={goal.state} data-confident={String(goal.confident)}>
      <span class="goal-target">{goal.target}</span> <span class="goal-status">{goal.status}</span>
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
      <div id={`${props.id}-definition`} class="definition" hidden={!showDefinition} data-testid={`${props.id}-help`}>
        <p>{props.definition}</p>
        {props.dora && (
          <p>
            DORA calls it <strong>{props.dora.name}</strong>. {props.dora.difference}
          </p>
        )}
        {props.noTier && <p>{props.noTier}</p>}
      </div>
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
        {props.goal && <GoalBadge goal={props.goal} testId={`${props.id}-goal`} />}
      </div>
    </section>
  );
}
