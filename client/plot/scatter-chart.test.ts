import { describe, expect, it } from 'vitest';
import { renderPng } from './render-png.ts';
import { renderSvg } from './render-svg.ts';
import { scatterChart } from './scatter-chart.ts';

const points = [
  { series: 'grown', x: 5, y: 80 }, { series: 'grown', x: 7, y: 82 },
  { series: 'from scratch', x: 3, y: 75 }, { series: 'from scratch', x: 3, y: 77 }, { series: 'from scratch', x: 6, y: 79 },
];

describe('scatterChart', () => {
  it('draws a point per run, a line through the swept series\' means, and each rule with its label', async () => {
    const spec = scatterChart(points, { title: 'found depth', xTitle: 'sub-modules', yTitle: 'test accuracy (%)', lineSeries: ['from scratch'], rules: [{ x: 6.5, label: 'budget' }] });
    const svg = await renderSvg(spec);
    expect(svg.match(/aria-roledescription="point"/g)?.length).toBe(points.length);
    // One line: from-scratch means at x = 3 (76) and x = 6 (79).
    expect(svg.match(/aria-roledescription="line mark"/g)?.length).toBe(1);
    expect(svg).toContain('sub-modules');
    expect(svg).toContain('>budget<');
  });

  it('rasterizes to a PNG at twice the SVG size in Chromium', async () => {
    const svg = await renderSvg(scatterChart(points, { title: 't', xTitle: 'x', yTitle: 'y', width: 200, height: 100 }));
    const width = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)![1]);
    const rendered = await renderPng(svg);
    if (!rendered.ok) throw new Error(rendered.error);
    const { png } = rendered;
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    // IHDR: big-endian width at byte 16.
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(2 * width);
  });
});
