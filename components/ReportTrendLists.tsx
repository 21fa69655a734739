/**
 * Octopus's report trend lists: for projects, environments and tenants, the ten improving and the ten
 * worsening most against the previous period of equal length (shown from two groups with deployments).
 */
import type { TrendEntryView, TrendListView } from '@/lib/report/report-view';

export interface ReportTrendListsProps {
  metricTitle: string;
  lists: TrendListView[];
  format: (value: number | null) => string;
}

function Entries({ entries, tone, format, testId }: { entries: TrendEntryView[]; tone: 'good' | 'bad'; format: (v: number | null) => string; testId: string }) {
  if (entries.length === 0) return <p class="muted">None with a clear change (at least 10 deployments in both periods and 5 % or more).</p>;
  return (
    <ol class="trend-list" data-testid={testId}>
      {entries.map((e) => (
        <li key={e.key} data-group-key={e.key}>
          <span class={`trend-change trend-${tone}`}>
            <span aria-hidden="true">{e.trend.direction === 'up' ? '▲' : '▼'}</span> {e.trend.change === null ? 'from 0' : `${Math.abs(e.trend.change * 100).toFixed(0)}%`}
          </span>
          {e.href ? (
            <a href={e.href} target="_blank" rel="noopener noreferrer" data-testid="drill-down">
              {e.label}
            </a>
          ) : (
            <span>{e.label}</span>
          )}
          <span class="muted trend-values">
            {format(e.trend.previous)} → {format(e.trend.current)}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function ReportTrendLists({ metricTitle, lists, format }: ReportTrendListsProps) {
  return (
    <div class="trend-lists">
      {lists.map((list) => (
        <section class="card trend-card" key={list.dimension} aria-labelledby={`trends-${list.dimension}`} data-testid={`trends-${list.dimension}`}>
          <h3 id={`trends-${list.dimension}`}>
            {list.noun[0].toUpperCase() + list.noun.slice(1)}: {metricTitle.toLowerCase()}
          </h3>
          {list.present < 2 ? (
            <p class="muted">Shown when at least two {list.noun} have deployments in the period.</p>
          ) : (
            <div class="trend-columns">
              <div>
                <h4>Improving</h4>
                <Entries entries={list.improving} tone="good" format={format} testId={`improving-${list.dimension}`} />
              </div>
              <div>
                <h4>Worsening</h4>
                <Entries entries={list.worsening} tone="bad" format={format} testId={`worsening-${list.dimension}`} />
              </div>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
