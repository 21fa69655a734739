/**
 * The address of the space report page (the extension's insights page as a tab) for an Octopus server and
 * space, optionally opening a given report and view. Pure — the caller passes the page's own URL
 * (`browser.runtime.getURL('/insights.html')`) — so the content script's space-nav entry, the popup and
 * tests build the same link.
 *
 * @example
 * reportPageUrl('chrome-extension://abc/insights.html', 'https://octopus.example.com', 'Spaces-1')
 * //=> 'chrome-extension://abc/insights.html#origin=https%3A%2F%2Foctopus.example.com&space=Spaces-1&view=report'
 */
import { DEFAULT_REPORT_PARAMS, type ReportParams, writeReportParams } from './report-params';

export function reportPageUrl(pageUrl: string, origin: string, space: string, view: Partial<ReportParams> = {}): string {
  const hash = writeReportParams({ ...DEFAULT_REPORT_PARAMS, ...view }, new URLSearchParams({ origin, space, view: 'report' }));
  return `${pageUrl}#${hash}`;
}
