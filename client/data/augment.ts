// The standard augmentation for 32x32 natural images (He et al.): zero-pad 4 pixels per side,
// take a random crop of the original size, flip it horizontally with probability 1/2.
import type { InputShape } from '../../shared/architecture/spec.ts';
import type { RandomGenerator } from '../../shared/random/generator.ts';

export const AUGMENT_PADDING = 4;

/**
 * Writes an augmented copy of one HWC image into `out`. Draws exactly three numbers from `rng`
 * (row offset, column offset, flip), so a task's seed fixes its whole augmentation.
 */
export function augmentImage(image: Uint8Array, input: InputShape, rng: RandomGenerator, out: Uint8Array): void {
  const { height, width, channels } = input;
  const size = height * width * channels;
  if (image.length !== size || out.length !== size) {
    throw new Error(`augmentImage: expected image and out of ${height}x${width}x${channels} = ${size} bytes, got ${image.length} and ${out.length}`);
  }
  // Crop origin in padded coordinates, then shifted back: source row = row + top - padding.
  const top = rng.int(2 * AUGMENT_PADDING + 1) - AUGMENT_PADDING;
  const left = rng.int(2 * AUGMENT_PADDING + 1) - AUGMENT_PADDING;
  const flip = rng.next() < 0.5;
  for (let row = 0; row < height; row++) {
    const sourceRow = row + top;
    for (let col = 0; col < width; col++) {
      const sourceCol = (flip ? width - 1 - col : col) + left;
      const target = (row * width + col) * channels;
      const inside = sourceRow >= 0 && sourceRow < height && sourceCol >= 0 && sourceCol < width;
      const source = (sourceRow * width + sourceCol) * channels;
      for (let channel = 0; channel < channels; channel++) out[target + channel] = inside ? image[source + channel]! : 0;
    }
  }
}
