// Charts for the reports this project writes (fleet simulator, studies): a Vega-Lite spec compiled
// and rendered to SVG by Vega itself, headless, with no browser and no canvas.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type ChartSpec = TopLevelSpec;

export async function renderSvg(spec: ChartSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
