/**
 * The space report as a chunk of its own: the insights page is mostly opened as a project's panel, which
 * should not fetch and compile the report's editor, scope picker, storage and summary code before its first
 * chart. The report page starts the fetch at once ({@link loadSpaceReport}), alongside its data.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SpaceReport, SpaceReportProps } from './SpaceReport';

type Report = typeof SpaceReport;

let loading: Promise<Report> | undefined;

/** Starts fetching the report's code (once); resolves with its component. */
export function loadSpaceReport(): Promise<Report> {
  loading ??= import('./SpaceReport').then((m) => m.SpaceReport);
  return loading;
}

export function LazySpaceReport(props: SpaceReportProps) {
  const [failed, setFailed] = useState(false);
  const [Loaded, setLoaded] = useState<Report>();
  useEffect(() => {
    let cancelled = false;
    loadSpaceReport().then(
      (component) => !cancelled && setLoaded(() => component),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, []);
  // The extension's own files: failing to load one means the extension was updated or removed under the page.
  if (failed) return <p class="notice">The report could not be loaded. Reload this tab; if it still fails, reinstall DORA Lens.</p>;
  return Loaded ? <Loaded {...props} /> : <p class="muted">Loading the report…</p>;
}
