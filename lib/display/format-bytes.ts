/** Sizes in decimal units (1 kB = 1000 B), as the browser's own storage settings show them. */
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

// One decimal only where it carries information (1.5 MB, not 15.3 MB or 1.0 B).
const digitsFor = (value: number, unit: number) => (unit > 0 && value < 10 ? 1 : 0);
const rounded = (value: number, digits: number) => Number(value.toFixed(digits));

export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  // Step up while the number would print as 1000 or more (999,999 B is "1 MB", not "1,000 kB").
  while (unit < UNITS.length - 1 && rounded(value, digitsFor(value, unit)) >= 1000) {
    value /= 1000;
    unit++;
  }
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digitsFor(value, unit) }).format(value);
  return `${number} ${UNITS[unit]}`;
}
