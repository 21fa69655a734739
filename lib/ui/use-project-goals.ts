/**
 * A project panel's goals: the targets that apply to the project (the space's, with its overrides), its
 * hotfix channels as the query wants them, whether the user follows it, and the goals editor's state and
 * save. Saving writes the space's targets and the project's settings (lib/store/goals-store.ts).
 */
import { useMemo, useState } from 'preact/hooks';
import { type GoalFormRow, goalFormRows, readGoalForm } from '@/lib/display/goal-form';
import { errorText, type StatusNote } from '@/lib/display/status-note';
import { effectiveTargets, type GoalTargets } from '@/lib/goals/goal-targets';
import type { Dimensions } from '@/lib/metrics/facts';
import { hotfixChannelIndices } from '@/lib/panel/project-goals';
import type { GoalsOwner } from '@/lib/store/goals-store';
import { useGoals } from './use-goals';

export interface ProjectGoals {
  loaded: boolean;
  targets: GoalTargets;
  /** Channel indices of the project's hotfix channels. */
  hotfixChannels: number[];
  hotfixIds: string[];
  following: boolean;
  problems: string[];
  editor: { open: boolean; rows: GoalFormRow[]; errors: Partial<Record<GoalFormRow['metric'], string>>; status?: StatusNote };
  openEditor: (open: boolean) => void;
  save: (rows: GoalFormRow[], hotfix: string[]) => void;
  toggleFollow: () => void;
  followStatus?: StatusNote;
}

export function useProjectGoals(owner: GoalsOwner, dims: Dimensions, project: number): ProjectGoals {
  const goals = useGoals(owner);
  const projectId = dims.projects[project]?.id ?? '';
  const name = dims.projects[project]?.name ?? projectId;
  const settings = goals.projects.get(projectId) ?? {};
  const targets = useMemo(() => effectiveTargets(goals.space, settings.goals), [goals.space, settings.goals]);
  const hotfixChannels = useMemo(() => hotfixChannelIndices(dims, settings.hotfixChannels), [dims, settings.hotfixChannels]);
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<ProjectGoals['editor']['errors']>({});
  const [status, setStatus] = useState<StatusNote>();
  const [followStatus, setFollowStatus] = useState<StatusNote>();

  const save = (rows: GoalFormRow[], hotfix: string[]) => {
    const read = readGoalForm(rows);
    if (!read.ok) {
      setErrors(read.errors);
      setStatus({ tone: 'error', text: 'Nothing was saved: correct the goals marked above.' });
      return;
    }
    setErrors({});
    Promise.all([goals.saveSpace(read.space), goals.updateProject(projectId, { name, goals: read.project, hotfixChannels: hotfix })]).then(
      ([area]) => setStatus({ tone: 'success', text: area === 'sync' ? 'Goals saved; they follow you to your other browsers where the browser syncs.' : 'Goals saved in this browser.' }),
      (error: unknown) => setStatus({ tone: 'error', text: `The goals were not saved: ${errorText(error)}` }),
    );
  };

  const toggleFollow = () => {
    const follow = !settings.follow;
    goals.updateProject(projectId, { name, follow }).then(
      () => setFollowStatus({ tone: 'success', text: follow ? `Following ${name}: an alert when it misses a goal (turn alerts on in Options).` : `No longer following ${name}.` }),
      (error: unknown) => setFollowStatus({ tone: 'error', text: `Not saved: ${errorText(error)}` }),
    );
  };

  return {
    loaded: goals.loaded,
    targets,
    hotfixChannels,
    hotfixIds: settings.hotfixChannels ?? [],
    following: settings.follow ?? false,
    problems: goals.problems,
    editor: { open, rows: goalFormRows(goals.space, settings.goals), errors, status },
    openEditor: (next) => {
      setOpen(next);
      setStatus(undefined);
      setErrors({});
    },
    save,
    toggleFollow,
    followStatus,
  };
}
