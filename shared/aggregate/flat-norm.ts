// Norms of flat deltas at the moment a report is accepted: what the run's limit is held against,
// and norm-clip's factor, known then, so clipping needs no second pass over stored reports.

/** L2 norm accumulated in double, in coordinate order (deltaNorm's order over the same tensors). */
export function flatNorm(flat: Float32Array): number {
  let squares = 0;
  for (let j = 0; j < flat.length; j++) squares += flat[j]! * flat[j]!;
  return Math.sqrt(squares);
}

/** norm-clip's factor for a delta of this norm: at most 1, and 1 for a zero delta. */
export function clipScale(norm: number, maxDeltaNorm: number): number {
  if (!(maxDeltaNorm > 0)) throw new Error(`clipScale: maxDeltaNorm should be positive, got ${maxDeltaNorm}`);
  return Math.min(1, maxDeltaNorm / norm);
}
