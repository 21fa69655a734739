/**
 * Growable typed-array columns and string tables.
 *
 * Why: a million deployments as JS objects cost gigabytes; as columns they cost tens of megabytes, and
 * Octopus JSON is materialised only for the page being served.
 */

export type TypedArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

export function grown<A extends TypedArray>(array: A, capacity: number, fill?: number): A {
  const Ctor = array.constructor as new (n: number) => A;
  const next = new Ctor(capacity);
  next.set(array);
  if (fill !== undefined) next.fill(fill, array.length);
  return next;
}

/** A list of row numbers (an index), appended in ascending order. */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 16) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, this.data.length * 2);
    this.data[this.length++] = value;
  }

  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Interns repeated strings (release notes, task descriptions of non-deploy tasks) once. */
export class StringTable {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  intern(value: string): number {
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.values.length;
      this.values.push(value);
      this.index.set(value, at);
    }
    return at;
  }

  get(at: number): string | null {
    return at < 0 ? null : this.values[at];
  }
}

/**
 * Base for a columnar table: subclasses declare typed-array fields and list their names; `add()` grows
 * every column together and returns the new row number.
 */
export abstract class Table {
  length = 0;
  protected capacity: number;

  constructor(capacity: number) {
    this.capacity = Math.max(16, capacity);
  }

  /** Names of the typed-array fields, and the value new rows start with (NaN for times, -1 for refs). */
  protected abstract columns(): Record<string, number>;

  add(): number {
    if (this.length === this.capacity) this.reserve(this.capacity * 2);
    return this.length++;
  }

  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const self = this as unknown as Record<string, TypedArray>;
    for (const [name, fill] of Object.entries(this.columns())) {
      self[name] = grown(self[name], capacity, fill);
    }
    this.capacity = capacity;
  }
}

/** Float64 column pre-filled with NaN ("not happened"). */
export function timeColumn(capacity: number): Float64Array {
  return new Float64Array(Math.max(16, capacity)).fill(Number.NaN);
}

export function refColumn(capacity: number): Int32Array {
  return new Int32Array(Math.max(16, capacity)).fill(-1);
}

/**
 * Row order sorted by time (ties by original row), without a comparator over millions of rows: the time
 * is packed with the row number into one float and sorted natively, then a short insertion pass fixes the
 * coarse buckets. Returns old row numbers in new order.
 */
export function orderByTime(times: Float64Array, n: number): Uint32Array {
  const order = new Uint32Array(n);
  if (n === 0) return order;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const rowBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const slots = 2 ** (52 - rowBits);
  const bucket = Math.max(1, Math.ceil((hi - lo + 1) / slots));
  const keys = new Float64Array(n);
  const rowScale = 2 ** rowBits;
  for (let i = 0; i < n; i++) keys[i] = Math.floor((times[i] - lo) / bucket) * rowScale + i;
  keys.sort();
  for (let i = 0; i < n; i++) order[i] = keys[i] % rowScale;
  if (bucket > 1) {
    // Rows in one bucket are ordered by row number; restore exact time order (nearly sorted: cheap).
    for (let i = 1; i < n; i++) {
      const row = order[i];
      const t = times[row];
      let j = i - 1;
      while (j >= 0 && (times[order[j]] > t || (times[order[j]] === t && order[j] > row))) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = row;
    }
  }
  return order;
}

/** Lower-bound binary search over an ascending accessor. */
export function lowerBound(n: number, below: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
