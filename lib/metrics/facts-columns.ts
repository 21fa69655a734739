/**
 * Empty facts columns of a given length, for whoever fills them row by row: the cache when it loads a space
 * (lib/store/load.ts), the test factories, the benchmarks' histories. One place decides each column's type.
 */
import type { DeploymentFacts, ReleaseFacts } from './facts';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Deployment facts whose columns may be written. */
export type DeploymentColumns = Writable<DeploymentFacts>;
/** Release facts whose columns (and versions) may be written. */
export type ReleaseColumns = Omit<Writable<ReleaseFacts>, 'version'> & { version: string[] };

/**
 * @example
 * const d = deploymentColumns(2); d.id[0] = 17; d.completed[1] = Number.NaN; d.length //=> 2
 */
export function deploymentColumns(n: number): DeploymentColumns {
  return {
    length: n,
    id: new Uint32Array(n),
    project: new Int32Array(n),
    environment: new Int32Array(n),
    channel: new Int32Array(n),
    tenant: new Int32Array(n),
    release: new Int32Array(n),
    state: new Uint8Array(n),
    guidedFailure: new Uint8Array(n),
    created: new Float64Array(n),
    queued: new Float64Array(n),
    started: new Float64Array(n),
    completed: new Float64Array(n),
  };
}

/**
 * @example
 * const r = releaseColumns(1); r.version[0] = '1.0.0'; r.assembled[0] = Date.UTC(2026, 0, 1); r.length //=> 1
 */
export function releaseColumns(n: number): ReleaseColumns {
  return {
    length: n,
    id: new Uint32Array(n),
    project: new Int32Array(n),
    channel: new Int32Array(n),
    version: new Array<string>(n),
    assembled: new Float64Array(n),
    blocked: new Uint8Array(n),
  };
}
