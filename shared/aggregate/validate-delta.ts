// Checks a reported delta before it may touch the model: a volunteer is untrusted, so every
// way a delta can be malformed gets its own message, and none of them throws.
import { tensorSize } from '../architecture/parameters.ts';
import type { NamedTensor } from '../state/types.ts';
import { deltaNorm } from './delta-arithmetic.ts';

export type DeltaCheck = { ok: true; norm: number } | { ok: false; error: string };

const listNames = (names: string[]): string =>
  names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');

/**
 * The delta must name exactly the reference's tensors, with their shapes, hold finite values
 * only and have an L2 norm of at most maxNorm.
 */
export function validateDelta(delta: NamedTensor[], reference: NamedTensor[], maxNorm: number): DeltaCheck {
  const referenceByName = new Map(reference.map((t) => [t.name, t]));
  const seen = new Set<string>();
  for (const t of delta) {
    if (seen.has(t.name)) return { ok: false, error: `validateDelta: tensor "${t.name}" appears twice` };
    seen.add(t.name);
  }
  const missing = reference.filter((t) => !seen.has(t.name)).map((t) => t.name);
  const unexpected = delta.filter((t) => !referenceByName.has(t.name)).map((t) => t.name);
  if (missing.length > 0 || unexpected.length > 0) {
    const parts = [
      ...(missing.length > 0 ? [`missing ${listNames(missing)}`] : []),
      ...(unexpected.length > 0 ? [`unexpected ${listNames(unexpected)}`] : []),
    ];
    return { ok: false, error: `validateDelta: expected the ${reference.length} tensors of the model, ${parts.join('; ')}` };
  }

  for (const t of delta) {
    const expected = referenceByName.get(t.name)!.shape;
    if (t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
      return { ok: false, error: `validateDelta: "${t.name}" should have shape [${expected}], got [${t.shape}]` };
    }
    if (t.data.length !== tensorSize(t.shape)) {
      return { ok: false, error: `validateDelta: "${t.name}" has shape [${t.shape}], so ${tensorSize(t.shape)} values, got ${t.data.length}` };
    }
  }

  for (const t of delta) {
    const data = t.data;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) {
        return { ok: false, error: `validateDelta: "${t.name}" holds ${data[i]} at index ${i}; every value must be finite` };
      }
    }
  }

  const norm = deltaNorm(delta);
  if (!(norm <= maxNorm)) return { ok: false, error: `validateDelta: L2 norm ${norm} exceeds the limit ${maxNorm}` };
  return { ok: true, norm };
}
