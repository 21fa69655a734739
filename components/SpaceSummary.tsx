/**
 * The popup's summary of one space: the four DORA metrics of its production deployments over the last
 * 30 days, each with its sample, DORA Lens's tier and a daily sparkline, the sync status, and the actions
 * (open the space report, export the rows as CSV). Presentational: every state and action comes in as
 * props. Names from the server are rendered as text only.
 */
import type { DoraMetric, TierResult, TierYear } from '@/lib/metrics/types';
import { type SpaceSummary as Summary, SUMMARY_DAYS } from '@/lib/space-summary';
import { serverLabel } from '@/lib/server-url';
import type { SyncStatus } from '@/lib/sync/status';
import { formatCount, formatDurationShort, formatPercent, formatRate, TIER_LABELS } from './format';
import { Sparkline } from './Sparkline';
import { SyncBar } from './SyncBar';

export type SummaryState =
  | { kind: 'loading'; message: string }
  | { kind: 'signed-out'; message: string; signInUrl: string }
  /** Nothing to show: the session check or the first sync failed. */
  | { kind: 'failed'; message: string }
  | { kind: 'first-sync' }
  | { kind: 'ready'; summary: Summary; lastSyncedAt?: number };

export interface SpaceSummaryProps {
  /** The Octopus server's base URL. */
  server: string;
  /** The space's name, or its id when the name is not known. */
  spaceName: string;
  state: SummaryState;
  status?: SyncStatus;
  now: number;
  tierYear: TierYear;
  onSync: () => void;
  onRetry: () => void;
  onOpenReport: () => void;
  onExport: () => void;
  /** Opens a link in a new tab (the popup closes). */
  onOpenUrl: (url: string) => void;
}

interface MetricView {
  id: DoraMetric;
  title: string;
  value: string;
  raw: number | null;
  sample: string;
  unit: string;
  format: (value: number) => string;
}

const duration = (ms: number) => formatDurationShort(ms);

function metricViews(s: Summary): MetricView[] {
  const rate = s.failureRate;
  return [
    {
      id: 'frequency',
      title: 'Deployment frequency',
      value: formatCount(s.frequency.successful),
      raw: s.frequency.successful,
      sample: `successful · ${formatRate(s.frequency.perDay)}/day`,
      unit: 'Successful deployments per day',
      format: (n) => formatCount(n),
    },
    {
      id: 'leadTime',
      title: 'Lead time',
      value: formatDurationShort(s.leadTime.median),
      raw: s.leadTime.median,
      sample: s.leadTime.count ? `median, n = ${formatCount(s.leadTime.count)}` : 'nothing new delivered',
      unit: 'Median lead time per day',
      format: duration,
    },
    {
      id: 'failureRate',
      title: 'Failure rate',
      value: formatPercent(rate.rate),
      raw: rate.rate,
      sample: rate.total ? `${formatCount(rate.failed)} of ${formatCount(rate.total)} failed` : 'none finished',
      unit: 'Failure rate per day',
      format: (f) => formatPercent(f, 0),
    },
    {
      id: 'recovery',
      title: 'Time to recovery',
      value: formatDurationShort(s.recovery.median),
      raw: s.recovery.median,
      sample: s.recovery.count ? `median, n = ${formatCount(s.recovery.count)}` : 'no recoveries',
      unit: 'Median time to recovery per day',
      format: duration,
    },
  ];
}

function TierBadge({ tier, year }: { tier: TierResult; year: TierYear }) {
  const text = tier.tier ? TIER_LABELS[tier.tier] : tier.reason === 'too-few-values' ? 'Too few' : 'No tier';
  const why = tier.tier
    ? `DORA Lens's rating against the DORA ${year} benchmarks (not Octopus's)`
    : tier.reason === 'too-few-values'
      ? `Too few deployments for DORA Lens to rate (n = ${tier.sample})`
      : 'Nothing to rate';
  return (
    <span class={`tier tier-${tier.tier ?? 'none'}`} title={why}>
      <span class="visually-hidden">DORA Lens tier: </span>
      {text}
    </span>
  );
}

function MetricRows({ summary, tierYear }: { summary: Summary; tierYear: TierYear }) {
  return (
    <ul class="plain summary-metrics">
      {metricViews(summary).map((m) => (
        <li key={m.id} class="summary-metric" data-testid={`summary-${m.id}`} aria-labelledby={`summary-${m.id}-title`}>
          <h3 id={`summary-${m.id}-title`}>{m.title}</h3>
          <TierBadge tier={summary.tiers[m.id]} year={tierYear} />
          <p class="summary-value" data-testid={`summary-${m.id}-value`} data-value={m.raw ?? ''}>
            {m.value} <span class="summary-sample">{m.sample}</span>
          </p>
          <Sparkline values={summary.daily[m.id]} label={`${m.unit}, last ${SUMMARY_DAYS} days`} format={m.format} />
        </li>
      ))}
    </ul>
  );
}

function Coverage({ summary }: { summary: Summary }) {
  const envs = summary.environments;
  const projects = summary.targets.length;
  const names = envs.slice(0, 3).map((e) => e.name);
  const more = envs.length > names.length ? ` and ${envs.length - names.length} more` : '';
  return (
    <p class="muted coverage" data-testid="summary-coverage" title="Each project’s production environment: the last of its default channel’s lifecycle">
      Last {SUMMARY_DAYS} days · {formatCount(projects)} {projects === 1 ? 'project' : 'projects'} in {names.join(', ')}
      {more}
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
            <MetricRows summary={summary} tierYear={props.tierYear} />
          )}
        </>
      );
    }
  }
}

export function SpaceSummary(props: SpaceSummaryProps) {
  const { state, status } = props;
  const ready = state.kind === 'ready' ? state : undefined;
  const canExport = !!ready && ready.summary.rows.length > 0;
  const laterSyncFailed = ready && status?.state === 'failed' && status.error;
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
        Space summary for <span class="space-name">{props.spaceName}</span> <span class="space-origin">on {serverLabel(props.server)}</span>
      </h2>
      <Body {...props} />
      {laterSyncFailed && (
        <div class="summary-notice summary-error" role="alert" data-testid="summary-sync-failed">
          <p>The last sync failed: {status.error?.message} The numbers are from the sync before.</p>
          {status.error?.signInUrl ? (
            <SignInLink url={status.error.signInUrl} onOpenUrl={props.onOpenUrl} />
          ) : (
            <button type="button" onClick={props.onSync}>
              Retry
            </button>
          )}
        </div>
      )}
      {(state.kind === 'ready' || state.kind === 'first-sync') && (
        <SyncBar status={status} lastSyncedAt={ready?.lastSyncedAt} now={props.now} onSync={props.onSync} />
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
