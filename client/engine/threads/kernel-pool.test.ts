// The kernel thread pool on its own: every call of every job runs exactly once (a call that ran
// twice, or not at all, shows in a counter it bumps), the other threads take part, and a call that
// traps on a kernel thread fails the job with its message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleModule, FunctionBuilder } from '../wasm/assembler.ts';
import { KernelPool } from './kernel-pool.ts';
import type { KernelFunction } from './control-block.ts';

const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
const counters = new Int32Array(memory.buffer);
let pool: KernelPool;
let bump: { module: number; fn: number };

/** bump(address): memory[address] += 1, a plain load, add and store, as a kernel's accumulation. */
function bumpModule(): WebAssembly.Module {
  const f = new FunctionBuilder(['i32']);
  f.op('local.get', 0).op('local.get', 0).op('i32.load', 0).op('i32.const', 1).op('i32.add').op('i32.store', 0);
  return new WebAssembly.Module(assembleModule({ bump: f }, true) as BufferSource);
}

beforeAll(async () => {
  pool = await KernelPool.start(memory, 3);
  const module = bumpModule();
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  bump = { module: pool.register(module, [instance.exports.bump as KernelFunction]), fn: 0 };
});
afterAll(() => pool.terminate());

describe('KernelPool', () => {
  it('runs every call of back-to-back jobs exactly once, on every thread', () => {
    const JOBS = 3000;
    const CALLS = 7;
    counters.fill(0, 0, CALLS);
    const helped = pool.helperCalls;
    for (let job = 0; job < JOBS; job++) pool.run(Array.from({ length: CALLS }, (_, i) => ({ ...bump, args: [i * 4] })));
    expect(Array.from(counters.subarray(0, CALLS))).toEqual(Array(CALLS).fill(JOBS));
    expect(pool.helperCalls).toBeGreaterThan(helped);
  });

  it('fails the job with the message of a call that trapped', () => {
    const outside = memory.buffer.byteLength;
    expect(() => pool.run(Array.from({ length: 6 }, () => ({ ...bump, args: [outside] })))).toThrow(/kernel call failed.*(out of bounds|memory access)/i);
    counters[0] = 0;
    pool.run([{ ...bump, args: [0] }, { ...bump, args: [0 + 4] }]);
    expect(counters[0]).toBe(1);
  });

  it('refuses float arguments and thread counts it does not have', () => {
    expect(() => pool.run([{ ...bump, args: [0.5] }, { ...bump, args: [4] }])).toThrow(/only i32 arguments/);
    expect(() => pool.setActive(4)).toThrow(/between 1 and 3/);
  });
});
