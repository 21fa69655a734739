import { csvCell } from './csv';

const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00Z: later (and negative) instants are written by `Date` itself (six-digit years). */
const YEAR_10000 = 253_402_300_800_000;
const ZERO = 48;
const COMMA = 44;
const COLON = 58;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const DEPLOYMENTS = encoder.encode('Deployments-');

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
 * A CSV chunk being written as UTF-8 bytes: cells go in as pre-encoded bytes or as numbers written digit by
 * digit, and {@link CsvBytes.take} decodes the chunk into one string — no string per cell. The number and
 * date cells are byte for byte what `csvCell` writes for the same values (`String(ms / 1000)`,
 * `new Date(ms).toISOString()`, `formatDuration(ms)` neutralised); the tests hold them to those.
 *
 * @example
 * const out = new CsvBytes();
 * out.isoDate(Date.UTC(2024, 0, 2, 3, 4, 5, 6)); out.comma(); out.duration(-90_500); out.comma(); out.seconds(1500);
 * out.take() //=> "2024-01-02T03:04:05.006Z,'-0:01:30,1.5"
 */
export class CsvBytes {
  readonly TRUE = encoder.encode('True');
  readonly FALSE = encoder.encode('False');
  private buffer = new Uint8Array(1 << 19);
  private length = 0;
  private lastDay = Number.NaN;
  private lastDate: Uint8Array = new Uint8Array(0);

  /** A cell's text as bytes, to write many times. */
  encode(text: string): Uint8Array {
    // Most names and versions are ASCII: copied by hand, which beats the encoder's call cost on short text.
    const n = text.length;
    const ascii = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c > 127) return encoder.encode(text);
      ascii[k] = c;
    }
    return ascii;
  }

  /** Makes room for `bytes` more; false when the chunk should be taken first. */
  fits(bytes: number): boolean {
    if (this.length + bytes <= this.buffer.length) return true;
    if (this.length > 0) return false;
    this.buffer = new Uint8Array(bytes);
    return true;
  }

  /** The chunk written so far, as one string; the buffer starts over. */
  take(): string {
    const text = decoder.decode(this.buffer.subarray(0, this.length));
    this.length = 0;
    return text;
  }

  bytes(cell: Uint8Array): void {
    const n = cell.length;
    // Cells are short: a loop costs less than `set`'s call.
    if (n > 32) this.buffer.set(cell, this.length);
    else {
      const b = this.buffer;
      const at = this.length;
      for (let k = 0; k < n; k++) b[at + k] = cell[k];
    }
    this.length += n;
  }

  /**
   * `csvCell(value)` of a text written straight into the chunk when it is plain ASCII that needs no quoting
   * or neutralising (most release versions), else escaped and encoded.
   */
  text(value: string): void {
    const n = value.length;
    if (n === 0) return;
    const first = value.charCodeAt(0);
    // = + - @ TAB CR start a formula.
    let plain = !(first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13);
    const b = this.buffer;
    const at = this.length;
    for (let k = 0; plain && k < n; k++) {
      const c = value.charCodeAt(k);
      if (c > 127 || c === 34 || c === 44 || c === 13 || c === 10) plain = false;
      else b[at + k] = c;
    }
    if (plain) this.length += n;
    else this.bytes(this.encode(csvCell(value)));
  }

  comma(): void {
    this.buffer[this.length++] = COMMA;
  }

  lineEnd(): void {
    this.buffer[this.length++] = 13;
    this.buffer[this.length++] = 10;
  }

  /** A non-negative whole number. */
  integer(n: number): void {
    const b = this.buffer;
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let at = this.length + digits;
    this.length = at;
    let x = n;
    do {
      const q = Math.floor(x / 10);
      b[--at] = ZERO + (x - q * 10);
      x = q;
    } while (x > 0);
  }

  /** `Deployments-<id>`. */
  deployment(id: number): void {
    this.bytes(DEPLOYMENTS);
    this.integer(id);
  }

  private two(n: number): void {
    const q = (n / 10) | 0;
    this.buffer[this.length++] = ZERO + q;
    this.buffer[this.length++] = ZERO + n - q * 10;
  }

  /** `csvCell(new Date(ms).toISOString())`, empty when `ms` is not finite. Rows in time order reuse the day. */
  isoDate(ms: number): void {
    if (!Number.isFinite(ms)) return;
    if (ms < 0 || ms >= YEAR_10000) {
      this.bytes(this.encode(csvCell(new Date(ms).toISOString())));
      return;
    }
    const t = Math.floor(ms); // `Date` drops fractions of a millisecond
    const day = Math.floor(t / DAY_MS);
    if (day !== this.lastDay) {
      this.lastDay = day;
      this.lastDate = civilDate(day);
    }
    this.bytes(this.lastDate);
    let rest = t - day * DAY_MS;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = Math.floor(rest / 1000);
    rest -= s * 1000;
    const b = this.buffer;
    b[this.length++] = 84; // T
    this.two(h);
    b[this.length++] = COLON;
    this.two(m);
    b[this.length++] = COLON;
    this.two(s);
    b[this.length++] = 46; // .
    b[this.length++] = ZERO + Math.floor(rest / 100);
    this.two(rest % 100);
    b[this.length++] = 90; // Z
  }

  /**
   * `csvCell(formatDuration(ms))`: `h:mm:ss`, hours unbounded, sub-seconds truncated; a negative duration
   * starts with `'-` (a leading minus would make a spreadsheet read a formula). Empty when not finite.
   */
  duration(ms: number): void {
    if (!Number.isFinite(ms)) return;
    const total = Math.trunc(Math.abs(ms) / 1000);
    if (ms < 0 && total > 0) {
      this.buffer[this.length++] = 39; // '
      this.buffer[this.length++] = 45; // -
    }
    this.integer(Math.floor(total / 3600));
    this.buffer[this.length++] = COLON;
    this.two(Math.floor((total % 3600) / 60));
    this.buffer[this.length++] = COLON;
    this.two(total % 60);
  }

  /** `csvCell(ms / 1000)`: the seconds as JavaScript writes the number; empty when not finite. */
  seconds(ms: number): void {
    if (!Number.isFinite(ms)) return;
    const magnitude = Math.abs(ms);
    // Whole milliseconds below 1e15 have exactly the digits `q.fff` (trailing zeros dropped) as their
    // shortest round-trip form; anything else is left to `String`.
    if (!Number.isInteger(ms) || magnitude >= 1e15) {
      this.bytes(this.encode(String(ms / 1000)));
      return;
    }
    if (ms < 0) this.buffer[this.length++] = 45;
    const whole = Math.floor(magnitude / 1000);
    const fraction = magnitude - whole * 1000;
    this.integer(whole);
    if (fraction === 0) return;
    const b = this.buffer;
    b[this.length++] = 46;
    b[this.length++] = ZERO + Math.floor(fraction / 100);
    if (fraction % 100 === 0) return;
    b[this.length++] = ZERO + (Math.floor(fraction / 10) % 10);
    if (fraction % 10 === 0) return;
    b[this.length++] = ZERO + (fraction % 10);
  }
}
