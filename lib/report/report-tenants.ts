import type { Dimensions } from '@/lib/metrics/facts';
import type { StreamTable } from '@/lib/metrics/order-deployments';
import { streamMask } from '@/lib/metrics/stream-mask';
import type { TenantSelection } from '@/lib/metrics/types';

export interface TenantSet {
  untenanted: boolean;
  /** Tenant indices, ascending. */
  ids: number[];
}

/**
 * The tenants a selection lets through, as an explicit set. Splits need it: a split group is the report's
 * tenants intersected with the group's, which `TenantSelection` (ids ∪ tag matches) cannot express. The
 * selection is applied by the metrics' own `streamMask` to a table of one stream per tenant, so tag
 * matching follows exactly the rule the metrics use.
 *
 * @example
 * tenantSet(dims, { untenanted: false, tenants: { tags: ['Region/EU'] } })
 * //=> { untenanted: false, ids: [0, 1, 2] }
 */
export function tenantSet(dims: Dimensions, selection: TenantSelection): TenantSet {
  const size = dims.tenants.length + 1;
  const tenant = new Int32Array(size);
  for (let t = 0; t < size; t++) tenant[t] = t - 1;
  const none = new Int32Array(size);
  const table: StreamTable = { count: size, project: none, channel: none, environment: none, tenant };
  const mask = streamMask(table, dims, { tenants: selection });
  const ids: number[] = [];
  for (let t = 1; t < size; t++) if (mask[t]) ids.push(t - 1);
  return { untenanted: mask[0] === 1, ids };
}
