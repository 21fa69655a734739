import type { DeploymentFacts } from './facts';
import { orderByTime } from './order-by-time';
import { Slot, scratchInt32 } from './scratch';
import { sortByKey } from './sort-by-key';

/** The streams of a history: one row per distinct (project, channel, environment, tenant). */
export interface StreamTable {
  count: number;
  project: Int32Array;
  channel: Int32Array;
  environment: Int32Array;
  tenant: Int32Array;
}

export interface DeploymentOrder {
  /**
   * Stream number of each deployment. Streams are numbered in (project, channel, environment, tenant)
   * order (each dimension's "none", `-1`, first).
   */
  stream: Uint32Array;
  streams: StreamTable;
  /** Finished deployments (completion time known) ordered by (completed, id). */
  byCompleted: Uint32Array;
  /** Deployments with a start time, ordered by (started, id). */
  byStarted: Uint32Array;
  /** Deployments with no completion time, by id. */
  unfinished: Uint32Array;
}

/** Index order when ids ascend with the index (the store's chunks are by id), else the rows sorted by id. */
function idOrder(id: Uint32Array): Uint32Array | null {
  const n = id.length;
  for (let i = 1; i < n; i++) {
    if (id[i] <= id[i - 1]) {
      const rows = new Uint32Array(n);
      for (let k = 0; k < n; k++) rows[k] = k;
      return sortByKey(rows, id);
    }
  }
  return null;
}

/** How many channels, environments and tenants the dimensions hold (references are indices below these). */
export interface DimensionSizes {
  channels: number;
  environments: number;
  tenants: number;
}

/** Slots of the direct stream table above which stream numbers come from a `Map` instead (32 MB of Int32). */
const DIRECT_TABLE_LIMIT = 1 << 23;

/**
 * A dense number per distinct (project, channel, environment, tenant), in order of first appearance. A
 * channel belongs to one project, so (channel, environment) gets a dense number from a small table, and
 * (that number, tenant) addresses a slot of a second table — dense numbers keep the slots in use close
 * together — holding the stream that took it, whose project is kept by stream number. A deployment whose
 * project differs (data that breaks that rule) or tables that would be too large go through a `Map` keyed by
 * all four.
 */
function firstSeenStreams(d: DeploymentFacts, sizes?: DimensionSizes): { stream: Uint32Array; keys: number[][] } {
  const n = d.length;
  const { project, channel, environment, tenant } = d;
  let channels = sizes?.channels ?? 0;
  let environments = sizes?.environments ?? 0;
  let tenants = sizes?.tenants ?? 0;
  if (!sizes) {
    for (let i = 0; i < n; i++) {
      if (channel[i] >= channels) channels = channel[i] + 1;
      if (environment[i] >= environments) environments = environment[i] + 1;
      if (tenant[i] >= tenants) tenants = tenant[i] + 1;
    }
  }
  // Shifted by one so that -1 ("none") has a slot.
  const e1 = environments + 1;
  const t1 = tenants + 1;
  const pairs = (channels + 1) * e1;
  const direct = pairs <= DIRECT_TABLE_LIMIT && pairs * t1 <= DIRECT_TABLE_LIMIT;
  const pairOf = scratchInt32(Slot.PairOf, direct ? pairs : 0, true);
  const table = scratchInt32(Slot.StreamSlots, direct ? pairs * t1 : 0, true);
  let pairCount = 0;
  const other = new Map<string, number>();
  const keys: number[][] = [];
  const stream = new Uint32Array(n);
  // The project of each stream, by stream number (thousands, not table slots), to tell a slot's stream apart
  // from a deployment of another project that maps to the same slot.
  let streamProject = new Int32Array(256);
  const added = (i: number) => {
    const s = keys.push([project[i], channel[i], environment[i], tenant[i]]) - 1;
    if (s === streamProject.length) {
      const grown = new Int32Array(s * 2);
      grown.set(streamProject);
      streamProject = grown;
    }
    streamProject[s] = project[i];
    return s;
  };
  // Only the streams the direct table cannot hold are in the Map: a direct slot names its stream, and a
  // deployment of another project in a taken slot never has the slot's own key.
  const viaMap = (i: number) => {
    const key = `${project[i]},${channel[i]},${environment[i]},${tenant[i]}`;
    let s = other.get(key);
    if (s === undefined) {
      s = added(i);
      other.set(key, s);
    }
    return s;
  };
  if (!direct) {
    for (let i = 0; i < n; i++) stream[i] = viaMap(i);
    return { stream, keys };
  }
  for (let i = 0; i < n; i++) {
    const c = channel[i];
    const e = environment[i];
    const t = tenant[i];
    // A reference outside the dimensions (a damaged cache) has no slot: it goes through the Map.
    if (c < -1 || c >= channels || e < -1 || e >= environments || t < -1 || t >= tenants) {
      stream[i] = viaMap(i);
      continue;
    }
    const pair = (c + 1) * e1 + e + 1;
    let ce = pairOf[pair] - 1;
    if (ce < 0) {
      ce = pairCount++;
      pairOf[pair] = ce + 1;
    }
    const slot = ce * t1 + t + 1;
    const s = table[slot] - 1;
    if (s >= 0 && streamProject[s] === project[i]) stream[i] = s;
    else if (s >= 0) stream[i] = viaMap(i);
    else {
      const fresh = added(i);
      table[slot] = fresh + 1;
      stream[i] = fresh;
    }
  }
  return { stream, keys };
}

