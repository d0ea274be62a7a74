// The round in flight's deltas, combined as they come: a running sample-weighted sum for 'mean'
// and 'norm-clip' (a report is clipped when it is accepted), so a round holds O(state) memory
// whatever its size; the robust rules read the stored reports one chunk of coordinates at a time
// when the round closes.
import { clipScale, combineBlockwise, flatNorm, RunningSum } from '../aggregate/streaming.ts';
import type { RunConfig } from '../config/run-config.ts';
import { decodeDeltaChunk, DELTA_CHUNK, deltaChunks, type DeltaEncoding } from '../delta/index.ts';

/** The chunks a report of the round left with storage. */
export type StoredChunk = (taskId: string, chunk: number) => Uint8Array;

export interface RoundReport {
  taskId: string;
  samples: number;
  encoding: DeltaEncoding;
}

export class RoundAggregate {
  readonly #fleet: RunConfig['fleet'];
  readonly #length: number;
  #sum: RunningSum | null;
  #spent = false;

  constructor(length: number, fleet: RunConfig['fleet']) {
    this.#fleet = fleet;
    this.#length = length;
    this.#sum = fleet.aggregation === 'mean' || fleet.aggregation === 'norm-clip' ? new RunningSum(length) : null;
  }

  get length(): number {
    return this.#length;
  }

  /** Takes an accepted report's delta; the robust rules read it back from storage instead. */
  add(flat: Float32Array, samples: number, norm: number): void {
    if (this.#spent) throw new Error('RoundAggregate.add: the round was combined already');
    if (!this.#sum) return;
    this.#sum.add(flat, samples, this.#fleet.aggregation === 'norm-clip' ? clipScale(norm, this.#fleet.maxDeltaNorm) : 1);
  }

  /** Rebuilds the sum from the stored reports (after a restart), in task order. */
  replay(reports: readonly RoundReport[], read: StoredChunk): void {
    if (!this.#sum) return;
    const flat = new Float32Array(this.#length);
    for (const report of reports) {
      for (let chunk = 0; chunk < deltaChunks(this.#length); chunk++) {
        decodeDeltaChunk(read(report.taskId, chunk), report.encoding, this.#length, chunk, flat.subarray(chunk * DELTA_CHUNK));
      }
      this.add(flat, report.samples, flatNorm(flat));
    }
  }

  /**
   * The round's combined delta; `reports` are its reported tasks in task order. The running sum is
   * let go at once (the round is closing), so the new state is built beside the mean, not the sum.
   */
  combined(reports: readonly RoundReport[], read: StoredChunk): Float32Array {
    this.#spent = true;
    if (this.#sum) {
      const mean = this.#sum.mean();
      this.#sum = null;
      return mean;
    }
    const { aggregation, trimFraction } = this.#fleet;
    const readers = reports.map((report) => {
      const scratch = new Float32Array(DELTA_CHUNK);
      return {
        samples: report.samples,
        readRange: (start: number) => decodeDeltaChunk(read(report.taskId, start / DELTA_CHUNK), report.encoding, this.#length, start / DELTA_CHUNK, scratch),
      };
    });
    return combineBlockwise(aggregation as 'trimmed-mean' | 'median', readers, this.#length, { trimFraction, blockSize: DELTA_CHUNK });
  }
}

