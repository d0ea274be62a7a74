import { describe, expect, it } from 'vitest';
import { chartLayout, niceTicks, VIEW, type ChartSpec } from './chart-layout.ts';

const spec = (overrides: Partial<ChartSpec> = {}): ChartSpec => ({
  xMax: 4,
  yDomain: [0, 100],
  yIntegers: false,
  series: [{ label: 'acc', className: 'val-acc', points: [{ x: 1, y: 0 }, { x: 4, y: 100 }], shape: 'line', dots: true }],
  markers: [],
  fineTuneFrom: null,
  ...overrides,
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(40, 95, 5)).toEqual([40, 50, 60, 70, 80, 90]);
    expect(niceTicks(0, 0.9, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });

  it('never steps below 1 on an integer axis', () => {
    expect(niceTicks(0, 3, 8, true)).toEqual([0, 1, 2, 3]);
  });
});

describe('chartLayout', () => {
  it('maps the domain corners onto the plot box', () => {
    const layout = chartLayout(spec());
    const right = VIEW.width - VIEW.right;
    const bottom = VIEW.height - VIEW.bottom;
    const x1 = VIEW.left + (right - VIEW.left) / 4;
    expect(layout.dots.map((d) => [d.cx, d.cy])).toEqual([[Math.round(x1 * 10) / 10, bottom], [right, VIEW.top]]);
    expect(layout.lines[0]!.d).toBe(`M${Math.round(x1 * 10) / 10},${bottom}L${right},${VIEW.top}`);
    expect(layout.lines[0]!.values).toBe('1:0 4:100');
  });

  it('draws step series as horizontal-then-vertical segments', () => {
    const layout = chartLayout(spec({ yDomain: [0, 4], series: [{ label: 'stage 1', className: 'depth', points: [{ x: 0, y: 1 }, { x: 2, y: 2 }], shape: 'step', dots: false }] }));
    expect(layout.lines[0]!.d).toMatch(/^M[\d.]+,[\d.]+H[\d.]+V[\d.]+$/);
    expect(layout.dots).toEqual([]);
  });

  it('places markers and the fine-tune shade at their epochs', () => {
    const layout = chartLayout(spec({ markers: [{ x: 2, type: 'freeze', stage: 1, depth: 3 }], fineTuneFrom: 2 }));
    const middle = (VIEW.left + VIEW.width - VIEW.right) / 2;
    expect(layout.markers).toEqual([{ className: 'marker freeze', x: middle, title: 'freeze stage 2 to depth 3 after 2 epochs' }]);
    expect(layout.shade).toEqual({ x: middle, width: VIEW.width - VIEW.right - middle });
  });

  it('omits series with no points, so an empty chart has axes and nothing else', () => {
    const layout = chartLayout(spec({ series: [{ label: 'acc', className: 'val-acc', points: [], shape: 'line', dots: true }] }));
    expect(layout.lines).toEqual([]);
    expect(layout.dots).toEqual([]);
    expect(layout.xTicks.map((t) => t.label)).toEqual(['0', '1', '2', '3', '4']);
  });
});

describe('chartLayout nudge', () => {
  it('shifts a nudged line by its pixels and leaves its values alone', () => {
    const points = [{ x: 0, y: 50 }, { x: 4, y: 50 }];
    const plain = chartLayout(spec({ series: [{ label: 'a', className: 'a', points, shape: 'line', dots: false }] }));
    const nudged = chartLayout(spec({ series: [{ label: 'a', className: 'a', points, shape: 'line', dots: false, nudge: 2.5 }] }));
    const ys = (d: string) => [...d.matchAll(/,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys(nudged.lines[0]!.d)).toEqual(ys(plain.lines[0]!.d).map((y) => y + 2.5));
    expect(nudged.lines[0]!.values).toBe(plain.lines[0]!.values);
  });
});
