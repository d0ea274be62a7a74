// Starts the first tfjs backend that works here, in the caller's order of preference, and says
// what it got (the WebGPU adapter, or WASM's SIMD/threads and whether kernels use FMA).
import * as tf from '@tensorflow/tfjs-core';
import { describeWasmKernels } from './wasm/index.ts';

export type BackendName = 'webgpu' | 'wasm' | 'cpu';

export interface StartedBackend {
  name: BackendName;
  detail: string;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * In Node the .wasm binaries are read from the installed package; a browser page sets its own
 * paths. tfjs accepts paths only before the backend's first start.
 */
async function nodeWasmPaths(): Promise<void> {
  if (tf.findBackend('wasm')) return;
  const { createRequire } = await import('node:module');
  const { dirname } = await import('node:path');
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(`${dirname(entry)}/`);
}

async function start(name: BackendName): Promise<string> {
  if (name === 'cpu') {
    await import('@tensorflow/tfjs-backend-cpu');
    if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not initialize');
    return 'JavaScript CPU';
  }
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (isNode) await nodeWasmPaths();
    if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not initialize');
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = wasm.getThreadsCount();
    return `WASM, ${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}, ${describeWasmKernels()}`;
  }
  const webgpu = await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend did not initialize');
  const adapter = (tf.backend() as InstanceType<typeof webgpu.WebGPUBackend>).adapterInfo as unknown as { vendor?: string; architecture?: string };
  return `WebGPU${adapter.vendor ? `, ${adapter.vendor}` : ''}${adapter.architecture ? ` ${adapter.architecture}` : ''}`;
}

/** The first backend of `preferred` that initializes; fails with every backend's reason when none does. */
export async function initBackend(preferred: BackendName[]): Promise<StartedBackend> {
  const failures: string[] = [];
  for (const name of preferred) {
    try {
      const detail = await start(name);
      await tf.ready();
      return { name, detail };
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`initBackend: no backend of [${preferred.join(', ')}] started (${failures.join('; ')})`);
}
