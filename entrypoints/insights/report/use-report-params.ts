/**
 * The report view's state, kept in this tab's own URL hash (`history.replaceState`, no navigation), so
 * reloading restores it and the address bar is a shareable link. Other hash parameters (server, space,
 * view, theme) are left as they are.
 */
import { useState } from 'preact/hooks';
import { type ReportParams, readReportParams, writeReportParams } from '@/lib/report/report-params';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function useReportParams(now: number): [ReportParams, (patch: Partial<ReportParams>) => void] {
  const [params, setParams] = useState(() => readReportParams(new URLSearchParams(location.hash.slice(1))));
  const update = (patch: Partial<ReportParams>) => {
    const next: ReportParams = { ...params, ...patch };
    // Switching to a custom range starts from the last 30 days, which the user then adjusts.
    if (next.range === 'custom' && (!next.from || !next.to)) {
      next.from = isoDay(now - 30 * DAY);
      next.to = isoDay(now);
    }
    if (next.range !== 'custom') {
      next.from = undefined;
      next.to = undefined;
    }
    if (next.from && next.to && next.from > next.to) [next.from, next.to] = [next.to, next.from];
    setParams(next);
    const hash = writeReportParams(next, new URLSearchParams(location.hash.slice(1)));
    history.replaceState(null, '', `#${hash.toString()}`);
  };
  return [params, update];
}
