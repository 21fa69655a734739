/**
 * What the panel shows for its view: the numbers, or one clear empty state instead of zeros, "No tier" badges
 * and "not enough deployments" lines — a project never deployed at all, never to this environment (with the
 * environments it was deployed to, to pick from), or nothing in this range. And, with the numbers, where the
 * view's history starts when the range reaches further back. Pure: the view's insights in, words out.
 */
import { formatCount, formatDate, formatDateRange } from '@/lib/display/format';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { Insights } from '@/lib/metrics/types';
import type { ProjectView } from './project-view';

export type PanelState =
  /** Nothing was ever deployed matching the view's project, channel, environment and tenant. */
  | { kind: 'never-deployed'; title: string; text: string; environments: { id: string; name: string }[] }
  /** The view has history, but nothing finished in the range. */
  | { kind: 'nothing-in-range'; title: string; text: string; environments: [] }
  | { kind: 'numbers'; history?: string };

/**
 * @example
 * panelState(prepared, view, insights, rows.length, 'en-GB')
 * //=> { kind: 'never-deployed', title: 'Never deployed to Production', text: 'Storefront has deployments to Dev and Test. Pick one:', environments: [{ id: 'Environments-1', name: 'Dev' }, …] }
 */
export function panelState(prepared: PreparedHistory, view: ProjectView, insights: Insights, rows: number, locale?: string): PanelState {
  const dims = prepared.history.dims;
  const project = dims.projects[view.project].name;
  const environment = dims.environments[view.environment]?.name ?? 'this environment';
  const { window } = insights;
  if (insights.historyStart === null && insights.inProgress.count === 0) {
    const environments = deployedEnvironments(prepared, view, view.channel);
    if (environments.length === 0 && deployedEnvironments(prepared, view, -1).length > 0) {
      const channel = dims.channels[view.channel]?.name ?? '';
      return { kind: 'never-deployed', title: `No deployments in the ${channel} channel`, text: `${project} was deployed through its other channels: pick one in the filters above.`, environments };
    }
    if (environments.length === 0) {
      return {
        kind: 'never-deployed',
        title: `${project} has never been deployed`,
        text: 'There are no deployments of this project in your synced data yet. Its numbers appear here once Octopus has deployed a release and DORA Lens has synced.',
        environments,
      };
    }
    const list = andList(environments.map((e) => e.name));
    // Reached through another channel (a hotfix straight to production, say): "never deployed" would be false.
    const through = otherChannelsTo(prepared, view);
    if (through.length > 0) {
      const channel = dims.channels[view.channel]?.name ?? '';
      return {
        kind: 'never-deployed',
        title: `No deployments to ${environment} in the ${channel} channel`,
        text: `${project} reached ${environment} through ${andList(through)}: pick it in the filters above. In the ${channel} channel it has deployments to ${list}:`,
        environments,
      };
    }
    return { kind: 'never-deployed', title: `Never deployed to ${environment}`, text: `${project} has deployments to ${list}. Pick an environment:`, environments };
  }
  const total = insights.summary.failureRate.total;
  if (total === 0 && insights.inProgress.count === 0 && rows === 0) {
    const range = formatDateRange(window.from, window.to, window.timeZone, window.to, locale);
    const since = insights.historyStart === null ? '' : ` Its history starts ${formatDate(insights.historyStart, window.timeZone, locale)}: try a longer range.`;
    return { kind: 'nothing-in-range', title: `Nothing deployed to ${environment} in ${range}`, text: `Deployments still queued or running count once they finish.${since}`, environments: [] };
  }
  if (insights.historyStart !== null && insights.historyStart > window.from) {
    const days = insights.summary.frequency.days;
    return { kind: 'numbers', history: `History starts ${formatDate(insights.historyStart, window.timeZone, locale)}: rates are over the ${formatCount(Math.round(days))} ${Math.round(days) === 1 ? 'day' : 'days'} since.` };
  }
  return { kind: 'numbers' };
}

/** "A", "A and B", "A, B and C". */
function andList(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The names of the project's other channels that deployed to the view's environment (any tenant), by name. */
function otherChannelsTo(prepared: PreparedHistory, view: ProjectView): string[] {
  const { streams } = prepared;
  const dims = prepared.history.dims;
  const seen = new Set<number>();
  for (let s = 0; s < streams.count; s++) {
    if (streams.project[s] === view.project && streams.environment[s] === view.environment && streams.channel[s] !== view.channel && streams.channel[s] >= 0) seen.add(streams.channel[s]);
  }
  return [...seen].map((c) => dims.channels[c].name).sort((a, b) => a.localeCompare(b));
}

/** The environments the project was deployed to in `channel` (-1: any; any tenant), in lifecycle order then by name. */
function deployedEnvironments(prepared: PreparedHistory, view: ProjectView, channel: number): { id: string; name: string }[] {
  const { streams } = prepared;
  const dims = prepared.history.dims;
  const seen = new Set<number>();
  for (let s = 0; s < streams.count; s++) {
    if (streams.project[s] === view.project && (channel < 0 || streams.channel[s] === channel) && streams.environment[s] >= 0) seen.add(streams.environment[s]);
  }
  const order = (e: number) => (view.environments.includes(e) ? view.environments.indexOf(e) : view.environments.length);
  return [...seen]
    .sort((a, b) => order(a) - order(b) || dims.environments[a].name.localeCompare(dims.environments[b].name))
    .map((e) => ({ id: dims.environments[e].id, name: dims.environments[e].name }));
}
