/**
 * A project's latest configuration changes (deployment process, lifecycle, channels) for the before/after
 * picker, asked of the worker only when the user opens the picker: one request to Octopus then, none in a sync.
 */
import { useState } from 'preact/hooks';
import type { ProjectChangeInfo } from '@/lib/messages/protocol';
import { askWorker } from './ask-worker';

export interface ChangesTarget {
  server: string;
  space: string;
  /** `Projects-1`. */
  project: string;
  /** The project's lifecycle, `Lifecycles-2`: its changes count too. */
  lifecycle?: string;
}

export interface ProjectChanges {
  state: 'idle' | 'loading' | 'ready' | 'error';
  changes: ProjectChangeInfo[];
  error?: string;
  load: () => void;
}

export function useProjectChanges(target: ChangesTarget | undefined): ProjectChanges {
  const [state, setState] = useState<Omit<ProjectChanges, 'load'>>({ state: 'idle', changes: [] });
  const load = () => {
    if (!target) return;
    setState({ state: 'loading', changes: [] });
    askWorker({ type: 'project-changes', ...target }).then(
      (changes) => setState({ state: 'ready', changes }),
      (error: unknown) => setState({ state: 'error', changes: [], error: error instanceof Error ? error.message : String(error) }),
    );
  };
  return { ...state, load };
}
