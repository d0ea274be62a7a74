// A learnable dataset drawn from a seed, for tests and demos without image files: each class
// is a fixed random on/off pattern over a coarse grid of cells (per channel), plus pixel noise.
import type { RunConfig } from '../../shared/config/run-config.ts';
import { SYNTHETIC_RECIPE } from '../../shared/dataset/synthetic-recipe.ts';
import { deriveSeed, RandomGenerator } from '../../shared/random/generator.ts';
import type { Result } from '../../shared/result/index.ts';
import type { ShardData } from './batch.ts';

export type SyntheticParams = NonNullable<RunConfig['dataset']['synthetic']>;

/** Labels travel as uint8 (shard files, ShardData). */
const MAX_CLASSES = 256;

export type SyntheticSets = Result<{ train: ShardData; test: ShardData }>;

/** The synthetic "train file" and "test file"; the same params and seed give the same bytes. */
export function syntheticSets(params: SyntheticParams, seed: number = SYNTHETIC_RECIPE.seed): SyntheticSets {
  if (params.classes > MAX_CLASSES) {
    return { ok: false, error: `syntheticSets: labels are stored as uint8, so at most ${MAX_CLASSES} classes, got ${params.classes}` };
  }
  // C(16, 8) = 12870 distinct half-on patterns per channel, far more than MAX_CLASSES.
  const patterns = classPatterns(params, new RandomGenerator(deriveSeed(seed, 0)));
  return {
    ok: true,
    value: {
      train: drawImages(params, patterns, params.trainSize, new RandomGenerator(deriveSeed(seed, 1))),
      test: drawImages(params, patterns, params.testSize, new RandomGenerator(deriveSeed(seed, 2))),
    },
  };
}

/**
 * One bit per (cell, channel) per class, all classes different so that every class is learnable.
 * Exactly half the cells of each channel are on, which makes the normalization constants exact.
 */
function classPatterns(params: SyntheticParams, rng: RandomGenerator): Uint8Array[] {
  const { channels } = params.input;
  const cells = Array.from({ length: SYNTHETIC_RECIPE.grid * SYNTHETIC_RECIPE.grid }, (_, i) => i);
  const seen = new Set<string>();
  const patterns: Uint8Array[] = [];
  while (patterns.length < params.classes) {
    const pattern = new Uint8Array(cells.length * channels);
    for (let channel = 0; channel < channels; channel++) {
      for (const cell of rng.shuffle(cells).slice(0, cells.length / 2)) pattern[cell * channels + channel] = 1;
    }
    const key = pattern.join('');
    if (seen.has(key)) continue;
    seen.add(key);
    patterns.push(pattern);
  }
  return patterns;
}

function drawImages(params: SyntheticParams, patterns: Uint8Array[], count: number, rng: RandomGenerator): ShardData {
  const { height, width, channels } = params.input;
  const { grid, background, contrast, noise } = SYNTHETIC_RECIPE;
  // Cell of each pixel position; the grid need not divide the image size.
  const cellOf = new Uint16Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) cellOf[y * width + x] = Math.floor((y * grid) / height) * grid + Math.floor((x * grid) / width);
  }
  const images = new Uint8Array(count * height * width * channels);
  const labels = new Uint8Array(count);
  let out = 0;
  for (let n = 0; n < count; n++) {
    const label = rng.int(params.classes);
    labels[n] = label;
    const pattern = patterns[label]!;
    for (let pixel = 0; pixel < height * width; pixel++) {
      for (let channel = 0; channel < channels; channel++) {
        const on = pattern[cellOf[pixel]! * channels + channel]!;
        const value = background + contrast * on + noise * rng.normal();
        images[out++] = Math.min(255, Math.max(0, Math.round(value)));
      }
    }
  }
  return { input: { height, width, channels }, count, images, labels };
}
