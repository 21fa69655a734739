/** A project's date marks for this server and Octopus user, live: a mark added in one panel shows in every open one. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChartDecorations } from '@/lib/chart/decorations';
import { type DateMark, deleteMark, type MarksOwner, readMarks, saveMark, watchMarks } from '@/lib/store/marks-store';

export interface ProjectMarks {
  marks: DateMark[];
  /** What could not be read or written. */
  problems: string[];
  /** The marks as every chart of the project draws them. */
  decorations: ChartDecorations;
  add: (mark: DateMark) => void;
  remove: (id: string) => void;
}

export function useMarks(owner: MarksOwner | undefined): ProjectMarks {
  const { server, userId, project } = owner ?? { server: '', userId: '', project: '' };
  const [state, setState] = useState<{ marks: DateMark[]; problems: string[] }>({ marks: [], problems: [] });
  useEffect(() => {
    // Another project's (or user's) marks must not linger while this one's are read.
    setState({ marks: [], problems: [] });
    if (!server || !userId || !project) return;
    let live = true;
    const who = { server, userId, project };
    void readMarks(who).then((stored) => live && setState(stored));
    const stop = watchMarks(who, (stored) => live && setState(stored));
    return () => {
      live = false;
      stop();
    };
  }, [server, userId, project]);
  const decorations = useMemo(() => ({ marks: state.marks.map((m) => ({ at: m.at, label: m.label })) }), [state.marks]);
  const failed = (error: unknown) => setState((s) => ({ ...s, problems: [...s.problems, error instanceof Error ? error.message : String(error)] }));
  const who = { server, userId, project };
  // Without an owner (no project, no session yet) there is nowhere to keep a mark.
  const owned = Boolean(server && userId && project);
  return {
    ...state,
    decorations,
    add: (mark) => void (owned && saveMark(who, mark).catch(failed)),
    remove: (id) => void (owned && deleteMark(who, id).catch(failed)),
  };
}
