/**
 * A tiny line of values as SVG, for the popup's metric rows. uPlot would be heavy for four 30-point lines.
 * Gaps (`null`: nothing measured that day) break the line; a value with no neighbours is drawn as a dot,
 * so a lone measurement does not vanish. The picture is summarised in words for screen readers.
 */

export interface SparklineProps {
  values: readonly (number | null)[];
  /** What the values are, e.g. "Successful deployments per day, last 30 days". */
  label: string;
  /** Formats one value for the summary in words. */
  format: (value: number) => string;
  width?: number;
  height?: number;
}

/** Points of each unbroken run of values, in SVG coordinates (y grows downwards; the maximum is at the top). */
export function sparklineRuns(values: readonly (number | null)[], width: number, height: number, pad = 2): [number, number][][] {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return [];
  const min = Math.min(0, ...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
      return;
    }
    run.push([pad + i * step, pad + (height - 2 * pad) * (1 - (v - min) / span)]);
  });
  if (run.length) runs.push(run);
  return runs;
}

export function describeSeries(values: readonly (number | null)[], label: string, format: (value: number) => string): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return `${label}: no data.`;
  const last = values[values.length - 1];
  const gaps = values.length - present.length;
  return [
    `${label}: lowest ${format(Math.min(...present))}, highest ${format(Math.max(...present))}`,
    `latest day ${last === null ? 'no data' : format(last)}`,
    ...(gaps ? [`${gaps} of ${values.length} days without data`] : []),
  ].join('; ').concat('.');
}

export function Sparkline({ values, label, format, width = 96, height = 28 }: SparklineProps) {
  const runs = sparklineRuns(values, width, height);
  const text = (xs: [number, number][]) => xs.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return (
    <svg class="sparkline" role="img" aria-label={describeSeries(values, label, format)} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <line class="sparkline-base" x1={0} x2={width} y1={height - 1} y2={height - 1} />
      {runs.map((run) =>
        run.length === 1 ? (
          <circle key={`dot-${run[0][0]}`} cx={run[0][0]} cy={run[0][1]} r={1.75} />
        ) : (
          <polyline key={`line-${run[0][0]}`} points={text(run)} />
        ),
      )}
    </svg>
  );
}
