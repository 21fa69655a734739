/**
 * The report page's view state in its URL hash (`insights.html#server=…&space=…&view=report&report=…`),
 * so reloading keeps the view and the address can be shared: which report, the range and granularity (the
 * panel's own parameters and rules, lib/panel/panel-params.ts), the split, and the metric of the trend lists
 * and rankings. Malformed values fall back to defaults: a hand-edited link must not break the page.
 */
import { DELIVERY_METRICS } from '@/lib/display/metric-names';
import type { DeliveryMetric } from '@/lib/metrics/types';
import { customRangeStart, DEFAULT_PARAMS, type PanelParams, readPanelParams, writePanelParams } from '@/lib/panel/panel-params';
import { PRODUCTION_ID } from './report-definition';
import { SPLIT_KINDS, type SplitKind } from './split-groups';

export interface ReportParams extends Pick<PanelParams, 'range' | 'from' | 'to' | 'granularity'> {
  report: string;
  split: SplitKind | 'none';
  /** Tag set of a tenant-tag split. */
  tagSet?: string;
  /** The metric the trend lists and rankings show. */
  metric: DeliveryMetric;
}

/**
 * A report opens on every project's production environment over the last 30 days, daily: the toolbar popup's
 * scope and window, so "Open space report" shows the popup's numbers first.
 */
export const DEFAULT_REPORT_PARAMS: ReportParams = {
  report: PRODUCTION_ID,
  split: 'none',
  metric: 'frequency',
  range: 'last30Days',
  granularity: 'day',
};
const REPORT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function readReportParams(search: URLSearchParams): ReportParams {
  const panel = readPanelParams(search);
  // The report's own defaults where the address says nothing (the panel's differ).
  const params: ReportParams = {
    ...DEFAULT_REPORT_PARAMS,
    ...(search.get('range') === panel.range ? { range: panel.range, from: panel.from, to: panel.to } : {}),
    ...(search.get('granularity') === panel.granularity ? { granularity: panel.granularity } : {}),
  };
  const report = search.get('report');
  if (report && REPORT_ID.test(report)) params.report = report;
  const split = search.get('split');
  if (split && (SPLIT_KINDS as string[]).includes(split)) params.split = split as SplitKind;
  const tagSet = search.get('tagSet');
  if (params.split === 'tenantTag') {
    if (tagSet && tagSet.length <= 100) params.tagSet = tagSet;
    else params.split = 'none';
  }
  const metric = search.get('metric');
  if (metric && (DELIVERY_METRICS as string[]).includes(metric)) params.metric = metric as DeliveryMetric;
  return params;
}

/** Writes the view into `into` (keeping `server`, `space`, `view` and anything else), defaults left out. */
export function writeReportParams(params: ReportParams, into = new URLSearchParams()): URLSearchParams {
  writePanelParams({ range: params.range, from: params.from, to: params.to, granularity: params.granularity, tenant: DEFAULT_PARAMS.tenant }, into);
  const set = (key: string, value: string | undefined, fallback?: string) => {
    if (value === undefined || value === fallback) into.delete(key);
    else into.set(key, value);
  };
  set('range', params.range, DEFAULT_REPORT_PARAMS.range);
  set('granularity', params.granularity, DEFAULT_REPORT_PARAMS.granularity);
  set('report', params.report, DEFAULT_REPORT_PARAMS.report);
  set('split', params.split, DEFAULT_REPORT_PARAMS.split);
  set('tagSet', params.split === 'tenantTag' ? params.tagSet : undefined);
  set('metric', params.metric, DEFAULT_REPORT_PARAMS.metric);
  return into;
}

/**
 * The report's view after a change: switching to a custom range starts from the last 30 days, which the user
 * then adjusts; leaving it drops the dates; dates given in the wrong order are swapped.
 *
 * @example
 * nextReportParams(DEFAULT_REPORT_PARAMS, { range: 'custom', from: '2026-03-01', to: '2026-01-01' }, now)
 * //=> { ...DEFAULT_REPORT_PARAMS, range: 'custom', from: '2026-01-01', to: '2026-03-01' }
 */
export function nextReportParams(params: ReportParams, patch: Partial<ReportParams>, now: number): ReportParams {
  const next: ReportParams = { ...params, ...patch };
  if (next.range === 'custom' && (!next.from || !next.to)) Object.assign(next, customRangeStart(now));
  if (next.range !== 'custom') {
    next.from = undefined;
    next.to = undefined;
  }
  if (next.from && next.to && next.from > next.to) [next.from, next.to] = [next.to, next.from];
  return next;
}
