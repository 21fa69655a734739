/**
 * Alerts after a background refresh: every followed project of a space the refresh just synced is judged on
 * its default view over the last 28 days (lib/panel/project-goals.ts); a slip that is news
 * (lib/goals/alert-decision.ts) becomes one notification, a line in the alerts log and one more on the
 * toolbar badge. Only spaces the refresh synced are judged — the refresh already asked that DORA Lens is
 * enabled for the server and that the user signed in there is the cache's (lib/sync/refresh.ts) — and
 * nothing is sent anywhere: the figures come from the cache, the notification is the browser's.
 */
import { decideAlert } from '@/lib/goals/alert-decision';
import { effectiveTargets, type GoalTargets } from '@/lib/goals/goal-targets';
import { alertText } from '@/lib/display/goal-text';
import { findProject, type ViewSettings } from '@/lib/panel/project-view';
import { projectGoalCheck } from '@/lib/panel/project-goals';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { AlertRecord, AlertsDocument, AlertsOwner } from '@/lib/store/alerts-store';
import type { FollowedProject, GoalsOwner, ProjectSettings } from '@/lib/store/goals-store';

/** A space the refresh synced, and whose cache it was. */
export interface RefreshedSpace {
  server: string;
  userId: string;
  space: string;
}

/** The browser around the decision, injected so the rules can be tested without one. */
export interface AlertDeps {
  now: number;
  /** The user's local date, `YYYY-MM-DD` (once per project per local day). */
  today: string;
  settings: ViewSettings & { blockedIsFailure: boolean };
  followed: () => Promise<FollowedProject[]>;
  spaceGoals: (owner: GoalsOwner) => Promise<GoalTargets>;
  projectSettings: (owner: GoalsOwner, projectId: string) => Promise<ProjectSettings>;
  /** The space's cached history, prepared with the user's blocked-release option (only the project's part is needed). */
  prepared: (owner: GoalsOwner, projectId: string, blockedIsFailure: boolean) => Promise<PreparedHistory | undefined>;
  updateAlerts: (owner: AlertsOwner, change: (alerts: AlertsDocument) => AlertsDocument) => Promise<AlertsDocument>;
  notify: (id: string, text: { title: string; message: string }) => Promise<void>;
}

const sameSpace = (a: RefreshedSpace, b: RefreshedSpace) => a.server === b.server && a.userId === b.userId && a.space === b.space;

/** Raises the alerts the refresh of `refreshed` calls for; returns the alerts raised. */
export async function raiseAlerts(refreshed: readonly RefreshedSpace[], deps: AlertDeps): Promise<AlertRecord[]> {
  const raised: AlertRecord[] = [];
  for (const project of await deps.followed()) {
    if (!refreshed.some((r) => sameSpace(r, project))) continue;
    try {
      const record = await checkProject(project, deps);
      if (record) raised.push(record);
    } catch (error) {
      // One project's broken cache does not keep the others' alerts back.
      console.error(`DORA Lens: checking the goals of ${project.projectId} failed`, error);
    }
  }
  return raised;
}

async function checkProject(project: FollowedProject, deps: AlertDeps): Promise<AlertRecord | undefined> {
  const owner: GoalsOwner = { server: project.server, userId: project.userId, space: project.space };
  const settings = await deps.projectSettings(owner, project.projectId);
  const targets = effectiveTargets(await deps.spaceGoals(owner), settings.goals);
  if (Object.keys(targets).length === 0) return undefined;
  const prepared = await deps.prepared(owner, project.projectId, deps.settings.blockedIsFailure);
  const index = prepared ? findProject(prepared.history.dims, project.projectId) : -1;
  if (!prepared || index < 0) return undefined;
  const check = projectGoalCheck(prepared, index, targets, settings.hotfixChannels, deps.settings, deps.now);
  const name = prepared.history.dims.projects[index].name;
  const key = `${project.space}/${project.projectId}`;
  let record: AlertRecord | undefined;
  await deps.updateAlerts({ server: project.server, userId: project.userId }, (alerts) => {
    const decision = decideAlert(alerts.projects[key], check.finding, deps.today);
    const projects = { ...alerts.projects, [key]: { ...decision.state, checkedAt: deps.now } };
    if (!decision.notify) return { ...alerts, projects };
    const text = alertText(name, check.environment, decision.newlyMissed, decision.openRunNew ? check.finding.openRunMs : null, targets.recovery ?? null);
    record = {
      id: `dora-lens-alert:${deps.now}:${project.server}:${key}`,
      at: deps.now,
      server: project.server,
      space: project.space,
      projectId: project.projectId,
      projectName: name,
      ...text,
      read: false,
    };
    return { ...alerts, projects, log: [record, ...alerts.log] };
  });
  if (record) await deps.notify(record.id, { title: record.title, message: record.message });
  return record;
}

/**
 * The local date of `now` in `timeZone`, `YYYY-MM-DD`.
 *
 * @example
 * localDate(Date.UTC(2026, 11, 3, 23, 30), 'Asia/Tokyo') //=> '2026-12-04'
 */
export function localDate(now: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
