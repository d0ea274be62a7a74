// The sample-weighted mean of a round's deltas as a running sum, updated at each accepted
// report: memory is one float64 per coordinate (8 bytes) whatever the round size.
//
// Why float64: each term w * x of an integer weight below 2^29 and a float32 x is exact in double,
// so one report gives back its delta bit for bit ((w * x) / w = x), and R reports agree with the
// batch combineDeltas to within one float32 rounding (both round a double sum once; the double
// sums differ by about R * 2^-53 of sum |w x|). A float32 sum would halve the memory but err by up
// to R * 2^-24 of sum |w x| (2e-6 at 32 reports) and lose the one-report identity.

export class RunningSum {
  readonly #sum: Float64Array;
  #count = 0;
  #totalWeight = 0;

  constructor(length: number) {
    if (!Number.isSafeInteger(length) || length < 0) throw new Error(`RunningSum: length should be a non-negative integer, got ${length}`);
    this.#sum = new Float64Array(length);
  }

  get length(): number {
    return this.#sum.length;
  }

  /** Reports added so far. */
  get count(): number {
    return this.#count;
  }

  /** Sum of the weights added so far: the mean's denominator. */
  get totalWeight(): number {
    return this.#totalWeight;
  }

  /**
   * Adds weight * scale * flat; the mean divides by the weights alone, so `scale` (norm-clip's
   * factor, at most 1) shrinks a report without changing the others' share. Bad arguments are
   * bugs (reports are validated before) and throw.
   */
  add(flat: Float32Array, weight: number, scale = 1): void {
    if (flat.length !== this.#sum.length) throw new Error(`RunningSum.add: expected ${this.#sum.length} coordinates, got ${flat.length}`);
    if (!(weight > 0) || !Number.isFinite(weight)) throw new Error(`RunningSum.add: weight should be positive and finite, got ${weight}`);
    if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`RunningSum.add: scale should be positive and finite, got ${scale}`);
    const coefficient = weight * scale;
    const sum = this.#sum;
    // The first report sets the sum rather than adding to +0, which would turn -0 into +0.
    if (this.#count === 0) for (let j = 0; j < sum.length; j++) sum[j] = coefficient * flat[j]!;
    else for (let j = 0; j < sum.length; j++) sum[j] = sum[j]! + coefficient * flat[j]!;
    this.#count++;
    this.#totalWeight += weight;
  }

  /**
   * The weighted mean, rounded once to float32, into `into` when given (the round's decode scratch,
   * say, to save a state-sized array). Throws before the first report (a bug).
   */
  mean(into?: Float32Array): Float32Array {
    if (this.#count === 0) throw new Error('RunningSum.mean: no report was added');
    if (into && into.length !== this.#sum.length) throw new Error(`RunningSum.mean: into holds ${into.length} coordinates, the sum ${this.#sum.length}`);
    const mean = into ?? new Float32Array(this.#sum.length);
    const total = this.#totalWeight;
    for (let j = 0; j < mean.length; j++) mean[j] = this.#sum[j]! / total;
    return mean;
  }
}
