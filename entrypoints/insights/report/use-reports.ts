/** The space's saved reports, live: a save or delete in any extension page re-renders every open report page. */
import { useEffect, useState } from 'preact/hooks';
import type { ReportDefinition } from '@/lib/report/report-definition';
import { readReports, watchReports } from '@/lib/report/report-storage';

export interface SavedReports {
  loaded: boolean;
  reports: ReportDefinition[];
  /** What could not be read from storage. */
  problems: string[];
}

export function useReports(origin: string, space: string): SavedReports {
  const [state, setState] = useState<SavedReports>({ loaded: false, reports: [], problems: [] });
  useEffect(() => {
    let live = true;
    void readReports(origin, space).then((stored) => live && setState({ loaded: true, ...stored }));
    const stop = watchReports(origin, space, (stored) => live && setState({ loaded: true, ...stored }));
    return () => {
      live = false;
      stop();
    };
  }, [origin, space]);
  return state;
}
