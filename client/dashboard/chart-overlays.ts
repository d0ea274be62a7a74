// A uPlot plugin for what AutoGrow adds to a chart: the fine-tune phase as a shaded band under
// everything, and a vertical line per growth event (green dashed: grew, red: froze, amber: left at
// the budget) under the series.
import uPlot from 'uplot';
import type { ChartSpec } from './chart-specs.ts';
import { cssColor } from './css-color.ts';

/** Faint, so a stage's several grows at one epoch read as one line and the data stays on top. */
const GROW_ALPHA = 0.35;
const MARKER_WIDTH = 1.5;

/** `spec` gives the chart's current spec: the plugin outlives every setData. */
export function growthOverlays(spec: () => ChartSpec): uPlot.Plugin {
  const colors = { grow: cssColor('--grow'), freeze: cssColor('--freeze'), budget: cssColor('--budget'), fineTune: cssColor('--fine-tune') };
  return {
    hooks: {
      drawClear(u) {
        const { fineTuneFrom } = spec();
        if (fineTuneFrom === null) return;
        const { left, top, width, height } = u.bbox;
        const x = Math.max(left, u.valToPos(fineTuneFrom, 'x', true));
        u.ctx.save();
        u.ctx.fillStyle = colors.fineTune;
        u.ctx.fillRect(x, top, left + width - x, height);
        u.ctx.restore();
      },
      drawAxes(u) {
        const { top, height } = u.bbox;
        const { ctx } = u;
        ctx.save();
        ctx.lineWidth = Math.round(MARKER_WIDTH * uPlot.pxRatio);
        for (const marker of spec().markers) {
          // Whole canvas pixels: the line stays crisp, its color exact.
          const x = Math.round(u.valToPos(marker.x, 'x', true));
          ctx.strokeStyle = colors[marker.type];
          ctx.globalAlpha = marker.type === 'grow' ? GROW_ALPHA : 1;
          ctx.setLineDash(marker.type === 'grow' ? [3 * uPlot.pxRatio, 3 * uPlot.pxRatio] : []);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}
