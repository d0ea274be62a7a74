// The round in flight's deltas, combined as they come: a running sample-weighted sum for 'mean'
// and 'norm-clip' (a report is clipped when it is accepted), so a round holds O(state) memory
// whatever its size; the robust rules read the stored reports one chunk of coordinates at a time
// when the round closes.
import { clipScale, combineBlockwise, flatNorm, RunningSum } from '../aggregate/streaming.ts';
import type { RunConfig } from '../config/run-config.ts';
import { decodeDeltaChunk, DELTA_CHUNK, deltaChunks, type DeltaEncoding } from '../delta/index.ts';
import { trainableSquaredNorm } from './noise-scale.ts';

/** A chunk of the delta a report of the round (task, lease) left with storage. */
export type StoredChunk = (taskId: string, lease: number, chunk: number) => Uint8Array;

export interface RoundReport {
  taskId: string;
  /** The lease of the report the run took for the task. */
  lease: number;
  samples: number;
  encoding: DeltaEncoding;
}

/** A stored report's whole delta, decoded chunk by chunk into `into`. */
export function storedDelta(read: StoredChunk, report: RoundReport, into: Float32Array): Float32Array {
  for (let chunk = 0; chunk < deltaChunks(into.length); chunk++) {
    decodeDeltaChunk(read(report.taskId, report.lease, chunk), report.encoding, into.length, chunk, into.subarray(chunk * DELTA_CHUNK));
  }
  return into;
}

export class RoundAggregate {
  readonly #fleet: RunConfig['fleet'];
  readonly #length: number;
  readonly #statistics: readonly { start: number; end: number }[];
  #sum: RunningSum | null;
  #spent = false;
  /** Sum and count of the reports' squared trainable norms: what the noise scale needs of them. */
  #squaredNorms = 0;
  #reports = 0;

  /** `statistics` are the BN running-statistic ranges of the layout, left out of the noise scale. */
  constructor(length: number, fleet: RunConfig['fleet'], statistics: readonly { start: number; end: number }[] = []) {
    this.#fleet = fleet;
    this.#length = length;
    this.#statistics = statistics;
    this.#sum = fleet.aggregation === 'mean' || fleet.aggregation === 'norm-clip' ? new RunningSum(length) : null;
  }

  get length(): number {
    return this.#length;
  }

  /** Takes an accepted report's delta; the robust rules read it back from storage instead. */
  add(flat: Float32Array, samples: number, norm: number): void {
    if (this.#spent) throw new Error('RoundAggregate.add: the round was combined already');
    this.#squaredNorms += trainableSquaredNorm(flat, this.#statistics);
    this.#reports++;
    if (!this.#sum) return;
    this.#sum.add(flat, samples, this.#fleet.aggregation === 'norm-clip' ? clipScale(norm, this.#fleet.maxDeltaNorm) : 1);
  }

  /** Rebuilds the sum from the stored reports (after a restart), in task order. */
  replay(reports: readonly RoundReport[], read: StoredChunk): void {
    if (!this.#sum) return;
    const flat = new Float32Array(this.#length);
    for (const report of reports) {
      storedDelta(read, report, flat);
      this.add(flat, report.samples, flatNorm(flat));
    }
  }

  /** The mean squared trainable norm of the reports taken so far; null before two (nothing to compare). */
  meanSquaredNorm(): number | null {
    return this.#reports >= 2 ? this.#squaredNorms / this.#reports : null;
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
        readRange: (start: number) => decodeDeltaChunk(read(report.taskId, report.lease, start / DELTA_CHUNK), report.encoding, this.#length, start / DELTA_CHUNK, scratch),
      };
    });
    return combineBlockwise(aggregation as 'trimmed-mean' | 'median', readers, this.#length, { trimFraction, blockSize: DELTA_CHUNK });
  }
}

