// What every chart of the reports shares: a point of a series, and the spec's frame around its data.
export interface SeriesPoint {
  series: string;
  x: number;
  y: number;
}

/** Schema, title, size (640 x 360 unless given), white background and the data. */
export function chartFrame(title: string, points: readonly SeriesPoint[], size: { width?: number; height?: number }) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: size.width ?? 640,
    height: size.height ?? 360,
    background: 'white',
    data: { values: points },
  };
}
