/**
 * Query-string reading as Octopus's API binds it: parameter names are case-insensitive, multi-value
 * filters are comma-separated, malformed numbers and dates are a 400.
 */
import { badRequest } from './errors';
import { parseDate } from './octopus-time';

export const DEFAULT_TAKE = 30;
/** `Page.All` uses int.MaxValue. */
export const TAKE_ALL = 2147483647;

export class Query {
  private readonly values = new Map<string, string>();
  /** Single-valued parameters given twice take their first value, as ASP.NET binds them. */
  private readonly first = new Map<string, string>();
  /** Original names and order, for echoing in links. */
  readonly given: { name: string; value: string }[] = [];

  constructor(search: URLSearchParams) {
    for (const [name, value] of search) {
      const key = name.toLowerCase();
      if (!this.values.has(key)) {
        this.given.push({ name, value });
        this.first.set(key, value);
      }
      // Repeated parameters (`?ids=a&ids=b`) are merged like comma lists.
      const prior = this.values.get(key);
      this.values.set(key, prior === undefined ? value : `${prior},${value}`);
    }
  }

  has(name: string): boolean {
    return this.values.has(name.toLowerCase());
  }

  get(name: string): string | undefined {
    const v = this.values.get(name.toLowerCase());
    return v === undefined || v === '' ? undefined : v;
  }

  /** A comma-separated filter; undefined when absent or empty. */
  list(name: string): string[] | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    return items.length ? items : undefined;
  }

  private single(name: string): string | undefined {
    const v = this.first.get(name.toLowerCase());
    return v === undefined || v === '' ? undefined : v;
  }

  int(name: string, fallback: number, min = 0): number {
    const raw = this.single(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw.trim())) {
      throw badRequest([`The value '${raw}' is not valid for ${name}.`]);
    }
    const n = Number(raw);
    if (n < min) throw badRequest([`The value '${raw}' is not valid for ${name}.`]);
    return Math.min(n, TAKE_ALL);
  }

  bool(name: string): boolean | undefined {
    const raw = this.single(name);
    if (raw === undefined) return undefined;
    const v = raw.toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw badRequest([`The value '${raw}' is not valid for ${name}.`]);
  }

  date(name: string): number | undefined {
    const raw = this.single(name);
    if (raw === undefined) return undefined;
    const ms = parseDate(raw);
    if (Number.isNaN(ms)) throw badRequest([`The value '${raw}' is not valid for ${name}.`]);
    return ms;
  }

  skip(): number {
    return this.int('skip', 0);
  }

  take(): number {
    return this.int('take', DEFAULT_TAKE);
  }
}
