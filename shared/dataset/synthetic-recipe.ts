// How the synthetic dataset is drawn, kept in shared/ so that its normalization constants
// (DatasetFacts) and its generator (client/data/synthetic.ts) cannot drift apart.

export const SYNTHETIC_RECIPE = {
  /** Fixed, not the run seed: the synthetic files, like real ones, serve every run. */
  seed: 0x53594e54,
  /** Each class is a random pattern over a grid x grid of cells, half of them on, per channel. */
  grid: 4,
  /** Pixel level of an "off" cell; an "on" cell adds `contrast`. */
  background: 48,
  contrast: 160,
  /** Std of the Gaussian pixel noise; background - 3 noise >= 0 keeps clipping negligible. */
  noise: 16,
} as const;

/**
 * Mean and std on the 0-1 scale: every class pattern has half its cells on, so a pixel is
 * background + contrast * Bernoulli(1/2) + noise (exact when the grid divides the image size).
 */
export function syntheticNormalization(): { mean: number; std: number } {
  const { background, contrast, noise } = SYNTHETIC_RECIPE;
  const mean = (background + contrast / 2) / 255;
  const std = Math.sqrt((contrast * contrast) / 4 + noise * noise) / 255;
  return { mean, std };
}
