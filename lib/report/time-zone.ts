/**
 * Whether `zone` is an IANA time zone this runtime knows. Kept here rather than imported from
 * lib/settings, which pulls in the browser API and so cannot run in Node (tests, benchmarks).
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

/** Every zone the runtime lists, for the editor's suggestions (`[]` where `supportedValuesOf` is missing). */
export function knownTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  try {
    return intl.supportedValuesOf ? ['UTC', ...intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')] : ['UTC'];
  } catch {
    return ['UTC'];
  }
}
