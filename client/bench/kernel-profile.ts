// Kernel time of one training step by kernel name (tf.profile), the largest first; scopes of
// composite and custom-gradient ops are left out, so the kernels add up to the step.
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../engine/index.ts';

export async function kernelProfileLines(backend: BackendName, step: () => Promise<unknown>, top: number): Promise<string[]> {
  const profile = await tf.profile(async () => {
    await step();
  });
  const byName = new Map<string, { ms: number; calls: number }>();
  let untimed = 0;
  for (const kernel of profile.kernels) {
    if (!tf.getKernel(kernel.name, backend)) continue;
    // A backend without timers (WebGPU without timestamp queries) reports { error } instead.
    const ms = typeof kernel.kernelTimeMs === 'number' && kernel.kernelTimeMs >= 0 ? kernel.kernelTimeMs : Number.NaN;
    if (Number.isNaN(ms)) untimed++;
    const entry = byName.get(kernel.name) ?? { ms: 0, calls: 0 };
    byName.set(kernel.name, { ms: entry.ms + (Number.isNaN(ms) ? 0 : ms), calls: entry.calls + 1 });
  }
  const total = [...byName.values()].reduce((sum, { ms }) => sum + ms, 0);
  const calls = [...byName.values()].reduce((sum, entry) => sum + entry.calls, 0);
  const lines = [`  kernel time of one training step: ${total.toFixed(0)} ms in ${calls} calls of ${byName.size} kernels${untimed ? ` (${untimed} calls without a time)` : ''}; top ${top}:`];
  for (const [name, { ms, calls: count }] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
    lines.push(`    ${name.padEnd(30)} ${ms.toFixed(1).padStart(8)} ms  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${String(count).padStart(4)} calls`);
  }
  return lines;
}
