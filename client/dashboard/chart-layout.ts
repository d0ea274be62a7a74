// Chart geometry, pure: scales, "nice" ticks and SVG path data in a fixed viewBox, so a chart
// scales with its box (no layout jump when data arrives) and tests read numbers, not pixels.
import type { GrowthMarker, Point } from './chart-series.ts';

export interface SeriesSpec {
  label: string;
  className: string;
  points: Point[];
  shape: 'line' | 'step';
  /** A dot per point, e.g. one per finished epoch. */
  dots: boolean;
  /** Pixels to shift the drawn line down, so series with equal values stay visible side by side. */
  nudge?: number;
}

export interface ChartSpec {
  xMax: number;
  yDomain: [number, number];
  yIntegers: boolean;
  series: SeriesSpec[];
  markers: GrowthMarker[];
  fineTuneFrom: number | null;
}

export interface Tick {
  at: number;
  label: string;
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: Tick[];
  yTicks: Tick[];
  /** `values` lists the points as "x:y" pairs: for screen readers' titles and for tests. */
  lines: { className: string; label: string; d: string; values: string }[];
  dots: { className: string; cx: number; cy: number; title: string }[];
  markers: { className: string; x: number; title: string }[];
  shade: { x: number; width: number } | null;
}

export const VIEW = { width: 640, height: 220, left: 44, right: 12, top: 10, bottom: 24 };

/** Ticks at 1, 2 or 5 times a power of ten, about `count` of them across [min, max]. */
export function niceTicks(min: number, max: number, count: number, integers = false): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  // d3's rule: the multiple nearest the raw step on a log scale.
  const error = raw / power;
  const multiple = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1;
  const step = Math.max(integers ? 1 : 0, multiple * power);
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

const linear = (domain: [number, number], range: [number, number]) => (v: number): number =>
  range[0] + ((v - domain[0]) / (domain[1] - domain[0] || 1)) * (range[1] - range[0]);

const round = (v: number): number => Math.round(v * 10) / 10;

export function chartLayout(spec: ChartSpec): ChartLayout {
  const { width, height } = VIEW;
  const plot = { left: VIEW.left, top: VIEW.top, right: width - VIEW.right, bottom: height - VIEW.bottom };
  const sx = linear([0, spec.xMax], [plot.left, plot.right]);
  const sy = linear(spec.yDomain, [plot.bottom, plot.top]);
  const path = ({ points, shape, nudge = 0 }: SeriesSpec): string =>
    points.map((p, i) => {
      const x = round(sx(p.x));
      const y = round(sy(p.y) + nudge);
      if (i === 0) return `M${x},${y}`;
      return shape === 'line' ? `L${x},${y}` : `H${x}V${y}`;
    }).join('');
  const yLabel = (v: number): string => (spec.yIntegers || Number.isInteger(v) ? String(v) : v.toFixed(Math.max(0, -Math.floor(Math.log10(Math.abs(v))) + 1)));
  return {
    width,
    height,
    plot,
    xTicks: niceTicks(0, spec.xMax, 8, true).map((t) => ({ at: round(sx(t)), label: String(t) })),
    yTicks: niceTicks(spec.yDomain[0], spec.yDomain[1], 5, spec.yIntegers).map((t) => ({ at: round(sy(t)), label: yLabel(t) })),
    lines: spec.series.filter((s) => s.points.length > 0).map((s) => ({
      className: s.className,
      label: s.label,
      d: path(s),
      values: s.points.map((p) => `${p.x}:${Number(p.y.toFixed(4))}`).join(' '),
    })),
    dots: spec.series.filter((s) => s.dots).flatMap((s) =>
      s.points.map((p) => ({ className: s.className, cx: round(sx(p.x)), cy: round(sy(p.y)), title: `${s.label}: ${Number(p.y.toFixed(4))} after ${p.x} epochs` })),
    ),
    markers: spec.markers.map((m) => ({
      className: `marker ${m.type}`,
      x: round(sx(m.x)),
      title: `${m.type} stage ${m.stage + 1} to depth ${m.depth} after ${m.x} epochs`,
    })),
    shade: spec.fineTuneFrom === null ? null : { x: round(sx(spec.fineTuneFrom)), width: round(plot.right - sx(spec.fineTuneFrom)) },
  };
}
