// IEEE 754 half precision from and to float32, by bit manipulation: round to nearest, ties to
// even, subnormals kept, magnitudes from 65520 up overflow to infinity (no clamping, see codec.ts).

const SMALLEST_NORMAL_BITS = 0x38800000; // 2^-14 as float32 bits
const OVERFLOW_BITS = 0x47800000; // 2^16: every magnitude at or above it is no finite half
const REBIAS = 0x38000000; // (127 - 15) << 23: the float32 exponent bias minus the half one
const HALF_INFINITY = 0x7c00;
const HALF_QUIET_NAN = 0x7e00;

/** x rounded to an integer, ties to even; x >= 0. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  return fraction > 0.5 || (fraction === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
}

/** The half bits of a float32 given as its value and its bits (both, so neither is recomputed). */
export function halfFromFloat32(value: number, bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const magnitude = bits & 0x7fffffff;
  if (magnitude >= OVERFLOW_BITS) return sign | (magnitude > 0x7f800000 ? HALF_QUIET_NAN : HALF_INFINITY);
  // A subnormal half counts units of 2^-24; scaling by 2^24 is exact in double.
  if (magnitude < SMALLEST_NORMAL_BITS) return sign | roundHalfEven(Math.abs(value) * 16777216);
  // Drop 13 mantissa bits with round-half-even; a carry moves into the exponent (up to infinity).
  const odd = (magnitude >>> 13) & 1;
  return sign | ((magnitude - REBIAS + 0xfff + odd) >>> 13);
}

let halfValues: Float32Array | null = null;

/** Every half's float32 value, indexed by its bits: 256 KiB, built on first use. */
export function halfToFloat32Table(): Float32Array {
  if (halfValues) return halfValues;
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const exponent = (h >>> 10) & 0x1f;
    const mantissa = h & 0x3ff;
    const magnitude = exponent === 0 ? mantissa * 2 ** -24
      : exponent === 31 ? (mantissa === 0 ? Infinity : NaN)
      : (1024 + mantissa) * 2 ** (exponent - 25);
    table[h] = h & 0x8000 ? -magnitude : magnitude;
  }
  halfValues = table;
  return table;
}
