/**
 * The address of the space report page (the extension's insights page as a tab) for an Octopus server and
 * space, optionally opening a given report and view. Pure — the caller passes the page's own URL
 * (`browser.runtime.getURL('/insights.html')`). Only the worker opens it (with a single-use `ticket` that
 * tells the page the extension opened it: lib/trust/opened-pages.ts).
 *
 * @example
 * reportPageUrl('chrome-extension://abc/insights.html', 'https://octopus.example.com', 'Spaces-1')
 * //=> 'chrome-extension://abc/insights.html#server=https%3A%2F%2Foctopus.example.com&space=Spaces-1&view=report'
 */
import { DEFAULT_REPORT_PARAMS, type ReportParams, writeReportParams } from './report-params';

export function reportPageUrl(pageUrl: string, server: string, space: string, view: Partial<ReportParams> & { ticket?: string } = {}): string {
  const { ticket, ...rest } = view;
  const hash = writeReportParams({ ...DEFAULT_REPORT_PARAMS, ...rest }, new URLSearchParams({ server, space, view: 'report' }));
  if (ticket) hash.set('ticket', ticket);
  return `${pageUrl}#${hash}`;
}
