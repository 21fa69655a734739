/**
 * A view's window as people write it, in the zone its days are counted in: the last day shown is the day
 * before the (exclusive) end. Pure.
 */
import { formatDate } from '@/lib/display/format';

/**
 * @example
 * rangeText({ from: Date.UTC(2026, 7, 1), to: Date.UTC(2026, 10, 21), timeZone: 'UTC' }, 'en-GB') //=> '1 Aug 2026 – 20 Nov 2026 (UTC)'
 */
export function rangeText(window: { from: number; to: number; timeZone: string }, locale?: string): string {
  // Days as every date of the extension reads (lib/display/format.ts): the reader's locale unless pinned.
  return `${formatDate(window.from, window.timeZone, locale)} – ${formatDate(window.to - 1, window.timeZone, locale)} (${window.timeZone})`;
}

/** The scope lines of a view's filters: each select's label and its chosen option's name. */
export function selectScope(selects: readonly { label: string; value?: string; options: readonly { value: string; label: string }[] }[]): { term: string; detail: string }[] {
  return selects.map((s) => ({ term: s.label, detail: s.options.find((o) => o.value === s.value)?.label ?? '' }));
}
