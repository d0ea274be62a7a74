// The robust rules (trimmed mean, median) over a round's stored reports, one block of
// coordinates at a time: memory is blockSize x reports floats plus the result, whatever the round.
import { medianInto, trimmedMeanInto } from './coordinate-statistics.ts';

/** A report kept outside memory (storage, a byte string) that can hand out a coordinate range. */
export interface StoredReport {
  samples: number;
  /** Coordinates [start, end) of the report's flat delta; it may reuse the array it gave for the previous block. */
  readRange(start: number, end: number): Float32Array;
}

export interface BlockwiseOptions {
  /** 'trimmed-mean' drops floor(trimFraction * reports) values at each end of every coordinate. */
  trimFraction: number;
  /** Coordinates per block; DEFAULT_COMBINE_BLOCK when left out. */
  blockSize?: number;
}

/** 65536 coordinates: 8 MiB of float32 columns for 32 reports, and few reads per report. */
export const DEFAULT_COMBINE_BLOCK = 65536;

/**
 * The same values as combineDeltas with this rule on the same reports (the same statistics
 * code, coordinate by coordinate), so the result is bit for bit the batch one. Unweighted, as there.
 */
export function combineBlockwise(rule: 'trimmed-mean' | 'median', reports: StoredReport[], length: number, options: BlockwiseOptions): Float32Array {
  const blockSize = options.blockSize ?? DEFAULT_COMBINE_BLOCK;
  if (reports.length === 0) throw new Error('combineBlockwise: expected at least one report, got none');
  for (const [r, report] of reports.entries()) {
    if (!(report.samples > 0) || !Number.isFinite(report.samples)) {
      throw new Error(`combineBlockwise: report ${r} should have a positive sample count, got ${report.samples}`);
    }
  }
  if (!(options.trimFraction >= 0 && options.trimFraction < 0.5)) {
    throw new Error(`combineBlockwise: trimFraction should be in [0, 0.5), got ${options.trimFraction}`);
  }
  if (!Number.isSafeInteger(blockSize) || blockSize < 1) throw new Error(`combineBlockwise: blockSize should be a positive integer, got ${blockSize}`);
  if (!Number.isSafeInteger(length) || length < 0) throw new Error(`combineBlockwise: length should be a non-negative integer, got ${length}`);

  const trim = Math.floor(options.trimFraction * reports.length);
  const statistic = rule === 'trimmed-mean' ? (block: Float32Array, sources: Float32Array[]) => trimmedMeanInto(block, sources, trim)
    : rule === 'median' ? medianInto
    : null;
  if (!statistic) throw new Error(`combineBlockwise: rule should be trimmed-mean or median, got ${rule}`);
  const out = new Float32Array(length);
  for (let start = 0; start < length; start += blockSize) {
    const end = Math.min(start + blockSize, length);
    const sources = reports.map((report, r) => {
      const range = report.readRange(start, end);
      if (range.length !== end - start) throw new Error(`combineBlockwise: report ${r} gave ${range.length} coordinates for [${start}, ${end})`);
      return range;
    });
    statistic(out.subarray(start, end), sources);
  }
  return out;
}
