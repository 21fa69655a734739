/**
 * Intl.DateTimeFormat instances, kept: making one loads the locale's and the zone's data (about a
 * millisecond each in a fresh page, measured in Chromium's profile of the panel opening, where the metric
 * cards made fifty of them), formatting with one is cheap. A formatter never changes once made, so one per
 * locale + options serves every caller.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
/** More would be a caller making keys from data (a zone per row, say): start again rather than grow. */
const LIMIT = 64;

/**
 * @example
 * dateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric' }) === dateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric' }) //=> true
 */
export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    if (formats.size >= LIMIT) formats.clear();
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
