// uPlot's options for one chart spec: fixed scales read from the current spec, integer epoch ticks,
// lines with a dot per epoch or step lines (uPlot.paths.stepped), and the growth overlays.
import uPlot from 'uplot';
import { growthOverlays } from './chart-overlays.ts';
import type { ChartSpec, SeriesSpec } from './chart-specs.ts';
import { cssColor } from './css-color.ts';

/** Tick steps of an integer axis: epochs, depths. */
const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Shifts a path builder's line by `pixels` CSS pixels down, leaving the data (and the cursor) alone. */
function nudged(build: uPlot.Series.PathBuilder, pixels: number): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const paths = build(u, seriesIdx, idx0, idx1);
    if (!paths || !(paths.stroke instanceof Path2D)) return paths;
    const stroke = new Path2D();
    stroke.addPath(paths.stroke, new DOMMatrix().translate(0, pixels * uPlot.pxRatio));
    return { ...paths, stroke };
  };
}

function seriesOptions(series: SeriesSpec): uPlot.Series {
  const color = cssColor(series.color);
  const build = series.shape === 'step' ? uPlot.paths.stepped!({ align: 1 }) : uPlot.paths.linear!();
  return {
    label: series.label,
    stroke: color,
    width: 2,
    // A stage's steps are its own points only; the other stages' x values leave gaps to span.
    spanGaps: true,
    paths: series.nudge === 0 ? build : nudged(build, series.nudge),
    points: series.dots ? { show: true, size: 6, fill: color, stroke: color } : { show: false },
  };
}

function axis(integers: boolean, grid: boolean): uPlot.Axis {
  return {
    stroke: cssColor('--muted'),
    font: FONT,
    grid: { show: grid, stroke: cssColor('--line'), width: 1 },
    ticks: { show: false },
    ...(integers ? { incrs: INTEGER_STEPS, values: (_u: uPlot, splits: number[]) => splits.map(String) } : {}),
  };
}

/** `current` gives the chart's latest spec, which setData redraws with. */
export function chartOptions(current: () => ChartSpec, size: { width: number; height: number }): uPlot.Options {
  const spec = current();
  return {
    ...size,
    legend: { show: false },
    // Zooming a live chart would be undone by the next update.
    cursor: { drag: { x: false, y: false, setScale: false } },
    scales: {
      x: { time: false, range: () => [0, current().xMax] },
      y: { range: () => current().yDomain },
    },
    // Room for the last x label on the right; axes sized to their labels, not uPlot's 50 px default,
    // and ticks closer than its default spacing. Vertical lines are the growth markers' alone.
    padding: [10, 14, 0, 0],
    axes: [{ ...axis(true, false), size: 26, space: 32 }, { ...axis(spec.yIntegers, true), size: 40, space: 24 }],
    series: [{}, ...spec.series.map(seriesOptions)],
    plugins: [growthOverlays(current)],
  };
}
