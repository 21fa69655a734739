/**
 * What the project panel shows besides the numbers: its filters (Octopus's: channel only when the project
 * has several, environment, tenant only for tenanted projects) and the deployments behind the focused
 * metric. Pure: a project view (./project-view.ts) and rows in, lists out.
 */
import { FailureKind, Outcome } from '@/lib/metrics/constants';
import { type DeploymentRowColumns, deploymentRowAt, rowRework } from '@/lib/metrics/deployment-rows';
import type { Dimensions } from '@/lib/metrics/facts';
import type { DeliveryMetric, DeploymentRow } from '@/lib/metrics/types';
import type { PanelParams } from './panel-params';
import type { ProjectView } from './project-view';
import { leadTimeOf } from '@/lib/metrics/deployment-values';

export interface PanelSelect {
  key: 'channel' | 'environment' | 'tenant';
  label: string;
  value?: string;
  options: { value: string; label: string }[];
}

/**
 * @example
 * panelSelects(dims, view, params).map((s) => s.key) //=> ['environment'] (one channel, untenanted)
 */
export function panelSelects(dims: Dimensions, view: ProjectView, params: PanelParams): PanelSelect[] {
  const selects: PanelSelect[] = [];
  if (view.channels.length > 1) {
    const options = view.channels.map((c) => ({ value: dims.channels[c].id, label: dims.channels[c].name }));
    selects.push({ key: 'channel', label: 'Channel', value: dims.channels[view.channel]?.id, options });
  }
  const environments = view.environments.map((e) => ({ value: dims.environments[e].id, label: dims.environments[e].name }));
  selects.push({ key: 'environment', label: 'Environment', value: dims.environments[view.environment]?.id, options: environments });
  if (view.tenants.length > 0) {
    const options = [
      { value: 'all', label: 'All tenants and untenanted' },
      { value: 'untenanted', label: 'Untenanted only' },
      ...view.tenants.map((t) => ({ value: dims.tenants[t].id, label: dims.tenants[t].name })),
    ];
    selects.push({ key: 'tenant', label: 'Tenant', value: params.tenant, options });
  }
  return selects;
}

/**
 * What the panel's figures cover, stated on every card: the environment, and the channel and tenant when
 * they are not the defaults.
 *
 * @example
 * panelScope(dims, view) //=> 'Production · Hotfix channel · Acme'
 */
export function panelScope(dims: Dimensions, view: ProjectView): string {
  const parts = [dims.environments[view.environment]?.name ?? 'No environment'];
  if (view.channel >= 0 && view.channel !== view.channels[0]) parts.push(`${dims.channels[view.channel].name} channel`);
  const t = view.tenant;
  if (t.tenants === 'none') parts.push('untenanted');
  else if (t.tenants !== 'all' && t.tenants?.ids?.length === 1) parts.push(dims.tenants[t.tenants.ids[0]]?.name ?? '');
  return parts.join(' · ');
}

/**
 * The panel's view after one of its selects changed: a new channel takes its lifecycle's default environment.
 *
 * @example
 * selectPatch('channel', 'Channels-3') //=> { channel: 'Channels-3', environment: '' }
 */
export function selectPatch(key: string, value: string): Partial<PanelParams> {
  return key === 'channel' ? { channel: value, environment: '' } : { [key]: value };
}

/** The deployments listed below the cards, read one at a time: only the rows shown become objects. */
export interface DeploymentRowList {
  length: number;
  at: (k: number) => DeploymentRow;
}

/**
 * The rows behind the focused metric, newest first: successful deployments (frequency), those with a lead
 * time, failures, recoveries, rework.
 *
 * @example
 * focusRows(rows, 'failureRate').at(0).state //=> 'Failed'
 */
export function focusRows(rows: DeploymentRowColumns, focus: DeliveryMetric): DeploymentRowList {
  const p = rows.prepared;
  const picked: number[] = [];
  for (let k = rows.length - 1; k >= 0; k--) {
    const i = rows.index[k];
    const wanted =
      focus === 'frequency'
        ? p.outcome[i] === Outcome.Success
        : focus === 'leadTime'
          ? !Number.isNaN(leadTimeOf(p, i))
          : focus === 'failureRate'
            ? p.failureKind[i] !== FailureKind.None
            : focus === 'reworkRate'
              ? rowRework(rows, k) !== 0
              : p.recoveredFrom[i] >= 0;
    if (wanted) picked.push(k);
  }
  return { length: picked.length, at: (j) => deploymentRowAt(rows, picked[j]) };
}
