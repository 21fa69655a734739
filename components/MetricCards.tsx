/**
 * The headline cards of a view (a project's panel or a space report), laid out from their view-models
 * (lib/display/metric-cards.ts).
 */
import type { MetricCardView } from '@/lib/display/metric-cards';
import { MetricCard } from './MetricCard';

/** `heading`: where the page has no level-2 heading above the cards, one for screen readers (the cards' are level 3). */
export function MetricCards({ cards, testId, heading }: { cards: readonly MetricCardView[]; testId?: string; heading?: string }) {
  return (
    <div class="cards" data-testid={testId}>
      {heading && <h2 class="visually-hidden">{heading}</h2>}
      {cards.map((card) => (
        <MetricCard key={card.id} {...card} />
      ))}
    </div>
  );
}
