// Draws a ChartLayout into its <svg>: grid and ticks, the fine-tune shade, growth markers, series
// lines and dots. Rebuilt whole on every update: a run has at most a few hundred points.
import type { ChartLayout } from './chart-layout.ts';

const SVG = 'http://www.w3.org/2000/svg';

function element(name: string, attributes: Record<string, string | number>, title?: string): SVGElement {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (title !== undefined) {
    const tooltip = document.createElementNS(SVG, 'title');
    tooltip.textContent = title;
    node.append(tooltip);
  }
  return node;
}

function text(content: string, attributes: Record<string, string | number>): SVGElement {
  const node = element('text', attributes);
  node.textContent = content;
  return node;
}

export function renderChart(svg: SVGSVGElement, layout: ChartLayout): void {
  const { plot } = layout;
  const nodes: SVGElement[] = [];
  if (layout.shade) nodes.push(element('rect', { class: 'shade', x: layout.shade.x, y: plot.top, width: layout.shade.width, height: plot.bottom - plot.top }, 'fine-tuning'));
  for (const tick of layout.yTicks) {
    nodes.push(element('line', { class: 'grid', x1: plot.left, x2: plot.right, y1: tick.at, y2: tick.at }));
    nodes.push(text(tick.label, { x: plot.left - 6, y: tick.at + 4, 'text-anchor': 'end' }));
  }
  for (const tick of layout.xTicks) nodes.push(text(tick.label, { x: tick.at, y: plot.bottom + 16, 'text-anchor': 'middle' }));
  nodes.push(element('line', { class: 'axis', x1: plot.left, x2: plot.right, y1: plot.bottom, y2: plot.bottom }));
  for (const marker of layout.markers) {
    nodes.push(element('line', { class: marker.className, x1: marker.x, x2: marker.x, y1: plot.top, y2: plot.bottom }, marker.title));
  }
  for (const line of layout.lines) {
    nodes.push(element('path', { class: `series ${line.className}`, d: line.d, 'data-values': line.values }, line.label));
  }
  for (const dot of layout.dots) nodes.push(element('circle', { class: `dot ${dot.className}`, cx: dot.cx, cy: dot.cy, r: 3 }, dot.title));
  svg.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
  svg.replaceChildren(...nodes);
}
