import { DAY_MS, type ReworkReason } from './constants';
import type { ValueMetric } from './prepare';
import { summarizeSorted } from './summarize-sorted';
import type { PeriodMetrics } from './types';
import { wilsonInterval } from './wilson-interval';

export interface PeriodCounts {
  from: number;
  to: number;
  /** Successful deployments by the task's own outcome (frequency), blocked releases' included. */
  successful: number;
  taskFailed: number;
  guidedFailure: number;
  /** Those of `successful` that count as failures in the failure rate (release blocked, option on). */
  blocked: number;
  canceled: number;
  timedOut: number;
  /** Counted deployments that are rework, each once. */
  rework: number;
  /** Rework deployments per reason. */
  reworkReasons: Record<ReworkReason, number>;
  /** Each metric's values in ascending order. */
  values: Record<ValueMetric, ArrayLike<number>>;
}

/**
 * The Insights figures of one period from its counts and sorted values:
 * - deployment frequency = successful deployments (the task's own outcome), also per day and per week over
 *   the exact period length;
 * - failure rate = failed / (successful + failed) as Octopus's overview reads it: failed = task Failed +
 *   Success with guided failure + Success of a blocked release (option), each deployment counted once in the
 *   denominator; with a Wilson 95 % interval (ours);
 * - deployment rework rate (ours, DORA's fifth metric) = rework / (successful + failed), the failure rate's
 *   denominator, with a Wilson 95 % interval;
 * - lead time, time since previous success, time to recovery, deployments until recovery, deployment
 *   duration and queue time as count / mean / median / p95 / min / max (plus ours).
 *
 * @example
 * periodMetrics({ from: 0, to: 7 * 86_400_000, successful: 14, taskFailed: 1, guidedFailure: 1, blocked: 0, canceled: 2, timedOut: 0, rework: 3, reworkReasons, values })
 * //=> { days: 7, frequency: { successful: 14, perDay: 2, perWeek: 14 }, failureRate: { failed: 2, total: 16, rate: 0.125, … }, … }
 */
export function periodMetrics(c: PeriodCounts): PeriodMetrics {
  const days = (c.to - c.from) / DAY_MS;
  const failed = c.taskFailed + c.guidedFailure + c.blocked;
  const total = c.successful + c.taskFailed + c.guidedFailure;
  return {
    from: c.from,
    to: c.to,
    days,
    frequency: {
      successful: c.successful,
      perDay: days > 0 ? c.successful / days : 0,
      perWeek: days > 0 ? (c.successful / days) * 7 : 0,
    },
    failureRate: {
      successful: c.successful - c.blocked,
      failed,
      taskFailed: c.taskFailed,
      guidedFailure: c.guidedFailure,
      blocked: c.blocked,
      total,
      rate: total > 0 ? failed / total : null,
      beyondOctopus: {
        wilson95: wilsonInterval(failed, total),
        excluded: { canceled: c.canceled, timedOut: c.timedOut },
      },
    },
    leadTime: summarizeSorted(c.values.leadTime),
    sincePrevious: summarizeSorted(c.values.sincePrevious),
    recovery: summarizeSorted(c.values.recovery),
    deploymentsUntilRecovery: summarizeSorted(c.values.deploymentsUntilRecovery),
    duration: summarizeSorted(c.values.duration),
    queueTime: summarizeSorted(c.values.queueTime),
    beyondOctopus: {
      reworkRate: {
        rework: c.rework,
        total,
        rate: total > 0 ? c.rework / total : null,
        wilson95: wilsonInterval(c.rework, total),
        reasons: { ...c.reworkReasons },
      },
    },
  };
}
