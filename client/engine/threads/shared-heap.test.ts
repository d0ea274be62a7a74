// The shared-memory rewrite of tfjs-wasm's SIMD binary: only the memory's flags and maximum change,
// the module still validates, and binaries it cannot rewrite are refused with a reason.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedMemoryBinary, SIMD_BINARY } from './shared-heap.ts';

const directory = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
const binary = (name: string) => new Uint8Array(readFileSync(`${directory}/${name}`));

/** A module of one memory, exported as "m", with the given limits bytes (flags, initial, maximum?). */
const memoryModule = (limits: number[]) => Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, limits.length + 1, 1, ...limits, 7, 5, 1, 1, 0x6d, 2, 0]);

describe('sharedMemoryBinary', () => {
  it('gives a module whose memory is shared, keeps its initial size and grows', () => {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(sharedMemoryBinary(memoryModule([0x00, 2])) as BufferSource));
    const memory = instance.exports.m as WebAssembly.Memory;
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(memory.buffer.byteLength).toBe(2 * 65536);
    memory.grow(3);
    expect(memory.buffer.byteLength).toBe(5 * 65536);
  });

  it('changes nothing but the memory section (flags 3, maximum 65536 pages)', () => {
    const original = memoryModule([0x01, 1, 4]);
    const exportSection = [...original.subarray(14)];
    expect([...sharedMemoryBinary(original)]).toEqual([...original.subarray(0, 8), 5, 6, 1, 0x03, 1, 0x80, 0x80, 0x04, ...exportSection]);
  });

  it('rewrites the tfjs-wasm 4.22 SIMD binary into a valid module that still exports its memory', () => {
    const module = new WebAssembly.Module(sharedMemoryBinary(binary(SIMD_BINARY)) as BufferSource);
    expect(WebAssembly.Module.exports(module)).toContainEqual({ name: 'memory', kind: 'memory' });
  });

  it('refuses what it cannot rewrite: not wasm, an imported memory, a memory already shared', () => {
    expect(() => sharedMemoryBinary(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/not a WebAssembly binary/);
    expect(() => sharedMemoryBinary(binary('tfjs-backend-wasm-threaded-simd.wasm'))).toThrow(/defines no memory/);
    expect(() => sharedMemoryBinary(memoryModule([0x03, 1, 4]))).toThrow(/already has flags 3/);
  });
});
