/**
 * The panel's before/after section: the project's date marks (stored per server, Octopus user and project,
 * lib/store/marks-store.ts) and, for the one chosen, each metric over equal windows on either side of it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { BeforeAfter } from '@/components/BeforeAfter';
import { beforeAfter } from '@/lib/metrics/before-after';
import type { PreparedHistory } from '@/lib/metrics/prepare';
import type { InsightsQuery } from '@/lib/metrics/types';
import { beforeAfterView, dayOf, markDayStart } from '@/lib/panel/before-after-view';
import { beforeAfterChanges } from '@/lib/share/before-after-markdown';
import { formatDateTime } from '@/lib/display/format';
import type { ProjectChangeInfo } from '@/lib/messages/protocol';
import type { ProjectMarks } from '@/lib/ui/use-marks';
import { useProjectChanges } from '@/lib/ui/use-project-changes';

/** The longest window on each side: a longer "after" would mix the change with whatever came later. */
export const BEFORE_AFTER_MAX_DAYS = 90;

export interface ProjectBeforeAfterProps {
  prepared: PreparedHistory;
  /** The panel's query: its filter (project, environment, channel, tenant), zone and now. */
  query: InsightsQuery;
  marks: ProjectMarks;
  timeZone: string;
  /** The end of the panel's range: the windows stay within it. */
  end: number;
  /** The day a chart click picked. */
  draftDay?: string;
  /** Where the project's own changes are read from: the server, the space and the project (its index in the history). */
  source: { server: string; space: string; project: number };
  /** The comparison shown, as "Copy summary"'s notable changes (none when no mark is compared). */
  onChanges: (lines: string[]) => void;
}

const WHAT: Record<ProjectChangeInfo['kind'], string> = { process: 'Deployment process', lifecycle: 'Lifecycle', channel: 'Channel' };

export function ProjectBeforeAfter({ prepared, query, marks, timeZone, end, draftDay, source, onChanges }: ProjectBeforeAfterProps) {
  const [selected, setSelected] = useState<string>();
  const dims = prepared.history.dims;
  const project = dims.projects[source.project];
  const changes = useProjectChanges({ server: source.server, space: source.space, project: project.id, lifecycle: dims.lifecycles[project.lifecycle]?.id });
  const mark = marks.marks.find((m) => m.id === selected);
  const at = mark?.at;
  const view = useMemo(() => {
    if (at === undefined) return undefined;
    const change = beforeAfter(prepared, query, at, BEFORE_AFTER_MAX_DAYS, end);
    return change ? beforeAfterView(change, timeZone) : null;
  }, [prepared, query, at, timeZone, end]);
  const label = mark?.label;
  useEffect(() => onChanges(view && label !== undefined ? beforeAfterChanges(label, view) : []), [view, label]);
  const add = (day: string, label: string) => {
    const start = markDayStart(day, timeZone);
    if (start === null) return;
    const id = `date-${start}-${Date.now().toString(36)}`;
    marks.add({ id, at: start, label: label || 'Change', source: { kind: 'date' } });
    setSelected(id);
  };
  const pickChange = (id: string) => {
    const change = changes.changes.find((c) => c.id === id);
    if (!change) return;
    const markId = `event-${change.id}`;
    marks.add({ id: markId, at: change.occurred, label: (change.message || WHAT[change.kind]).slice(0, 200), source: { kind: 'event', eventId: change.id, category: change.kind } });
    setSelected(markId);
  };
  const remove = (id: string) => {
    if (id === selected) setSelected(undefined);
    marks.remove(id);
  };
  return (
    <BeforeAfter
      marks={marks.marks.map((m) => ({ id: m.id, day: dayOf(m.at, timeZone), label: m.label }))}
      selected={mark?.id}
      view={view}
      draftDay={draftDay}
      maxDay={dayOf(Math.min(end, query.now) - 1, timeZone)}
      problems={marks.problems}
      onAdd={add}
      changes={{
        state: changes.state,
        error: changes.error,
        items: changes.changes.map((c) => ({ id: c.id, when: formatDateTime(c.occurred, timeZone), what: WHAT[c.kind], message: c.message })),
      }}
      onLoadChanges={changes.load}
      onPickChange={pickChange}
      onSelect={(id) => setSelected(id === selected ? undefined : id)}
      onRemove={remove}
    />
  );
}
