/**
 * The report view's state, kept in this tab's own URL hash (`history.replaceState`, no navigation), so
 * reloading restores it and the address bar is a shareable link. Other hash parameters (server, space,
 * view, theme) are left as they are.
 */
import { useState } from 'preact/hooks';
import { nextReportParams, type ReportParams, readReportParams, writeReportParams } from '@/lib/report/report-params';

export function useReportParams(now: number): [ReportParams, (patch: Partial<ReportParams>) => void] {
  const [params, setParams] = useState(() => readReportParams(new URLSearchParams(location.hash.slice(1))));
  const update = (patch: Partial<ReportParams>) => {
    const next = nextReportParams(params, patch, now);
    setParams(next);
    const hash = writeReportParams(next, new URLSearchParams(location.hash.slice(1)));
    history.replaceState(null, '', `#${hash.toString()}`);
  };
  return [params, update];
}
