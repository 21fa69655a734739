/**
 * Where a report row leads: the project's Insights panel inside Octopus, with the report's range and
 * granularity, and the environment (and channel) when the row or the report pins one — the panel's own
 * shareable route (`/app#/<space>/projects/<slug>/deployments?doraLens=insights&range=…`), built with
 * the panel's parameter writer so the two never disagree.
 */
import { panelHref } from '@/lib/host/mount';
import { DEFAULT_PARAMS, writePanelParams } from '@/lib/panel-params';
import type { ReportParams } from './report-params';

export interface DrillDownTarget {
  /** The Octopus server's base URL, e.g. `https://octopus.example.com` or `https://tools.example.com/octopus`. */
  server: string;
  space: string;
  projectSlug: string;
  /** `Environments-N` to open; the panel's default (the lifecycle's last) when absent. */
  environment?: string;
  /** `Channels-N`; the project's default channel when absent. */
  channel?: string;
}

/**
 * @example
 * drillDownUrl({ server: 'https://o.example', space: 'Spaces-1', projectSlug: 'web', environment: 'Environments-4' },
 *   { range: 'custom', from: '2025-01-01', to: '2025-03-31', granularity: 'week' })
 * //=> 'https://o.example/app#/Spaces-1/projects/web/deployments?doraLens=insights&range=custom&from=2025-01-01&to=2025-03-31&environment=Environments-4'
 */
export function drillDownUrl(target: DrillDownTarget, view: Pick<ReportParams, 'range' | 'from' | 'to' | 'granularity'>): string {
  const params = writePanelParams({
    range: view.range,
    from: view.from,
    to: view.to,
    granularity: view.granularity,
    channel: target.channel,
    environment: target.environment,
    tenant: DEFAULT_PARAMS.tenant,
  });
  const query = params.toString();
  return `${target.server}/app${panelHref(target.space, target.projectSlug)}${query ? `&${query}` : ''}`;
}
