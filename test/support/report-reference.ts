/**
 * Split figures of a space report computed straight from the emulator's ground truth and the published
 * definitions (docs/octopus-api.md §1.2, §1.7), independently of lib/metrics and lib/report, for the
 * browser test to compare the page with:
 * - successful (frequency) = task Success with no guided failure, whatever its release; failed (the
 *   failure rate's numerator) = task Failed, or Success with a guided failure, or — `blockedIsFailure`,
 *   default on — Success of a release blocked by prevent progression ("marked as 'Do not promote'");
 *   total (the denominator) = every deployment that finished Success or Failed, once; Canceled, TimedOut
 *   and unfinished deployments count in none of them;
 * - a deployment is in the period when it completed in `[from, to)`;
 * - releases: default channels of the chosen project groups' projects and of the chosen projects, plus the
 *   chosen channels (every project's default channel when nothing is chosen); environments: the union of
 *   the groups (all when none); tenants: the mode, then chosen tenants or tags (any tag within a tag set,
 *   every set named);
 * - split groups: the deployment's project, project group, environment, environment group, tenant
 *   (`untenanted`), or each of its tenant's tags in the set (`untenanted`, `no-tag`).
 */
import type { HistoryFile } from '../emulator/history-file';
import { expectedSpace } from './ground-truth';

export interface ReferenceReport {
  projectGroupIds: string[];
  projectIds: string[];
  channelIds: string[];
  environmentGroups: { name: string; environmentIds: string[] }[];
  tenantMode: 'TenantedAndUntenanted' | 'Tenanted' | 'Untenanted';
  tenantIds: string[];
  tenantTags: string[];
}

export type ReferenceSplit = 'project' | 'projectGroup' | 'environment' | 'environmentGroup' | 'tenant' | { tagSet: string };

export interface ReferenceFigures {
  successful: number;
  failed: number;
  /** Successful + failed, each deployment once (a blocked release's success is in both of them). */
  total: number;
  /** Finished in the period but in no rate (Canceled, TimedOut). */
  excluded: number;
}

const empty = (): ReferenceFigures => ({ successful: 0, failed: 0, total: 0, excluded: 0 });

/** UTC ms of midnight starting `date` (`YYYY-MM-DD`) in `timeZone`, found by correcting a guess with the zone's wall clock. */
export function localMidnight(date: string, timeZone: string): number {
  const target = Date.parse(`${date}T00:00:00Z`);
  const wall = (t: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(t)
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  };
  let guess = target;
  for (let k = 0; k < 3; k++) guess += target - wall(guess);
  return guess;
}

/** `[from, to)` of a custom range of whole local days, `to` inclusive. */
export function customWindow(from: string, to: string, timeZone: string): { from: number; to: number } {
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: localMidnight(from, timeZone), to: localMidnight(next, timeZone) };
}

export interface ReferenceOptions {
  history: HistoryFile;
  space: string;
  report: ReferenceReport;
  window: { from: number; to: number };
  split: ReferenceSplit | 'none';
  /** Deployment ids the user may see (every deployment when omitted). */
  visibleDeployments?: Set<string>;
  /** Successes of blocked releases count as failed in the failure rate. Default `true`. */
  blockedIsFailure?: boolean;
}

/** Figures per split group key, plus `total` for the whole report. */
export function referenceSplit(options: ReferenceOptions): Map<string, ReferenceFigures> {
  const space = options.history.Spaces.find((s) => s.Space.Id === options.space)!;
  const visible = options.visibleDeployments ? { deployments: options.visibleDeployments, releases: new Set(space.Releases.map((r) => r.Id)) } : undefined;
  const truth = expectedSpace(options.history, options.space, visible);
  const report = options.report;
  const projects = new Map(space.Projects.map((p) => [p.Id, p]));
  const blocked = new Set(truth.releases.filter((r) => r.blocked).map((r) => r.id));
  const blockedIsFailure = options.blockedIsFailure ?? true;

  const channels = new Set<string>(report.channelIds);
  const nothingChosen = report.projectGroupIds.length === 0 && report.projectIds.length === 0 && report.channelIds.length === 0;
  for (const channel of space.Channels) {
    if (!channel.IsDefault) continue;
    const project = projects.get(channel.ProjectId);
    if (nothingChosen || report.projectIds.includes(channel.ProjectId) || (project && report.projectGroupIds.includes(project.ProjectGroupId))) channels.add(channel.Id);
  }
  const environments = report.environmentGroups.length ? new Set(report.environmentGroups.flatMap((g) => g.environmentIds)) : null;
  const tenantTags = new Map(space.Tenants.map((t) => [t.Id, t.TenantTags]));
  const tagRule = (tags: string[]) => {
    const sets = new Map<string, string[]>();
    for (const tag of report.tenantTags) sets.set(tag.split('/')[0], [...(sets.get(tag.split('/')[0]) ?? []), tag]);
    return sets.size > 0 && [...sets.values()].every((wanted) => wanted.some((w) => tags.includes(w)));
  };
  const tenantPasses = (tenant: string | null) => {
    if (tenant === null) return report.tenantMode !== 'Tenanted';
    if (report.tenantMode === 'Untenanted') return false;
    if (report.tenantIds.length === 0 && report.tenantTags.length === 0) return true;
    return report.tenantIds.includes(tenant) || tagRule(tenantTags.get(tenant) ?? []);
  };

  const keys = (d: (typeof truth.deployments)[number]): string[] => {
    const split = options.split;
    if (split === 'none') return [];
    if (split === 'project') return [d.project];
    if (split === 'projectGroup') return [projects.get(d.project)!.ProjectGroupId];
    if (split === 'environment') return [d.environment];
    if (split === 'environmentGroup') return report.environmentGroups.filter((g) => g.environmentIds.includes(d.environment)).map((g) => g.name);
    if (split === 'tenant') return [d.tenant ?? 'untenanted'];
    if (d.tenant === null) return ['untenanted'];
    const mine = (tenantTags.get(d.tenant) ?? []).filter((tag) => tag.startsWith(`${split.tagSet}/`));
    return mine.length ? mine : ['no-tag'];
  };

  const out = new Map<string, ReferenceFigures>([['total', empty()]]);
  for (const d of truth.deployments) {
    if (d.completed === null || d.completed < options.window.from || d.completed >= options.window.to) continue;
    if (!channels.has(d.channel) || (environments && !environments.has(d.environment)) || !tenantPasses(d.tenant)) continue;
    const finished = d.state === 'Success' || d.state === 'Failed';
    if (!finished && d.state !== 'Canceled' && d.state !== 'TimedOut') continue;
    const successful = d.state === 'Success' && !d.guidedFailure;
    const failed = (finished && !successful) || (successful && blockedIsFailure && blocked.has(d.release));
    for (const key of ['total', ...keys(d)]) {
      const f = out.get(key) ?? empty();
      if (!finished) f.excluded++;
      else {
        f.total++;
        if (successful) f.successful++;
        if (failed) f.failed++;
      }
      out.set(key, f);
    }
  }
  return out;
}
