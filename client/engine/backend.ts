// Starts the first tfjs backend that works here, in the caller's order of preference, and says
// what it got (the WebGPU adapter, or WASM's SIMD, kernel threads and whether kernels use FMA).
import * as tf from '@tensorflow/tfjs-core';
import { describeWasmKernels } from './wasm/index.ts';
import { startWasm, type WasmOptions } from './wasm-start.ts';

export type BackendName = 'webgpu' | 'wasm' | 'cpu';

export interface StartedBackend {
  name: BackendName;
  detail: string;
}

async function start(name: BackendName, options: WasmOptions): Promise<string> {
  if (name === 'cpu') {
    await import('@tensorflow/tfjs-backend-cpu');
    if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not initialize');
    return 'JavaScript CPU';
  }
  if (name === 'wasm') return `${await startWasm(options)}, ${describeWasmKernels()}`;
  const webgpu = await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend did not initialize');
  const adapter = (tf.backend() as InstanceType<typeof webgpu.WebGPUBackend>).adapterInfo as unknown as { vendor?: string; architecture?: string };
  return `WebGPU${adapter.vendor ? `, ${adapter.vendor}` : ''}${adapter.architecture ? ` ${adapter.architecture}` : ''}`;
}

/**
 * The first backend of `preferred` that initializes; fails with every backend's reason when none
 * does. `options` set the WASM kernel threads (and where a page serves the tfjs-wasm binaries).
 */
export async function initBackend(preferred: BackendName[], options: WasmOptions = {}): Promise<StartedBackend> {
  const failures: string[] = [];
  for (const name of preferred) {
    try {
      const detail = await start(name, options);
      await tf.ready();
      return { name, detail };
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`initBackend: no backend of [${preferred.join(', ')}] started (${failures.join('; ')})`);
}
