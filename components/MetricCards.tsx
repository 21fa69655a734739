/**
 * The headline cards of a view (a project's panel or a space report), laid out from their view-models
 * (lib/display/metric-cards.ts).
 */
import type { MetricCardView } from '@/lib/display/metric-cards';
import { MetricCard } from './MetricCard';

export function MetricCards({ cards, testId }: { cards: readonly MetricCardView[]; testId?: string }) {
  return (
    <div class="cards" data-testid={testId}>
      {cards.map((card) => (
        <MetricCard key={card.id} {...card} />
      ))}
    </div>
  );
}
