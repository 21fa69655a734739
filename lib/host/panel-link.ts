/**
 * Links to a project's DORA Lens panel inside Octopus: the host route that opens it (what the menu entry
 * points at, so a view can be shared), and the full address a space report's row leads to — with the
 * report's range, granularity and time zone, and the environment (and channel) when the row or the report pins one,
 * written with the panel's own parameter writer so the two never disagree.
 */
import { DEFAULT_PARAMS, type PanelParams, writePanelParams } from '@/lib/panel/panel-params';
import { webAppUrl } from './server-url';

/** Query parameter (inside the hash route) that says the DORA Lens panel is open. */
export const PANEL_PARAM = 'doraLens';

/**
 * The shareable host route that opens the panel for a project (no space id: a server before Spaces).
 *
 * @example
 * panelRoute('Spaces-1', 'web') //=> '#/Spaces-1/projects/web/deployments?doraLens=insights'
 */
export function panelRoute(spaceId: string, projectSlug: string): string {
  return `#${spaceId ? `/${spaceId}` : ''}/projects/${encodeURIComponent(projectSlug)}/deployments?${PANEL_PARAM}=insights`;
}

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
export function drillDownUrl(target: DrillDownTarget, view: Pick<PanelParams, 'range' | 'from' | 'to' | 'granularity' | 'zone'>): string {
  const params = writePanelParams({
    range: view.range,
    from: view.from,
    to: view.to,
    granularity: view.granularity,
    zone: view.zone,
    channel: target.channel,
    environment: target.environment,
    tenant: DEFAULT_PARAMS.tenant,
  });
  const query = params.toString();
  return `${webAppUrl(target.server)}${panelRoute(target.space, target.projectSlug)}${query ? `&${query}` : ''}`;
}

/**
 * A project's panel with its default view, for an alert: built from the server's base URL and the ids DORA
 * Lens stored (`Spaces-N`, `Projects-N`; Octopus routes accept a project's id where its slug goes), never
 * from text the server sent.
 *
 * @example
 * projectPanelUrl('https://o.example', 'Spaces-1', 'Projects-3')
 * //=> 'https://o.example/app#/Spaces-1/projects/Projects-3/deployments?doraLens=insights'
 */
export function projectPanelUrl(server: string, space: string, projectId: string): string {
  return `${webAppUrl(server)}${panelRoute(space, projectId)}`;
}
