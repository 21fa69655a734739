/**
 * A before/after comparison as lines of "Copy summary"'s notable changes: the change's label (the user's
 * words, escaped), the windows, and each metric's before → after with the difference, its interval and the
 * verdict, as the panel shows them. Pure.
 */
import { escapeMarkdown } from './markdown';

/** What the panel shows of a comparison (lib/panel/before-after-view.ts fits it). */
export interface BeforeAfterShown {
  /** "55 days before vs 55 days after 1 Oct 2026 (UTC)". */
  windows: string;
  rows: readonly { title: string; measure: string; before: string; after: string; difference: string; interval: string; verdictText: string }[];
}

/**
 * @example
 * beforeAfterChanges('Canary *deploys*', { windows: '7 days before vs 7 days after 1 Jun 2024 (UTC)', rows: [leadTime] })
 * //=> ['Before/after “Canary \\*deploys\\*” (7 days before vs 7 days after 1 Jun 2024 (UTC)): Deployment lead time (median) 4h → 1h, −3h (95% interval −3h to −3h); Better, beyond noise (p < 0.001)']
 */
export function beforeAfterChanges(label: string, shown: BeforeAfterShown): string[] {
  const head = `Before/after “${escapeMarkdown(label)}” (${shown.windows})`;
  return shown.rows.map((r) => `${head}: ${r.title} (${r.measure}) ${r.before} → ${r.after}, ${r.difference} (${r.interval}); ${r.verdictText}`);
}
