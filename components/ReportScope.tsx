/** What a report covers, in words: its description, releases, environments, tenants and time zone. */
import type { ComponentChildren } from 'preact';

export interface ReportScopeProps {
  description: string;
  items: { term: string; detail: string }[];
  /** Selections the signed-in user cannot see (or that were deleted): counted, never named. */
  hidden: number;
  children?: ComponentChildren;
}

export function ReportScope({ description, items, hidden, children }: ReportScopeProps) {
  return (
    <section class="report-scope" aria-label="What this report covers" data-testid="report-scope">
      {description && <p class="report-description">{description}</p>}
      <dl class="scope-list">
        {items.map((item) => (
          <div key={item.term}>
            <dt>{item.term}</dt>
            <dd>{item.detail}</dd>
          </div>
        ))}
      </dl>
      {hidden > 0 && (
        <p class="scope-hidden" data-testid="scope-hidden">
          {hidden} {hidden === 1 ? 'selection of this report is' : 'selections of this report are'} not in your synced data: your Octopus account may not see
          {hidden === 1 ? ' it' : ' them'}, or {hidden === 1 ? 'it was' : 'they were'} deleted. {hidden === 1 ? 'It selects' : 'They select'} nothing.
        </p>
      )}
      {children}
    </section>
  );
}
