import { describe, expect, it } from 'vitest';
import { lineChart, renderSvg } from './index.ts';

describe('renderSvg', () => {
  it('draws one path per series, with the axis titles, from a line chart spec', async () => {
    const points = [1, 2, 3].flatMap((x) => [{ series: 'one', x, y: x * 10 }, { series: 'two', x, y: 40 - x }]);
    const svg = await renderSvg(lineChart(points, { title: 'accuracy', xTitle: 'simulated minutes', yTitle: 'validation accuracy (%)' }));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('simulated minutes');
    expect(svg).toContain('validation accuracy (%)');
    expect(svg.match(/aria-roledescription="line mark"/g)?.length).toBe(2);
  });
});
