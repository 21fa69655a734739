/**
 * CSV cells written as UTF-8 bytes into a buffer: `write…(buffer, at, value)` writes a cell at `at` and
 * returns where it ends. Plain functions over a buffer and an offset — no string per cell and no object to go
 * through — so a chunk of rows costs a few integer operations a cell even before the code is optimised. The
 * number and date cells are byte for byte what `csvCell` writes for the same values (`String(ms / 1000)`,
 * `new Date(ms).toISOString()`, `formatDuration(ms)` neutralised); the tests hold them to those.
 */
import { csvCell } from './csv';

const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00Z: later (and negative) instants are written by `Date` itself (six-digit years). */
const YEAR_10000 = 253_402_300_800_000;
const ZERO = 48;
const COLON = 58;
const encoder = new TextEncoder();
const DEPLOYMENTS = encoder.encode('Deployments-');

/**
 * A cell's text as bytes, to write many times. Most names and versions are ASCII: copied by hand, which beats
 * the encoder's call on short text.
 *
 * @example
 * encodeCell('Web') //=> Uint8Array [87, 101, 98]
 */
export function encodeCell(text: string): Uint8Array {
  const n = text.length;
  const ascii = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c > 127) return encoder.encode(text);
    ascii[k] = c;
  }
  return ascii;
}

/**
 * Pre-encoded bytes.
 *
 * @example
 * writeBytes(buffer, 0, encodeCell('Web')) //=> 3
 */
export function writeBytes(b: Uint8Array, at: number, cell: Uint8Array): number {
  const n = cell.length;
  // Cells are short: a loop costs less than `set`'s call.
  if (n > 32) b.set(cell, at);
  else for (let k = 0; k < n; k++) b[at + k] = cell[k];
  return at + n;
}

/**
 * `csvCell(value)` of a text: written straight in when it is plain ASCII that needs no quoting or
 * neutralising (most release versions), else escaped and encoded.
 *
 * @example
 * writeText(buffer, 0, '1.2.3') //=> 5
 */
export function writeText(b: Uint8Array, at: number, value: string): number {
  const n = value.length;
  if (n === 0) return at;
  const first = value.charCodeAt(0);
  // = + - @ TAB CR start a formula.
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) return writeBytes(b, at, encodeCell(csvCell(value)));
  for (let k = 0; k < n; k++) {
    const c = value.charCodeAt(k);
    if (c > 127 || c === 34 || c === 44 || c === 13 || c === 10) return writeBytes(b, at, encodeCell(csvCell(value)));
    b[at + k] = c;
  }
  return at + n;
}

/**
 * A non-negative whole number.
 *
 * @example
 * writeInteger(buffer, 0, 1234) //=> 4
 */
export function writeInteger(b: Uint8Array, at: number, n: number): number {
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  const end = at + digits;
  let p = end;
  let x = n;
  do {
    const q = Math.floor(x / 10);
    b[--p] = ZERO + (x - q * 10);
    x = q;
  } while (x > 0);
  return end;
}

/**
 * `Deployments-<id>`.
 *
 * @example
 * writeDeployment(buffer, 0, 12) //=> 14
 */
export function writeDeployment(b: Uint8Array, at: number, id: number): number {
  for (let k = 0; k < 12; k++) b[at + k] = DEPLOYMENTS[k];
  return writeInteger(b, at + 12, id);
}

function two(b: Uint8Array, at: number, n: number): void {
  const q = (n / 10) | 0;
  b[at] = ZERO + q;
  b[at + 1] = ZERO + n - q * 10;
}

/** `YYYY-MM-DD` of a day number since 1970-01-01 (Howard Hinnant's `civil_from_days`, proleptic Gregorian). */
function civilDate(day: number): Uint8Array {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return encoder.encode(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

/**
 * Writes `csvCell(new Date(ms).toISOString())` cells, empty when `ms` is not finite; rows in time order reuse
 * the day's `YYYY-MM-DD`.
 *
 * @example
 * const iso = isoDateWriter();
 * iso(buffer, 0, Date.UTC(2024, 0, 2, 3, 4, 5, 6)) //=> 24 ('2024-01-02T03:04:05.006Z')
 */
export function isoDateWriter(): (b: Uint8Array, at: number, ms: number) => number {
  let lastDay = Number.NaN;
  let lastDate: Uint8Array = new Uint8Array(0);
  return (b, at, ms) => {
    if (!Number.isFinite(ms)) return at;
    if (ms < 0 || ms >= YEAR_10000) return writeBytes(b, at, encodeCell(csvCell(new Date(ms).toISOString())));
    const t = Math.floor(ms); // `Date` drops fractions of a millisecond
    const day = Math.floor(t / DAY_MS);
    if (day !== lastDay) {
      lastDay = day;
      lastDate = civilDate(day);
    }
    let p = writeBytes(b, at, lastDate);
    let rest = t - day * DAY_MS;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = Math.floor(rest / 1000);
    rest -= s * 1000;
    b[p] = 84; // T
    two(b, p + 1, h);
    b[p + 3] = COLON;
    two(b, p + 4, m);
    b[p + 6] = COLON;
    two(b, p + 7, s);
    b[p + 9] = 46; // .
    b[p + 10] = ZERO + Math.floor(rest / 100);
    two(b, p + 11, rest % 100);
    b[p + 13] = 90; // Z
    p += 14;
    return p;
  };
}

/**
 * `csvCell(formatDuration(ms))`: `h:mm:ss`, hours unbounded, sub-seconds truncated; a negative duration starts
 * with `'-` (a leading minus would make a spreadsheet read a formula). Empty when not finite.
 *
 * @example
 * writeDuration(buffer, 0, -90_500) //=> 9 ("'-0:01:30")
 */
export function writeDuration(b: Uint8Array, at: number, ms: number): number {
  if (!Number.isFinite(ms)) return at;
  const total = Math.trunc(Math.abs(ms) / 1000);
  let p = at;
  if (ms < 0 && total > 0) {
    b[p++] = 39; // '
    b[p++] = 45; // -
  }
  p = writeInteger(b, p, Math.floor(total / 3600));
  b[p] = COLON;
  two(b, p + 1, Math.floor((total % 3600) / 60));
  b[p + 3] = COLON;
  two(b, p + 4, total % 60);
  return p + 6;
}

/**
 * `csvCell(ms / 1000)`: the seconds as JavaScript writes the number; empty when not finite.
 *
 * @example
 * writeSeconds(buffer, 0, 1500) //=> 3 ('1.5')
 */
export function writeSeconds(b: Uint8Array, at: number, ms: number): number {
  if (!Number.isFinite(ms)) return at;
  const magnitude = Math.abs(ms);
  // Whole milliseconds below 1e15 have exactly the digits `q.fff` (trailing zeros dropped) as their shortest
  // round-trip form; anything else is left to `String`.
  if (!Number.isInteger(ms) || magnitude >= 1e15) return writeBytes(b, at, encodeCell(String(ms / 1000)));
  let p = at;
  if (ms < 0) b[p++] = 45;
  const whole = Math.floor(magnitude / 1000);
  const fraction = magnitude - whole * 1000;
  p = writeInteger(b, p, whole);
  if (fraction === 0) return p;
  b[p++] = 46;
  b[p++] = ZERO + Math.floor(fraction / 100);
  if (fraction % 100 === 0) return p;
  b[p++] = ZERO + (Math.floor(fraction / 10) % 10);
  if (fraction % 10 === 0) return p;
  b[p++] = ZERO + (fraction % 10);
  return p;
}
