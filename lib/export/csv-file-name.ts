export interface CsvFileNameParts {
  /** Project name; default `all-projects`. */
  project?: string;
  /** Environment name; default `all-environments`. */
  environment?: string;
  /** Window start (UTC ms, inclusive). */
  from: number;
  /** Window end (UTC ms, exclusive): the name shows the last day included. */
  to: number;
  /** Zone for the dates in the name. Default `UTC`. */
  timeZone?: string;
}

const MAX_PART = 60;

/** Letters and digits of any script, `.`, `_`, `-`; everything else (path separators, reserved and control characters, spaces) becomes `-`. */
function clean(part: string, fallback: string): string {
  const cleaned = part
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_PART)
    .replace(/[-.]+$/g, '');
  return cleaned.length > 0 ? cleaned : fallback;
}

function day(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The export's file name: `dora-lens_<project>_<environment>_<from>_<to>.csv`, dates `YYYY-MM-DD` in the
 * zone (`to` shows the last included day, the window being `[from, to)`), names sanitised so the result is
 * a safe file name on every OS (no separators, reserved or control characters, no leading dots, at most 60
 * characters per name part).
 *
 * @example
 * csvFileName({ project: 'Acme / Web', environment: 'Production', from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 3, 1) })
 * //=> 'dora-lens_Acme-Web_Production_2024-01-01_2024-03-31.csv'
 */
export function csvFileName(parts: CsvFileNameParts): string {
  const timeZone = parts.timeZone ?? 'UTC';
  const last = parts.to > parts.from ? parts.to - 1 : parts.from;
  return [
    'dora-lens',
    clean(parts.project ?? '', 'all-projects'),
    clean(parts.environment ?? '', 'all-environments'),
    day(parts.from, timeZone),
    day(last, timeZone),
  ]
    .join('_')
    .concat('.csv');
}
