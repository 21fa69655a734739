import { lowerBound } from './lower-bound';
import type { PreparedHistory } from './prepare';
import type { Insights } from './types';

/** How many in-progress deployments a list keeps (the counts are complete). */
export const IN_PROGRESS_LIST_LIMIT = 1000;

/**
 * Deployments passing the mask that exist at `now` (not created after it) but had not finished by then: no
 * completion time, or one at or after `now`. They count in no rate and no duration; a failure run followed
 * only by such deployments stays open. `executing` = started before `now`, `queued` = the rest (including
 * deployments scheduled for later).
 *
 * @example
 * inProgress(prepared, mask, now)
 * //=> { count: 3, queued: 1, executing: 2, deployments: [812, 813, 815] }
 */
export function inProgress(p: PreparedHistory, mask: Uint8Array, now: number): Insights['inProgress'] {
  const d = p.history.deployments;
  const out: Insights['inProgress'] = { count: 0, queued: 0, executing: 0, deployments: [] };
  const visit = (i: number) => {
    if (mask[p.stream[i]] === 0 || d.created[i] >= now) return;
    out.count++;
    if (d.started[i] < now) out.executing++;
    else out.queued++;
    if (out.deployments.length < IN_PROGRESS_LIST_LIMIT) out.deployments.push(i);
  };
  for (let j = 0; j < p.unfinished.length; j++) visit(p.unfinished[j]);
  const rows = p.byCompleted;
  for (let j = lowerBound(rows, d.completed, now); j < rows.length; j++) visit(rows[j]);
  return out;
}
