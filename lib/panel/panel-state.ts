/**
 * What the panel shows for its view: the numbers, or one clear empty state instead of zeros, "No tier" badges
 * and "not enough deployments" lines — a project never deployed at all, never to this environment (with the
 * environments it was deployed to, to pick from), deployed there or at all only through other channels (a
 * hotfix channel straight to Production: those channels to pick), or nothing in this range. And, with the
 * numbers, where the view's history starts when the range reaches further back. Pure: the view's insights
 * in, words out.
 */
import { formatCount, formatDate, formatDateRange } from '@/lib/display/format';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { Insights } from '@/lib/metrics/types';
import type { ProjectView } from './project-view';

/** A channel to switch to from an empty view, with the environment to keep (absent: the channel's own default). */
export interface ChannelChoice {
  id: string;
  name: string;
  environment?: string;
}

export type PanelState =
  /** Nothing was ever deployed matching the view's project, channel, environment and tenant. */
  | { kind: 'never-deployed'; title: string; text: string; environments: { id: string; name: string }[]; channels: ChannelChoice[] }
  /** The view has history, but nothing finished in the range. */
  | { kind: 'nothing-in-range'; title: string; text: string; environments: []; channels: [] }
  | { kind: 'numbers'; history?: string };

/**
 * @example
 * panelState(prepared, view, insights, rows.length, 'en-GB')
 * //=> { kind: 'never-deployed', title: 'Never deployed to Production', text: 'Storefront has deployments to Dev and Test. Pick an environment:', environments: [{ id: 'Environments-1', name: 'Dev' }, …], channels: [] }
 */
export function panelState(prepared: PreparedHistory, view: ProjectView, insights: Insights, rows: number, locale?: string): PanelState {
  const dims = prepared.history.dims;
  const project = dims.projects[view.project].name;
  const environment = dims.environments[view.environment]?.name ?? 'this environment';
  const { window } = insights;
  if (insights.historyStart === null && insights.inProgress.count === 0) {
    const environments = deployedEnvironments(prepared, view, view.channel);
    const channel = dims.channels[view.channel]?.name ?? '';
    if (environments.length === 0) {
      const others = otherChannels(prepared, view, -1);
      if (others.length > 0) {
        return { kind: 'never-deployed', title: `No deployments in the ${channel} channel`, text: `${project} was deployed through its other channels. Pick one:`, environments, channels: others };
      }
      return {
        kind: 'never-deployed',
        title: `${project} has never been deployed`,
        text: 'There are no deployments of this project in your synced data yet. Its numbers appear here once Octopus has deployed a release and DORA Lens has synced.',
        environments,
        channels: [],
      };
    }
    // Reached through another channel (a hotfix straight to production, say): "never deployed" would be false.
    const through = otherChannels(prepared, view, view.environment);
    if (through.length > 0) {
      return {
        kind: 'never-deployed',
        title: `No deployments to ${environment} in the ${channel} channel`,
        text: `${project} reached ${environment} through ${andList(through.map((c) => c.name))}. Pick ${through.length === 1 ? 'that channel' : 'one of those channels'}, or an environment of the ${channel} channel:`,
        environments,
        channels: through.map((c) => ({ ...c, environment: dims.environments[view.environment].id })),
      };
    }
    const list = andList(environments.map((e) => e.name));
    return { kind: 'never-deployed', title: `Never deployed to ${environment}`, text: `${project} has deployments to ${list}. Pick an environment:`, environments, channels: [] };
  }
  const total = insights.summary.failureRate.total;
  if (total === 0 && insights.inProgress.count === 0 && rows === 0) {
    const range = formatDateRange(window.from, window.to, window.timeZone, window.to, locale);
    const since = insights.historyStart === null ? '' : ` Its history starts ${formatDate(insights.historyStart, window.timeZone, locale)}: try a longer range.`;
    return { kind: 'nothing-in-range', title: `Nothing deployed to ${environment} in ${range}`, text: `Deployments still queued or running count once they finish.${since}`, environments: [], channels: [] };
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

/** The project's other channels that deployed to `environment` (-1: anywhere; any tenant), by name. */
function otherChannels(prepared: PreparedHistory, view: ProjectView, environment: number): { id: string; name: string }[] {
  const { streams } = prepared;
  const dims = prepared.history.dims;
  const seen = new Set<number>();
  for (let s = 0; s < streams.count; s++) {
    const c = streams.channel[s];
    if (streams.project[s] === view.project && c !== view.channel && c >= 0 && (environment < 0 ? streams.environment[s] >= 0 : streams.environment[s] === environment)) seen.add(c);
  }
  return [...seen].map((c) => ({ id: dims.channels[c].id, name: dims.channels[c].name })).sort((a, b) => a.name.localeCompare(b.name));
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
