/** The panel's project is not in the cache: Octopus is asked whether the user may see it, and the page says which. */
import { ErrorNotice, ProjectNotInCache } from '@/components/InsightsNotices';
import { useProjectAccess } from '@/lib/ui/use-project-access';

export function ProjectAccessNotice({ server, space, project, onSync }: { server: string; space: string; project: string; onSync: () => void }) {
  const answer = useProjectAccess(server, space, project);
  if (answer.state === 'failed') return <ErrorNotice error={answer.error} onRetry={onSync} />;
  return <ProjectNotInCache access={answer.state === 'asking' ? 'asking' : answer.access} onSync={onSync} />;
}
