/** The user's saved reports of the space, live: a save or delete in any extension page re-renders every open report page. */
import { useEffect, useState } from 'preact/hooks';
import type { ReportDefinition } from '@/lib/report/report-definition';
import { type ReportsOwner, readReports, watchReports } from '@/lib/store/report-store';

export interface SavedReports {
  loaded: boolean;
  reports: ReportDefinition[];
  /** What could not be read from storage. */
  problems: string[];
}

export function useReports(owner: ReportsOwner): SavedReports {
  const { server, userId, space } = owner;
  const [state, setState] = useState<SavedReports>({ loaded: false, reports: [], problems: [] });
  useEffect(() => {
    let live = true;
    void readReports({ server, userId, space }).then((stored) => live && setState({ loaded: true, ...stored }));
    const stop = watchReports({ server, userId, space }, (stored) => live && setState({ loaded: true, ...stored }));
    return () => {
      live = false;
      stop();
    };
  }, [server, userId, space]);
  return state;
}
