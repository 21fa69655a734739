/** Human formats for the UI (the CSV keeps Octopus's `h:mm:ss`, see lib/export). */
import { dateTimeFormat } from './date-time-format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `3d 4h`, `2h 15m`, `45m`, `30s`; a leading minus for negative values; `–` for none. */
export function formatDurationShort(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  // Round once at the unit shown, then split, so 2h 59m 40s reads "3h", never "2h 60m".
  if (abs >= DAY - HOUR / 2) {
    const hours = Math.round(abs / HOUR);
    return `${sign}${Math.floor(hours / 24)}d${hours % 24 ? ` ${hours % 24}h` : ''}`;
  }
  if (abs >= HOUR - MINUTE / 2) {
    const minutes = Math.round(abs / MINUTE);
    return `${sign}${Math.floor(minutes / 60)}h${minutes % 60 ? ` ${minutes % 60}m` : ''}`;
  }
  if (abs >= MINUTE - 500) return `${sign}${Math.round(abs / MINUTE)}m`;
  return `${sign}${Math.round(abs / 1000)}s`;
}

export const formatPercent = (fraction: number | null | undefined, digits = 1): string =>
  fraction === null || fraction === undefined ? '–' : `${(fraction * 100).toFixed(digits)}%`;

// One formatter for every count: `toLocaleString` makes a new one per call (a panel formats hundreds).
const counts = new Intl.NumberFormat('en-US');
export const formatCount = (n: number): string => counts.format(n);

export const formatRate = (n: number): string => (n >= 10 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toFixed(2));

export function formatAgo(ms: number | undefined, now: number): string {
  if (ms === undefined) return 'never';
  const delta = Math.max(0, now - ms);
  if (delta < MINUTE) return 'just now';
  if (delta < HOUR) return `${Math.round(delta / MINUTE)} min ago`;
  if (delta < DAY) return `${Math.round(delta / HOUR)} h ago`;
  return `${Math.round(delta / DAY)} days ago`;
}

/*
 * Dates: one style everywhere, in the reader's own locale (`locale` undefined: the browser's, as Octopus's
 * web app does) and the view's zone. Tests pass a locale to pin the words.
 */

/** A moment: `25 Nov 2026, 14:05` (en-GB), `Nov 25, 2026, 2:05 PM` (en-US). */
export function formatDateTime(ms: number, timeZone: string, locale?: string): string {
  return dateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** A day: `10 Jun 2026` (en-GB). */
export function formatDate(ms: number, timeZone: string, locale?: string): string {
  return dateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(ms);
}

/**
 * The days of a period `[from, to)` as a range, inclusive of its last day: `3 Sep – 2 Dec` (en-GB), with the
 * year only where it is not `now`'s or the range spans two.
 *
 * @example
 * formatDateRange(Date.UTC(2026, 8, 3), Date.UTC(2026, 11, 3), 'UTC', Date.UTC(2026, 11, 3), 'en-GB') //=> '3 Sept – 2 Dec'
 */
export function formatDateRange(from: number, to: number, timeZone: string, now: number, locale?: string): string {
  const last = Math.max(from, to - 1);
  const years = dateTimeFormat('en', { timeZone, year: 'numeric' });
  const year = (ms: number) => years.format(ms);
  const withYear = year(from) !== year(last) || year(last) !== year(now);
  const format = dateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) });
  return format.formatRange(from, last);
}

export const TIER_LABELS = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' } as const;

/** Why a deployment is rework, in a table's words. */
export const REWORK_REASON_LABELS = {
  redeploy: 'Redeploy',
  rollback: 'Rollback',
  failureRun: 'After a failure (up to the recovery)',
  hotfix: 'Hotfix channel',
} as const;
