/** The insights page: the project panel (in an iframe inside Octopus) and, later, the full-tab space report. */
export function InsightsApp() {
  const params = new URLSearchParams(location.hash.slice(1));
  const project = params.get('project');
  return (
    <main>
      <h1>DORA Lens</h1>
      <p data-testid="insights-context">{project ? `Project ${project} in ${params.get('space')}` : 'Space report'}</p>
    </main>
  );
}
