import browser from 'webextension-polyfill';

interface SpaceSummaryProps {
  origin: string;
  spaceId: string;
}

/** The insights page showing a whole space's report (the page reads `origin`, `space` and `view` from its hash). */
export function spaceReportUrl(origin: string, spaceId: string): string {
  const hash = new URLSearchParams({ origin, space: spaceId, view: 'report' });
  return `${browser.runtime.getURL('/insights.html')}#${hash}`;
}

/** Stand-in for the popup's space summary, with the actions the real one will keep. */
export function SpaceSummaryPlaceholder({ origin, spaceId }: SpaceSummaryProps) {
  const openReport = () => {
    void browser.tabs.create({ url: spaceReportUrl(origin, spaceId) }).then(() => window.close());
  };
  return (
    <section class="card space-summary" aria-labelledby="space-summary-heading" data-testid="space-summary">
      <h2 id="space-summary-heading">
        Space summary for {spaceId} on {origin}
      </h2>
      <div class="row">
        <button type="button" class="button-primary" onClick={openReport}>
          Open space report
        </button>
        <button type="button" disabled title="Coming soon">
          Export CSV
        </button>
      </div>
    </section>
  );
}
