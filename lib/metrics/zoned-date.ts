import { zoneOffset } from './zone-offset';

export interface ZonedDate {
  year: number;
  /** 0-based, like `Date`. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/**
 * The wall-clock date and time of an instant in an IANA zone.
 *
 * @example
 * zonedDate(Date.UTC(2024, 2, 31, 23, 30), 'Europe/London')
 * //=> { year: 2024, month: 3, day: 1, hour: 0, minute: 30, weekday: 1 }
 */
export function zonedDate(ms: number, timeZone: string): ZonedDate {
  const local = new Date(ms + zoneOffset(ms, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth(),
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: local.getUTCDay(),
  };
}