/**
 * The deployments' orders, computed once: by completion (ties by id), by start, the unfinished ones, and a
 * stream number per deployment — Octopus's stream: "deployments belong to the same stream if they have the
 * same project, channel, environment and tenant". Rows never move: the result is index permutations
 * (`Uint32Array`) plus a stream number per deployment. Times are compared exactly.
 *
 * Cost: the data arrives by id, nearly in time order, so the time orders take a few passes each
 * ({@link orderByTime}); stream numbers take one pass over the rows with a small direct table (sized from
 * `sizes`, the dimensions' lengths, when given; else from the data), and a sort of the streams themselves
 * (thousands, not deployments) to number them in a stable order.
 *
 * @example
 * const { byCompleted, stream, streams } = orderDeployments(history.deployments);
 * streams.environment[stream[byCompleted[0]]] // the environment of the earliest completion
 */
export function orderDeployments(deployments: DeploymentFacts, sizes?: DimensionSizes): DeploymentOrder {
  const n = deployments.length;
  const byId = idOrder(deployments.id);
  const completed = orderByTime(deployments.completed, byId);
  const byCompleted = completed.rows.subarray(0, completed.known);
  const unfinished = completed.rows.subarray(completed.known);
  const started = orderByTime(deployments.started, byId);
  const byStarted = started.rows.subarray(0, started.known);

  const seen = firstSeenStreams(deployments, sizes);
  const count = seen.keys.length;
  const bySort = Array.from({ length: count }, (_, s) => s).sort((a, b) => {
    const x = seen.keys[a];
    const y = seen.keys[b];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3];
  });
  const number = new Uint32Array(count);
  const streams: StreamTable = {
    count,
    project: new Int32Array(count),
    channel: new Int32Array(count),
    environment: new Int32Array(count),
    tenant: new Int32Array(count),
  };
  bySort.forEach((s, k) => {
    number[s] = k;
    const [p, c, e, t] = seen.keys[s];
    streams.project[k] = p;
    streams.channel[k] = c;
    streams.environment[k] = e;
    streams.tenant[k] = t;
  });
  const stream = seen.stream;
  for (let i = 0; i < n; i++) stream[i] = number[stream[i]];
  return { stream, streams, byCompleted, byStarted, unfinished };
}
