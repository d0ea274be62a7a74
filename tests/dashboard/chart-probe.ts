// What a dashboard chart plots and draws, read in the page: the data-* attributes its host sets from
// the data it gives uPlot, and its canvas's pixels counted by color.
import type { Page } from 'playwright-core';

export interface Plotted {
  series: string[];
  /** Points per series. */
  points: number[];
  markers: number;
  fineTuneFrom: number | null;
}

export function plotted(page: Page, id: string): Promise<Plotted> {
  return page.$eval(`#${id}`, (host) => {
    const { series, points, markers, fineTuneFrom } = (host as HTMLElement).dataset;
    return {
      series: JSON.parse(series ?? 'null'),
      points: JSON.parse(points ?? 'null'),
      markers: Number(markers),
      fineTuneFrom: fineTuneFrom ? Number(fineTuneFrom) : null,
    };
  });
}

export interface CanvasPixels {
  /** Pixels with any paint on them, of all the canvas's pixels. */
  painted: number;
  total: number;
  /** Per CSS color property: fully opaque pixels of that color. */
  opaque: Record<string, number>;
  /** Per CSS color property: pixels of that color at under a quarter opacity, e.g. a shaded band. */
  faint: Record<string, number>;
}

export function canvasPixels(page: Page, id: string, properties: string[]): Promise<CanvasPixels> {
  return page.$eval(`#${id} canvas`, (node, properties) => {
    const canvas = node as HTMLCanvasElement;
    // The property's color as a canvas stores it: paint one pixel with it and read it back.
    const probe = document.createElement('canvas').getContext('2d')!;
    const rgb = (property: string): number[] => {
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue(property).trim();
      probe.fillRect(0, 0, 1, 1);
      return [...probe.getImageData(0, 0, 1, 1).data.subarray(0, 3)];
    };
    const targets = properties.map((property) => ({ property, color: rgb(property) }));
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const opaque: Record<string, number> = Object.fromEntries(properties.map((p) => [p, 0]));
    const faint: Record<string, number> = Object.fromEntries(properties.map((p) => [p, 0]));
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      const alpha = data[i + 3]!;
      if (alpha === 0) continue;
      painted++;
      for (const { property, color } of targets) {
        // A faint pixel is stored premultiplied, which keeps only a few bits of each channel.
        const tolerance = alpha === 255 ? 8 : 24;
        if (color.some((c, k) => Math.abs(c - data[i + k]!) > tolerance)) continue;
        if (alpha === 255) opaque[property]!++;
        else if (alpha < 64) faint[property]!++;
      }
    }
    return { painted, total: data.length / 4, opaque, faint };
  }, properties);
}
