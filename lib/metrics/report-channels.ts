import type { Dimensions } from './facts';

export interface ReportSelection {
  projectGroups?: readonly number[];
  projects?: readonly number[];
  channels?: readonly number[];
}

/**
 * The channels an Octopus Insights report covers (docs/octopus-api.md §1.7): the default channel of every
 * project in the selected project groups, the default channel of every selected project, and the explicitly
 * selected channels — a union, each channel once, ascending. Pass the result as
 * `DeploymentFilter.channels`.
 *
 * @example
 * reportChannels(dims, { projectGroups: [0], channels: [7] })
 * //=> [0, 2, 7]  (default channels of group 0's projects, plus channel 7)
 */
export function reportChannels(dims: Dimensions, selection: ReportSelection): number[] {
  const groups = new Set(selection.projectGroups ?? []);
  const projects = new Set(selection.projects ?? []);
  const chosen = new Set<number>(selection.channels ?? []);
  dims.channels.forEach((channel, c) => {
    if (!channel.isDefault) return;
    const project = dims.projects[channel.project];
    if (projects.has(channel.project) || (project && groups.has(project.group))) chosen.add(c);
  });
  return [...chosen].filter((c) => c >= 0 && c < dims.channels.length).sort((a, b) => a - b);
}
