/** The releases with the most impact in the period: most failed deployments, longest recoveries. */
import type { ReleaseEntryView } from '@/lib/report/report-view';

export interface ReportReleasesProps {
  mostFailures: ReleaseEntryView[];
  longestRecovery: ReleaseEntryView[];
}

function Entries({ entries, testId, empty }: { entries: ReleaseEntryView[]; testId: string; empty: string }) {
  if (entries.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ol class="ranking-list" data-testid={testId}>
      {entries.map((e) => (
        <li key={e.key} data-project-id={e.projectId}>
          <span>
            <strong>{e.version}</strong>{' '}
            {e.href ? (
              <a href={e.href} target="_blank" rel="noopener noreferrer" data-testid="drill-down">
                {e.project}
              </a>
            ) : (
              e.project
            )}
          </span>
          <span class="ranking-value" data-value={e.value}>
            {e.figure}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function ReportReleases({ mostFailures, longestRecovery }: ReportReleasesProps) {
  return (
    <div class="rankings">
      <div>
        <h4>Most failed deployments</h4>
        <Entries entries={mostFailures} testId="releases-failures" empty="No failed deployments in this period." />
      </div>
      <div>
        <h4>Longest time to recovery</h4>
        <Entries entries={longestRecovery} testId="releases-recovery" empty="No recoveries in this period." />
      </div>
    </div>
  );
}
