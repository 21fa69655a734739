const formatters = new Map<string, Intl.DateTimeFormat>();
const cache = new Map<string, Map<number, number>>();
const CACHE_LIMIT = 50_000;

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone: a caller bug, reported at once.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The offset of an IANA time zone from UTC at an instant, in milliseconds (local time = UTC + offset), read
 * from `Intl.DateTimeFormat` (the runtime's tz database; no date library). `Europe/London` in summer is
 * `+3 600 000`, `America/New_York` in winter `-18 000 000`. Results are memoised per zone (a bucket edge is
 * asked for again on every query).
 *
 * @example
 * zoneOffset(Date.UTC(2024, 6, 1), 'Europe/London')
 * //=> 3600000
 */
export function zoneOffset(ms: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  let zoneCache = cache.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map();
    cache.set(timeZone, zoneCache);
  }
  const hit = zoneCache.get(ms);
  if (hit !== undefined) return hit;
  const seconds = Math.floor(ms / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatter(timeZone).formatToParts(seconds)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
    }
  }
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset = asUtc - seconds;
  if (zoneCache.size >= CACHE_LIMIT) zoneCache.clear();
  zoneCache.set(ms, offset);
  return offset;
}
