// Error feedback for lossy delta encodings, kept by a volunteer while it stays: what a report's
// encoding lost is added to the next report's delta, so losses do not pile up over the rounds.
import { decodeChunkedDelta, encodeChunkedDelta } from './chunked-delta.ts';
import type { DeltaEncoding } from './codec.ts';

export class ErrorFeedback {
  /** input - decoded of the last report, float32; null when there is nothing to carry. */
  #residual: Float32Array | null = null;
  #layoutKey: string | null = null;

  /**
   * Encodes flat + the residual kept from the previous call (only under the same layout key: a
   * grown architecture or other tensors start afresh) and keeps what this encoding lost.
   */
  compress(flat: Float32Array, encoding: DeltaEncoding, layoutKey: string): Uint8Array {
    const residual = this.#layoutKey === layoutKey ? this.#residual : null;
    if (residual && residual.length !== flat.length) {
      throw new Error(`ErrorFeedback.compress: layout "${layoutKey.slice(0, 40)}" had ${residual.length} coordinates, the delta has ${flat.length}`);
    }
    let input = flat;
    if (residual) {
      input = new Float32Array(flat.length);
      for (let j = 0; j < flat.length; j++) input[j] = flat[j]! + residual[j]!;
    }
    const bytes = encodeChunkedDelta(input, encoding);
    const decodedDelta = decodeChunkedDelta(bytes, encoding, flat.length);
    // Not finite: nothing to carry (the coordinator refuses such a report anyway).
    const decoded = decodedDelta.ok ? decodedDelta.value : new Float32Array(flat.length).fill(Number.NaN);
    // In double, so the rounding of input to float32 is carried too; the buffer is reused in place.
    const next = residual ?? new Float32Array(flat.length);
    let finite = true;
    for (let j = 0; j < flat.length; j++) {
      next[j] = flat[j]! + (residual ? residual[j]! : 0) - decoded[j]!;
      finite &&= Number.isFinite(next[j]);
    }
    // A non-finite delta is refused by the coordinator; carrying it would poison every later report.
    this.#residual = finite ? next : null;
    this.#layoutKey = layoutKey;
    return bytes;
  }

  /** Forgets the residual: the next report is encoded as it is. */
  reset(): void {
    this.#residual = null;
    this.#layoutKey = null;
  }

  /** The L2 norm of what the next report will carry (0 with nothing kept). */
  residualNorm(): number {
    let squares = 0;
    for (const r of this.#residual ?? []) squares += r * r;
    return Math.sqrt(squares);
  }
}
