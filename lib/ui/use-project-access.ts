/** Whether Octopus lets the signed-in user see a project, asked of the worker (which holds the session). */
import { useEffect, useState } from 'preact/hooks';
import type { ProjectAccess, SyncError } from '@/lib/messages/protocol';
import { askWorker, WorkerError } from './ask-worker';

export type ProjectAccessState = { state: 'asking' } | { state: 'answered'; access: ProjectAccess } | { state: 'failed'; error: SyncError };

export function useProjectAccess(server: string, space: string, project: string): ProjectAccessState {
  const [answer, setAnswer] = useState<ProjectAccessState>({ state: 'asking' });
  useEffect(() => {
    let cancelled = false;
    setAnswer({ state: 'asking' });
    askWorker({ type: 'project-access', server, space, project }).then(
      ({ access }) => !cancelled && setAnswer({ state: 'answered', access }),
      (error: unknown) =>
        !cancelled &&
        setAnswer({ state: 'failed', error: error instanceof WorkerError ? error.detail : { kind: 'unexpected', message: String(error), transient: true } }),
    );
    return () => {
      cancelled = true;
    };
  }, [server, space, project]);
  return answer;
}
