/** The deployments behind a metric, newest first, a page at a time. Server names are plain text. */
import { useState } from 'preact/hooks';
import { formatDateTime, formatDurationShort } from '@/lib/display/format';
import type { DeliveryMetric } from '@/lib/metrics/types';
import { REWORK_REASON_LABELS } from '@/lib/display/format';
import type { DeploymentRowList } from '@/lib/panel/panel-view';

const PAGE = 25;

export function DeploymentTable({ rows, focus, timeZone, caption }: { rows: DeploymentRowList; focus: DeliveryMetric; timeZone: string; caption: string }) {
  const [shown, setShown] = useState(PAGE);
  if (rows.length === 0) return <p class="muted">No deployments for this metric in the selected period.</p>;
  return (
    <div class="table-wrap">
      <table class="deployments" data-testid={`table-${focus}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Completed</th>
            <th scope="col">Release</th>
            <th scope="col">Tenant</th>
            <th scope="col">State</th>
            {focus === 'leadTime' && <th scope="col">Lead time</th>}
            {focus === 'leadTime' && <th scope="col">From release</th>}
            {focus === 'frequency' && <th scope="col">Since previous success</th>}
            {focus === 'failureRate' && <th scope="col">Why it counts as failed</th>}
            {focus === 'recovery' && <th scope="col">Time to recovery</th>}
            {focus === 'recovery' && <th scope="col">Recovered from</th>}
            {focus === 'reworkRate' && <th scope="col">Why it is rework</th>}
            <th scope="col">Deployment</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: Math.min(shown, rows.length) }, (_, k) => rows.at(k)).map((r) => (
            <tr key={r.deployment}>
              <td>{formatDateTime(r.completed, timeZone)}</td>
              <td>{r.release}</td>
              <td>{r.tenant ?? 'Untenanted'}</td>
              <td>{r.hadGuidedFailure && r.state === 'Success' ? 'Success (guided failure)' : r.state}</td>
              {focus === 'leadTime' && <td>{formatDurationShort(r.leadTimeMs)}</td>}
              {focus === 'leadTime' && <td>{r.leadTimeCalculatedFrom ?? '–'}</td>}
              {focus === 'frequency' && <td>{formatDurationShort(r.sincePreviousSuccessfulMs)}</td>}
              {focus === 'failureRate' && <td>{FAILURE_KIND[r.beyondOctopus.failureKind ?? 'taskFailed']}</td>}
              {focus === 'recovery' && <td>{formatDurationShort(r.timeToRecoveryMs)}</td>}
              {focus === 'recovery' && <td>{r.recoveryFromVersion ? `${r.recoveryFromVersion} (${r.deploymentsUntilRecovery} failed)` : '–'}</td>}
              {focus === 'reworkRate' && <td>{r.beyondOctopus.rework.map((reason) => REWORK_REASON_LABELS[reason]).join(', ')}</td>}
              <td>{r.deployment}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE * 4)}>
          Show more ({rows.length - shown} more)
        </button>
      )}
    </div>
  );
}

const FAILURE_KIND = { taskFailed: 'Task failed', guidedFailure: 'Guided failure', blocked: 'Release blocked (prevent progression)' } as const;
