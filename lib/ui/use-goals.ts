/**
 * A space's goals and its projects' settings (lib/store/goals-store.ts), live: a change in any page — or
 * from another device, through storage.sync — re-renders every open one. The panel and the report read
 * the same space goals; the panel also edits its project's overrides, hotfix channels and follow.
 */
import { useEffect, useState } from 'preact/hooks';
import type { GoalTargets } from '@/lib/goals/goal-targets';
import { type GoalsOwner, type ProjectSettings, readSpaceGoals, readSpaceProjects, saveSpaceGoals, updateProjectSettings, watchGoals } from '@/lib/store/goals-store';

export interface SpaceGoals {
  loaded: boolean;
  space: GoalTargets;
  /** Stored settings by project id. */
  projects: Map<string, ProjectSettings>;
  /** What could not be read from storage. */
  problems: string[];
  saveSpace: (targets: GoalTargets) => Promise<'sync' | 'local'>;
  updateProject: (projectId: string, patch: ProjectSettings) => Promise<ProjectSettings>;
}

export function useGoals(owner: GoalsOwner): SpaceGoals {
  const { server, userId, space } = owner;
  const [state, setState] = useState<Pick<SpaceGoals, 'loaded' | 'space' | 'projects' | 'problems'>>({ loaded: false, space: {}, projects: new Map(), problems: [] });
  useEffect(() => {
    let live = true;
    const load = async () => {
      const [goals, projects] = await Promise.all([readSpaceGoals({ server, userId, space }), readSpaceProjects({ server, userId, space })]);
      if (live) setState({ loaded: true, space: goals.value, projects: projects.projects, problems: [...goals.problems, ...projects.problems] });
    };
    void load();
    const stop = watchGoals({ server, userId, space }, () => void load());
    return () => {
      live = false;
      stop();
    };
  }, [server, userId, space]);
  return {
    ...state,
    saveSpace: (targets) => saveSpaceGoals({ server, userId, space }, targets),
    updateProject: (projectId, patch) => updateProjectSettings({ server, userId, space }, projectId, patch),
  };
}
