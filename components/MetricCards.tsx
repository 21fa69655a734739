/**
 * The headline cards of a view (a project's panel or a space report), laid out from their view-models
 * (lib/display/metric-cards.ts). In the panel DORA's five cards also choose which deployments the table
 * below them lists.
 */
import type { MetricCardView } from '@/lib/display/metric-cards';
import type { DeliveryMetric } from '@/lib/metrics/types';
import { MetricCard } from './MetricCard';

export interface MetricCardsProps {
  cards: readonly MetricCardView[];
  testId?: string;
  /** The card whose deployments are listed below (panel only). */
  focus?: DeliveryMetric;
  onFocus?: (metric: DeliveryMetric) => void;
}

const isDelivery = (id: MetricCardView['id']): id is DeliveryMetric => id !== 'duration' && id !== 'queueTime';

export function MetricCards({ cards, testId, focus, onFocus }: MetricCardsProps) {
  return (
    <div class="cards" data-testid={testId}>
      {cards.map((card) => {
        const { id } = card;
        const select = onFocus && isDelivery(id) ? { selected: focus === id, onSelect: () => onFocus(id) } : {};
        return <MetricCard key={id} {...card} {...select} />;
      })}
    </div>
  );
}
