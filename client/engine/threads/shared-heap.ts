// tfjs-wasm's SIMD binary with its memory declared shared, so kernel threads can work on the same
// heap: the binary defines (and exports) one memory, and a shared memory differs only in its flags.

/** The binary tfjs-wasm 4.22 loads when SIMD works and its own (pthread) threads are off. */
export const SIMD_BINARY = 'tfjs-backend-wasm-simd.wasm';

const MEMORY_SECTION = 5;
const LIMITS_SHARED_WITH_MAXIMUM = 0x03;
/** 4 GiB in 64 KiB pages: what tfjs-wasm declares, and the most a 32-bit memory can have. */
const MAX_PAGES = 65536;

function readUleb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('sharedMemoryBinary: the binary ends inside a number');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return [value, at];
  }
}

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    const byte = value % 128;
    value = Math.floor(value / 128);
    out.push(value ? byte | 0x80 : byte);
  } while (value);
  return out;
}

/**
 * The same module with its one memory shared (keeping the initial size; maximum 4 GiB). Fails on a
 * binary that does not define exactly one memory, e.g. one that imports it.
 */
export function sharedMemoryBinary(binary: Uint8Array): Uint8Array {
  if (binary[0] !== 0x00 || binary[1] !== 0x61 || binary[2] !== 0x73 || binary[3] !== 0x6d) throw new Error('sharedMemoryBinary: not a WebAssembly binary');
  let at = 8;
  while (at < binary.length) {
    const start = at;
    const id = binary[at++]!;
    const [length, body] = readUleb(binary, at);
    const end = body + length;
    if (id === MEMORY_SECTION) {
      const [count, limits] = readUleb(binary, body);
      if (count !== 1) throw new Error(`sharedMemoryBinary: expected one memory, the binary defines ${count}`);
      const flags = binary[limits]!;
      const [initial] = readUleb(binary, limits + 1);
      if (flags > 1) throw new Error(`sharedMemoryBinary: the memory already has flags ${flags}`);
      const content = [...uleb(1), LIMITS_SHARED_WITH_MAXIMUM, ...uleb(initial), ...uleb(MAX_PAGES)];
      const section = [MEMORY_SECTION, ...uleb(content.length), ...content];
      const out = new Uint8Array(binary.length - (end - start) + section.length);
      out.set(binary.subarray(0, start));
      out.set(section, start);
      out.set(binary.subarray(end), start + section.length);
      return out;
    }
    at = end;
  }
  throw new Error('sharedMemoryBinary: the binary defines no memory (it may import one)');
}

/** Whether this context may share WebAssembly memory between threads. */
export function canShareMemory(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  // Browsers hand out SharedArrayBuffer only to cross-origin isolated contexts.
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (isolated === false) return false;
  try {
    return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}
