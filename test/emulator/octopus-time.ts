/**
 * Octopus's date and duration texts. JSON dates carry milliseconds and a `+00:00` offset
 * (`2024-08-02T05:07:42.445+00:00`); tasks also carry human texts (`Completed`, `Duration`), and event
 * messages embed dates in the server's long format.
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `2024-08-02T05:07:42.445+00:00`, or null for NaN (Octopus sends null for "not yet"). */
export function octopusDate(ms: number): string | null {
  if (Number.isNaN(ms)) return null;
  return `${new Date(ms).toISOString().slice(0, 23)}+00:00`;
}

export function octopusDateStrict(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}+00:00`;
}

function clock12(d: Date): string {
  const h = d.getUTCHours();
  const m = String(d.getUTCMinutes()).padStart(2, '0');
  return `${h % 12 === 0 ? 12 : h % 12}:${m} ${h < 12 ? 'AM' : 'PM'}`;
}

/** Task `Completed`: "Saturday, August 3, 2024 1:14 AM" (server time zone UTC). */
export function completedText(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${clock12(d)}`;
}

/** Dates inside event messages: "Friday, 03 March 2023 1:00 AM +00:00". */
export function eventMessageDate(ms: number): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${day} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clock12(d)} +00:00`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Task `Duration`: the largest whole unit, as Octopus shows it ("4 seconds", "2 minutes", "1 hour"). */
export function durationText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date from a query string or a history file. Accepts ISO 8601 (with or without offset; none means UTC,
 * as the server's zone), and tolerates a `+` that the client forgot to encode (decoded as a space).
 * Returns NaN when unreadable.
 */
export function parseDate(text: string): number {
  let t = text.trim();
  // "…42.445 00:00" is "…42.445+00:00" whose "+" became a space in the query string.
  t = t.replace(/(\d) (\d{2}:?\d{2})$/, '$1+$2');
  if (ISO_DATE.test(t)) {
    const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/.test(t) && t.length > 10;
    const normalised = t.replace(' ', 'T');
    return Date.parse(hasOffset ? normalised : t.length === 10 ? `${t}T00:00:00Z` : `${normalised}Z`);
  }
  // US-locale texts such as "2/1/2023 12:00:00 AM +10:00", which Octopus itself echoes in links.
  const parsed = Date.parse(t);
  return parsed;
}
