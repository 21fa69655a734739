import type { DeploymentFacts } from './facts';
import { sortByKey, sortScratch } from './sort-by-key';

/** The streams of a history: one row per distinct (project, channel, environment, tenant). */
export interface StreamTable {
  count: number;
  project: Int32Array;
  channel: Int32Array;
  environment: Int32Array;
  tenant: Int32Array;
  /** Stream s occupies `byStream[start[s] .. start[s + 1])`; `start.length = count + 1`. */
  start: Uint32Array;
}

export interface DeploymentOrder {
  /** Stream number of each deployment. */
  stream: Uint32Array;
  streams: StreamTable;
  /** All deployments ordered by (project, channel, environment, tenant, completed, id); unfinished last in their stream. */
  byStream: Uint32Array;
  /** Finished deployments (completion time known) ordered by (completed, id). */
  byCompleted: Uint32Array;
  /** Deployments with a start time, ordered by (started, id). */
  byStarted: Uint32Array;
  /** Deployments with no completion time, by id. */
  unfinished: Uint32Array;
}

/** Integer sort keys for a time column: `t - min`, floored; NaN sorts after every time. */
function timeKeys(times: Float64Array, keys: Float64Array): number {
  const n = times.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let known = 0;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (!Number.isNaN(t)) {
      known++;
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  const missing = known > 0 ? Math.floor(max - min) + 1 : 0;
  for (let i = 0; i < n; i++) {
    const t = times[i];
    keys[i] = !Number.isNaN(t) ? Math.floor(t - min) : missing;
  }
  return known;
}

/**
 * Sorts the deployments once: by id, then stably by completion time, then stably by stream
 * (project, channel, environment, tenant) — Octopus's stream: "deployments belong to the same stream if
 * they have the same project, channel, environment and tenant". Rows never move: the result is index
 * permutations (`Uint32Array`) plus a stream number per deployment. Ties in completion time are ordered by
 * deployment id. Times are compared at millisecond resolution.
 *
 * @example
 * const { byStream, streams } = orderDeployments(history.deployments);
 * byStream.subarray(streams.start[0], streams.start[1]) // stream 0's deployments, oldest completion first
 */
export function orderDeployments(deployments: DeploymentFacts): DeploymentOrder {
  const n = deployments.length;
  const identity = new Uint32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  const scratch = sortScratch(n);
  const byId = sortByKey(identity, deployments.id, 0, scratch);
  const keys = new Float64Array(n);

  const finished = timeKeys(deployments.completed, keys);
  const byTime = sortByKey(byId, keys, 0, scratch);
  const byCompleted = byTime.slice(0, finished);
  const unfinished = sortByKey(byTime.slice(finished), deployments.id, 0, scratch);

  const started = timeKeys(deployments.started, keys);
  const byStarted = sortByKey(byId, keys, 0, scratch).slice(0, started);

  const { project, channel, environment, tenant } = deployments;
  // One composite key (project, channel, environment, tenant) when it fits in 53 bits, else four stable sorts.
  const size = (column: Int32Array) => {
    let max = -1;
    for (let i = 0; i < n; i++) if (column[i] > max) max = column[i];
    return max + 2; // values -1 .. max, shifted by one
  };
  const sp = size(project);
  const sc = size(channel);
  const se = size(environment);
  const st = size(tenant);
  let byStream: Uint32Array;
  if (sp * sc * se * st < 2 ** 53) {
    for (let i = 0; i < n; i++) {
      keys[i] = (((project[i] + 1) * sc + (channel[i] + 1)) * se + (environment[i] + 1)) * st + (tenant[i] + 1);
    }
    byStream = sortByKey(byTime, keys, 0, scratch);
  } else {
    byStream = sortByKey(byTime, tenant, 1, scratch);
    byStream = sortByKey(byStream, environment, 1, scratch);
    byStream = sortByKey(byStream, channel, 1, scratch);
    byStream = sortByKey(byStream, project, 1, scratch);
  }

  const stream = new Uint32Array(n);
  const starts: number[] = [];
  let s = -1;
  let prev = -1;
  for (let j = 0; j < n; j++) {
    const i = byStream[j];
    if (
      prev < 0 ||
      project[i] !== project[prev] ||
      channel[i] !== channel[prev] ||
      environment[i] !== environment[prev] ||
      tenant[i] !== tenant[prev]
    ) {
      s++;
      starts.push(j);
    }
    stream[i] = s;
    prev = i;
  }
  const count = s + 1;
  const start = new Uint32Array(count + 1);
  const streams: StreamTable = {
    count,
    project: new Int32Array(count),
    channel: new Int32Array(count),
    environment: new Int32Array(count),
    tenant: new Int32Array(count),
    start,
  };
  for (let k = 0; k < count; k++) {
    start[k] = starts[k];
    const i = byStream[starts[k]];
    streams.project[k] = project[i];
    streams.channel[k] = channel[i];
    streams.environment[k] = environment[i];
    streams.tenant[k] = tenant[i];
  }
  start[count] = n;
  return { stream, streams, byStream, byCompleted, byStarted, unfinished };
}
