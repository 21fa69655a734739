/** Highest and lowest performing projects on one metric (DORA Lens's ranking, beyond Octopus). */
import { formatCount } from '@/lib/display/format';
import type { RankingEntryView, RankingView } from '@/lib/report/report-view';

export type ReportRankingsProps = RankingView & {
  metricTitle: string;
  format: (value: number) => string;
};

function Entries({ entries, format, sampleNoun, testId }: { entries: RankingEntryView[]; format: (v: number) => string; sampleNoun: string; testId: string }) {
  return (
    <ol class="ranking-list" data-testid={testId}>
      {entries.map((e) => (
        <li key={e.key} data-project-id={e.key}>
          {e.href ? (
            <a href={e.href} target="_blank" rel="noopener noreferrer" data-testid="drill-down">
              {e.label}
            </a>
          ) : (
            <span>{e.label}</span>
          )}
          <span class="ranking-value" data-value={e.value}>
            {format(e.value)}
          </span>
          <span class="muted nowrap">
            n = {formatCount(e.sample)} {sampleNoun}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function ReportRankings(props: ReportRankingsProps) {
  const note = `Ranked with at least ${props.minSample} ${props.sampleNoun} in the period${props.belowMinimum ? `; ${props.belowMinimum} more ${props.belowMinimum === 1 ? 'project has' : 'projects have'} fewer` : ''}.`;
  if (props.best.length === 0) return <p class="muted">Needs two projects with enough data to rank. {note}</p>;
  return (
    <div class="rankings">
      <div>
        <h4>Highest performing: {props.metricTitle.toLowerCase()}</h4>
        <Entries entries={props.best} format={props.format} sampleNoun={props.sampleNoun} testId="ranking-best" />
      </div>
      <div>
        <h4>Lowest performing: {props.metricTitle.toLowerCase()}</h4>
        <Entries entries={props.worst} format={props.format} sampleNoun={props.sampleNoun} testId="ranking-worst" />
      </div>
      <p class="muted rankings-note">{note}</p>
    </div>
  );
}
