/**
 * The normalised deployment history every metric runs on: columnar, typed arrays, no Octopus JSON.
 *
 * Why columns: 1M deployments as objects cost ~270 MB of heap and seconds to load from IndexedDB; as
 * typed arrays ~50 MB and ~175 ms (docs/toolchain.md). The store hands these arrays to the metrics as they
 * are; nothing is copied per deployment.
 *
 * Conventions
 * - Times are UTC epoch milliseconds; `NaN` means "not happened (yet)".
 * - Dimension references are indices into the arrays of {@link Dimensions}; `-1` means "none"
 *   (an untenanted deployment has `tenant[i] === -1`).
 * - Rows are in no particular order; metrics sort what they need (by index permutation, never by
 *   moving the columns).
 */

/** Octopus task states, stored as small integers. Values are part of the cache format: append only. */
export const TaskState = {
  Queued: 0,
  Executing: 1,
  Cancelling: 2,
  Success: 3,
  Failed: 4,
  Canceled: 5,
  TimedOut: 6,
} as const;
export type TaskStateCode = (typeof TaskState)[keyof typeof TaskState];
export type TaskStateName = keyof typeof TaskState;

export const TASK_STATE_NAMES: readonly TaskStateName[] = [
  'Queued',
  'Executing',
  'Cancelling',
  'Success',
  'Failed',
  'Canceled',
  'TimedOut',
];

/** One row per deployment (an Octopus `Deployment` joined with its `ServerTask`). */
export interface DeploymentFacts {
  readonly length: number;
  /** N of `Deployments-N`. */
  readonly id: Uint32Array;
  readonly project: Int32Array;
  readonly environment: Int32Array;
  readonly channel: Int32Array;
  /** -1 when untenanted. */
  readonly tenant: Int32Array;
  /** Index into {@link ReleaseFacts}. */
  readonly release: Int32Array;
  /** A {@link TaskStateCode}. */
  readonly state: Uint8Array;
  /** 1 when the deployment's task raised at least one guided-failure interruption. */
  readonly guidedFailure: Uint8Array;
  /** Deployment `Created`. */
  readonly created: Float64Array;
  /** Task `QueueTime` (a scheduled deployment's future time when it was scheduled). */
  readonly queued: Float64Array;
  /** Task `StartTime`, NaN while queued. */
  readonly started: Float64Array;
  /** Task `CompletedTime`, NaN while unfinished. */
  readonly completed: Float64Array;
}

/** One row per release, deployed or not: lead time needs the never-deployed ones. */
export interface ReleaseFacts {
  readonly length: number;
  /** N of `Releases-N`. */
  readonly id: Uint32Array;
  readonly project: Int32Array;
  readonly channel: Int32Array;
  readonly version: readonly string[];
  /** Release `Assembled` (its creation time). */
  readonly assembled: Float64Array;
  /** 1 while the release has an unresolved defect (Octopus's "prevent progression"). */
  readonly blocked: Uint8Array;
}

export interface ProjectDim {
  id: string;
  name: string;
  slug: string;
  /** Index into `projectGroups`. */
  group: number;
  /** Index into `lifecycles`. */
  lifecycle: number;
  tenantedMode: 'Untenanted' | 'TenantedOrUntenanted' | 'Tenanted';
}
export interface ProjectGroupDim {
  id: string;
  name: string;
}
export interface EnvironmentDim {
  id: string;
  name: string;
  sortOrder: number;
}
export interface ChannelDim {
  id: string;
  name: string;
  /** Index into `projects`. */
  project: number;
  /** Index into `lifecycles`; -1 when the channel follows its project's lifecycle. */
  lifecycle: number;
  isDefault: boolean;
}
export interface TenantDim {
  id: string;
  name: string;
  /** Canonical tag names, `"Tag Set/Tag"`. */
  tags: string[];
}
export interface LifecycleDim {
  id: string;
  name: string;
  /** Phases in order; each lists environment indices (automatic and optional targets). */
  phases: { name: string; environments: number[] }[];
}

export interface Dimensions {
  /** The space the history belongs to (its name is shown; nothing is computed from it). */
  space?: { id: string; name: string };
  projects: ProjectDim[];
  projectGroups: ProjectGroupDim[];
  environments: EnvironmentDim[];
  channels: ChannelDim[];
  tenants: TenantDim[];
  lifecycles: LifecycleDim[];
}

/** A space's history as the metrics see it. */
export interface History {
  deployments: DeploymentFacts;
  releases: ReleaseFacts;
  dims: Dimensions;
}
