/**
 * One metric's headline: the value and which statistic it is, the sample and what it covers, both changes
 * read the same way, and — labelled as DORA Lens's own — the DORA tier in words, the interval and the goal.
 * Its help says how the metric is calculated, DORA's name for it and how ours differs.
 */
import { useState } from 'preact/hooks';
import type { ChangeLineView } from '@/lib/display/change-lines';
import type { GoalBadgeView } from '@/lib/display/goal-text';
import type { MetricCardView } from '@/lib/display/metric-cards';

/** The goal set on the metric: its target and whether the view meets it, and how sure that is. */
export function GoalBadge({ goal, testId }: { goal: GoalBadgeView; testId?: string }) {
  return (
    <span class={`goal goal-${goal.state}${goal.confident ? ' goal-confident' : ''}`} title={goal.title} data-testid={testId} data-state={goal.state} data-confident={String(goal.confident)}>
      <span class="goal-target">{goal.target}</span> <span class="goal-status">{goal.status}</span>
    </span>
  );
}

function ChangeLine({ id, which, line }: { id: string; which: string; line: ChangeLineView }) {
  return (
    <li class={`change change-${line.sentiment}`} data-testid={`${id}-change-${which}`} data-significant={String(line.significant)}>
      <span class="change-label">{line.label}</span> {line.text}
      {line.text && line.verdict && ' · '}
      <span class="change-verdict">
        {line.arrow && <span aria-hidden="true">{line.arrow} </span>}
        {line.verdict}
      </span>
    </li>
  );
}

export function MetricCard(props: MetricCardView) {
  const { tier, id } = props;
  const [showDefinition, setShowDefinition] = useState(false);
  return (
    <section class="card metric-card" aria-labelledby={`${id}-title`} data-metric={id}>
      <h3 id={`${id}-title`} class="card-title">
        {props.title}
        <button type="button" class="info" title={props.definition} aria-expanded={showDefinition} aria-controls={`${id}-definition`} onClick={() => setShowDefinition(!showDefinition)}>
          <span aria-hidden="true">?</span>
          <span class="visually-hidden">How {props.title.toLowerCase()} is calculated</span>
        </button>
      </h3>
      <div id={`${id}-definition`} class="definition" hidden={!showDefinition} data-testid={`${id}-help`}>
        <p>{props.definition}</p>
        {props.dora && (
          <p>
            DORA calls it <strong>{props.dora.name}</strong>. {props.dora.difference}
          </p>
        )}
        {props.noTier && <p>{props.noTier}</p>}
      </div>
      <p class="metric-value">
        <span data-testid={`${id}-value`} data-value={props.rawValue ?? ''}>
          {props.value}
        </span>
      </p>
      <p class="metric-statistic">{props.statistic}</p>
      {props.detail && <p class="metric-detail">{props.detail}</p>}
      <p class="metric-sample" data-testid={`${id}-sample`} data-value={props.rawSample}>
        {props.sample}
      </p>
      {props.scope && (
        <p class="metric-scope" data-testid={`${id}-scope`}>
          {props.scope}
        </p>
      )}
      <ul class="plain metric-changes">
        {props.changes.map((line, k) => (
          <ChangeLine key={line.label} id={id} which={k === 0 ? 'previous' : 'trend28'} line={line} />
        ))}
      </ul>
      {(tier || props.interval || props.goal) && (
        <div class="beyond" title="Beyond Octopus: DORA Lens’s own statistics">
          {tier && (
            <p class="tier-line">
              <span class="visually-hidden">DORA Lens’s own rating: </span>
              <span class={`tier tier-${tier.tier}`} data-testid={`${id}-tier`}>
                {tier.text}
              </span>{' '}
              <span class="tier-explanation" data-testid={`${id}-tier-explanation`}>
                {tier.explanation}
              </span>
            </p>
          )}
          {props.interval && <p class="interval">{props.interval}</p>}
          {props.goal && <GoalBadge goal={props.goal} testId={`${id}-goal`} />}
        </div>
      )}
    </section>
  );
}
