// Coordinate-wise robust statistics over several deltas: trimmed mean and median. For each
// coordinate the reports' values are gathered into one scratch array and sorted.

/** Measured in Node 24: insertion sort wins up to about 32 values, the built-in sort above. */
const INSERTION_SORT_LIMIT = 32;

function sortColumn(column: Float64Array): void {
  if (column.length > INSERTION_SORT_LIMIT) {
    column.sort();
    return;
  }
  for (let i = 1; i < column.length; i++) {
    const value = column[i]!;
    let j = i - 1;
    while (j >= 0 && column[j]! > value) {
      column[j + 1] = column[j]!;
      j--;
    }
    column[j + 1] = value;
  }
}

/**
 * Writes into `out`, per coordinate, the unweighted mean of the values left after dropping the
 * `trim` lowest and `trim` highest (trim = 0 and one report give that report's value exactly).
 */
export function trimmedMeanInto(out: Float32Array, sources: Float32Array[], trim: number): void {
  const column = new Float64Array(sources.length);
  const kept = sources.length - 2 * trim;
  for (let j = 0; j < out.length; j++) {
    for (let r = 0; r < sources.length; r++) column[r] = sources[r]![j]!;
    sortColumn(column);
    let sum = column[trim]!;
    for (let r = trim + 1; r < trim + kept; r++) sum += column[r]!;
    out[j] = sum / kept;
  }
}

/** Writes the per-coordinate median into `out`; an even count takes the mean of the middle two. */
export function medianInto(out: Float32Array, sources: Float32Array[]): void {
  const column = new Float64Array(sources.length);
  const middle = sources.length >> 1;
  const even = sources.length % 2 === 0;
  for (let j = 0; j < out.length; j++) {
    for (let r = 0; r < sources.length; r++) column[r] = sources[r]![j]!;
    sortColumn(column);
    out[j] = even ? (column[middle - 1]! + column[middle]!) / 2 : column[middle]!;
  }
}
