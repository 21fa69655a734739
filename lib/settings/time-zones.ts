/** IANA time zones: which the runtime knows, which one the browser is in. */

/** The browser's own zone (what the settings default to until the user picks one). */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Whether `zone` is an IANA time zone this runtime knows. Longer than any real zone name (the longest is
 * about 30 characters) is refused before the runtime is asked.
 */
export function isIanaTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every zone the runtime lists, UTC first (not every engine lists UTC among its zones, and it is the one many
 * teams report in); `['UTC']` where `supportedValuesOf` is missing.
 */
export function knownTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  try {
    return intl.supportedValuesOf ? ['UTC', ...intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')] : ['UTC'];
  } catch {
    return ['UTC'];
  }
}
