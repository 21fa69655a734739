/**
 * The popup's summary of one space: DORA's five metrics of its production deployments over the last
 * 30 days, each with its sample, DORA Lens's tier (where DORA publishes bands), the space's goal and a daily sparkline, the sync status, and the actions
 * (open the space report, export the rows as CSV). Presentational: every state and action comes in as
 * props. Names from the server are rendered as text only.
 */
import type { GoalTargets } from '@/lib/goals/goal-targets';
import type { TierResult, TierYear } from '@/lib/metrics/types';
import { SUMMARY_DAYS, type SpaceSummary as Summary } from '@/lib/summary/space-summary';
import { type SpaceSummaryView, summaryCoverage, summaryMetrics, summaryTier } from '@/lib/summary/summary-view';
import { GoalBadge } from './MetricCard';
import { Sparkline } from './Sparkline';
import { SyncBar } from './SyncBar';

export type SpaceSummaryProps = SpaceSummaryView;

function TierBadge({ tier, year }: { tier: TierResult; year: TierYear }) {
  const badge = summaryTier(tier, year);
  return (
    <span class={`tier tier-${badge.tier}`} title={badge.why}>
      <span class="visually-hidden">DORA Lens tier: </span>
      {badge.text}
    </span>
  );
}

function MetricRows({ summary, tierYear, targets }: { summary: Summary; tierYear: TierYear; targets: GoalTargets }) {
  return (
    <ul class="plain summary-metrics">
      {summaryMetrics(summary, targets).map((m) => (
        <li key={m.id} class="summary-metric" data-testid={`summary-${m.id}`} aria-labelledby={`summary-${m.id}-title`}>
          <h3 id={`summary-${m.id}-title`}>{m.title}</h3>
          {m.tier && <TierBadge tier={summary.tiers[m.tier]} year={tierYear} />}
          {m.goal && <GoalBadge goal={m.goal} testId={`summary-${m.id}-goal`} />}
          <p class="summary-value" data-testid={`summary-${m.id}-value`} data-value={m.raw ?? ''}>
            {m.value} <span class="summary-sample">{m.sample}</span>
          </p>
          <Sparkline values={summary.daily[m.id]} label={m.unit} format={m.format} />
        </li>
      ))}
    </ul>
  );
}

function Coverage({ summary }: { summary: Summary }) {
  return (
    <p class="muted coverage" data-testid="summary-coverage" title="Each project’s production environment: the last of its default channel’s lifecycle">
      {summaryCoverage(summary)}
    </p>
  );
}

/** A real link (keyboard, middle click, copy), opened in a new tab by the popup so it can close itself. */
function SignInLink({ url, onOpenUrl }: { url: string; onOpenUrl: (url: string) => void }) {
  return (
    <a
      class="button-primary button-like"
      href={url}
      target="_blank"
      rel="noopener"
      onClick={(event) => {
        event.preventDefault();
        onOpenUrl(url);
      }}
    >
      Sign in to Octopus
    </a>
  );
}

function Body(props: SpaceSummaryProps) {
  const { state } = props;
  switch (state.kind) {
    case 'loading':
      return (
        <p class="muted" role="status">
          {state.message}
        </p>
      );
    case 'signed-out':
      return (
        <div class="summary-notice" data-testid="summary-signed-out">
          <p>{state.message}</p>
          <SignInLink url={state.signInUrl} onOpenUrl={props.onOpenUrl} />
        </div>
      );
    case 'failed':
      return (
        <div class="summary-notice summary-error" role="alert" data-testid="summary-failed">
          <p>{state.message}</p>
          <button type="button" onClick={props.onRetry}>
            Retry
          </button>
        </div>
      );
    case 'first-sync':
      return (
        <div class="summary-notice" data-testid="summary-first-sync">
          <p>Reading this space’s deployment history for the first time. Later syncs only read what changed.</p>
        </div>
      );
    case 'ready': {
      const { summary } = state;
      if (summary.targets.length === 0) {
        return (
          <p class="summary-notice" data-testid="summary-no-projects">
            There are no projects in this space that your Octopus account can see.
          </p>
        );
      }
      return (
        <>
          <Coverage summary={summary} />
          {summary.rows.length === 0 ? (
            <p class="summary-notice" data-testid="summary-nothing">
              Nothing was deployed to production in the last {SUMMARY_DAYS} days.
            </p>
          ) : (
            <MetricRows summary={summary} tierYear={props.tierYear} targets={props.targets} />
          )}
        </>
      );
    }
  }
}

export function SpaceSummary(props: SpaceSummaryProps) {
  const { state, syncFailure } = props;
  const ready = state.kind === 'ready' ? state : undefined;
  const canExport = !!ready && ready.summary.rows.length > 0;
  return (
    <section
      class="card space-summary"
      aria-labelledby="space-summary-heading"
      data-testid="space-summary"
      data-state={state.kind}
      data-from={ready?.summary.from}
      data-to={ready?.summary.to}
    >
      <h2 id="space-summary-heading">
        Space summary for <span class="space-name">{props.spaceName}</span> <span class="space-origin">on {props.serverLabel}</span>
      </h2>
      <Body {...props} />
      {syncFailure && (
        <div class="summary-notice summary-error" role="alert" data-testid="summary-sync-failed">
          <p>The last sync failed: {syncFailure.message} The numbers are from the sync before.</p>
          {syncFailure.signInUrl ? (
            <SignInLink url={syncFailure.signInUrl} onOpenUrl={props.onOpenUrl} />
          ) : (
            <button type="button" onClick={props.onSync}>
              Retry
            </button>
          )}
        </div>
      )}
      {(state.kind === 'ready' || state.kind === 'first-sync') && (
        <SyncBar line={props.sync} onSync={props.onSync} />
      )}
      <div class="row summary-actions">
        <button type="button" class="button-primary" onClick={props.onOpenReport}>
          Open space report
        </button>
        <button
          type="button"
          onClick={props.onExport}
          disabled={!canExport}
          title={canExport ? 'The deployments behind these numbers, as CSV' : undefined}
          aria-describedby={canExport ? undefined : 'export-hint'}
        >
          Export CSV
        </button>
      </div>
      {canExport ? (
        <p class="muted summary-footnote">Tiers: DORA Lens’s rating (DORA {props.tierYear}).</p>
      ) : (
        <p id="export-hint" class="muted summary-footnote">
          {ready ? 'Nothing to export yet.' : 'Export is available once the summary is shown.'}
        </p>
      )}
    </section>
  );
}
