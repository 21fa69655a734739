/**
 * "Copy summary": a short Markdown summary of what a panel or report shows — its scope and range, each
 * metric's value with its sample size and tier, the goals when there are any, and the notable changes — for
 * a chat or a wiki. Built from the cards' own view-models, so its numbers are the cards'. Pure.
 */
import type { MetricCardView } from '@/lib/display/metric-cards';
import { escapeMarkdown } from './markdown';

export interface SummaryInput {
  /** What the view is of: "Storefront → Production", a report's name. Server-supplied: escaped. */
  title: string;
  /** Scope lines, e.g. `{ term: 'Channel', detail: 'Default' }`; details are server-supplied names: escaped. */
  scope: readonly { term: string; detail: string }[];
  /** The window as shown: "1 Aug 2026 – 20 Nov 2026 (Europe/London)". */
  range: string;
  cards: readonly MetricCardView[];
  /**
   * Goals with where the metric stands, e.g. `{ metric: 'Deployment lead time', text: 'under 1d: met' }`;
   * absent = the goals on the cards (their target and status, as the badges say).
   */
  goals?: readonly { metric: string; text: string }[];
  /** Changes worth a line beyond the cards' own (a before/after comparison…). */
  changes?: readonly string[];
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The cards' changes beyond noise, with their dates and figures (not those within noise or with too little data). */
function notableChanges(cards: readonly MetricCardView[]): string[] {
  return cards.flatMap((c) => c.changes.filter((t) => t.significant).map((t) => `${c.title}, ${t.label} ${t.text}: ${t.arrow ? `${t.arrow} ` : ''}${t.verdict}`));
}

/**
 * @example
 * summaryMarkdown({ title: 'Web → Production', scope: [], range: '1 Aug – 20 Nov 2026 (UTC)', cards })
 * //=> '### DORA Lens: Web → Production\n_1 Aug – 20 Nov 2026 (UTC)_\n\n| Metric | Value | Sample | DORA tier |\n…'
 */
export function summaryMarkdown(input: SummaryInput): string {
  const lines = [`### DORA Lens: ${escapeMarkdown(input.title)}`, `_${input.range}_`];
  for (const s of input.scope) lines.push(`- ${s.term}: ${escapeMarkdown(s.detail)}`);
  lines.push('', '| Metric | Value | Sample | DORA tier |', '| --- | --- | --- | --- |');
  for (const c of input.cards) {
    const tier = c.tier ? `${c.tier.text} (DORA ${c.tier.year})` : '';
    lines.push(`| ${cell(c.title)} | ${cell(c.value)} | ${cell(c.sample)} | ${cell(tier)} |`);
  }
  // The goals the cards carry, unless the caller words them itself.
  const goals = input.goals ?? input.cards.flatMap((c) => (c.goal ? [{ metric: c.title, text: `${c.goal.target}: ${c.goal.status}` }] : []));
  if (goals.length > 0) {
    lines.push('', '**Goals**');
    for (const g of goals) lines.push(`- ${g.metric}: ${g.text}`);
  }
  const changes = [...notableChanges(input.cards), ...(input.changes ?? [])];
  if (changes.length > 0) {
    lines.push('', '**Notable changes**');
    for (const c of changes) lines.push(`- ${c}`);
  }
  lines.push('', '_Tiers and intervals are DORA Lens’s own statistics; totals cover only what the Octopus account may see._');
  return lines.join('\n');
}
