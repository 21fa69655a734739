/**
 * What the sync engine hands to the store: one record per deployment or release, with Octopus ids kept
 * as strings (dimensions) or numbers (the N of `Deployments-N`). The store packs them into columns.
 */
import type { TaskStateCode } from '@/lib/metrics/facts';

export interface DeploymentRecord {
  /** N of `Deployments-N`. */
  id: number;
  project: string;
  environment: string;
  channel: string;
  tenant: string | null;
  /** N of `Releases-N`. */
  release: number;
  /**
   * N of the deployment's `ServerTasks-N`: how an older Octopus (no task date filters) is asked about the
   * tasks the cache knows. 0 = unknown (rows cached before the column existed).
   */
  task: number;
  state: TaskStateCode;
  guidedFailure: boolean;
  /** Epoch ms; NaN when not happened. */
  created: number;
  queued: number;
  started: number;
  completed: number;
}

export interface ReleaseRecord {
  /** N of `Releases-N`. */
  id: number;
  project: string;
  channel: string;
  version: string;
  assembled: number;
  /** An unresolved defect (prevent progression) is open on the release. */
  blocked: boolean;
}

/** A space's dimensions with Octopus ids; the store turns references into array indices when loading. */
export interface DimensionRecords {
  /** The space itself, for its name. */
  space?: { id: string; name: string };
  projects: { id: string; name: string; slug: string; groupId: string; lifecycleId: string; tenantedMode: 'Untenanted' | 'TenantedOrUntenanted' | 'Tenanted' }[];
  projectGroups: { id: string; name: string }[];
  environments: { id: string; name: string; sortOrder: number }[];
  channels: { id: string; name: string; projectId: string; lifecycleId: string | null; isDefault: boolean }[];
  tenants: { id: string; name: string; tags: string[] }[];
  lifecycles: { id: string; name: string; phases: { name: string; environmentIds: string[] }[] }[];
}

/** Parses the N of an Octopus id like `Deployments-123`. */
export function idNumber(id: string): number {
  const n = Number(id.slice(id.lastIndexOf('-') + 1));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Unexpected Octopus id: ${id}`);
  return n;
}
