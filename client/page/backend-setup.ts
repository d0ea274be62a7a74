// Picks and starts the worker's tfjs backend: WebGPU when the browser offers an adapter, else
// WASM (the engine's kernels on the threads asked for when the page is cross-origin isolated).
// Says why, and watches the GPU device so a loss mid-task can fall back to WASM.
import { backend as activeBackend } from '@tensorflow/tfjs-core';
import { initBackend, kernelThreadCapacity, kernelThreads } from '../engine/index.ts';
import type { TaskRecovery } from '../volunteer/index.ts';
import { WASM_DIRECTORY } from './wasm-directory.ts';
import type { BackendInfo, BackendRequest, ThreadInfo } from './worker-api.ts';

/**
 * How long a failed task waits for the device's `lost` promise: the task's own failure (a
 * rejected mapAsync) comes first, and SwiftShader settled `lost` 1.4 s later here.
 */
const LOSS_GRACE_MS = 5000;

let gpuDevice: GPUDevice | null = null;
/** The threads asked for, kept for a WASM start after a lost GPU device. */
let wasmThreads = 1;

export const threadInfo = (): ThreadInfo => ({ running: kernelThreads(), capacity: kernelThreadCapacity() });

export async function setUpBackend(request: BackendRequest): Promise<BackendInfo> {
  wasmThreads = request.threads;
  const gpu = await probeWebGpu(request.webgpu);
  if (gpu.adapter) {
    try {
      const started = await initBackend(['webgpu']);
      // tfjs-backend-webgpu keeps its GPUDevice on the backend object.
      gpuDevice = (activeBackend() as { device?: GPUDevice }).device ?? null;
      return { name: started.name, detail: adapterDetail(gpu.adapter), reason: 'WebGPU has an adapter here', threads: threadInfo() };
    } catch (error) {
      return startWasm(`WebGPU did not start (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return startWasm(gpu.reason);
}

/** A lost GPU device cannot be revived: the task runs again on WASM, and so do the ones after it. */
export const recoverFromDeviceLoss: TaskRecovery = async () => {
  const device = gpuDevice;
  if (!device) return null;
  const lost = await Promise.race([device.lost, new Promise<null>((resolve) => setTimeout(() => resolve(null), LOSS_GRACE_MS))]);
  if (!lost) return null;
  gpuDevice = null;
  const note = `the WebGPU device was lost (${lost.message || lost.reason || 'no reason given'})`;
  const wasm = await startWasm(note);
  return { backend: wasm.name, note };
};

async function startWasm(reason: string): Promise<BackendInfo> {
  const wasmDirectory = new URL(WASM_DIRECTORY, self.location.origin).href;
  const started = await initBackend(['wasm'], { threads: wasmThreads, wasmDirectory });
  // Threads need shared memory, which only a cross-origin isolated page gets (COOP + COEP).
  const isolation = self.crossOriginIsolated ? 'cross-origin isolated' : 'not cross-origin isolated, so one thread';
  return { name: started.name, detail: `${started.detail} (${isolation})`, reason, threads: threadInfo() };
}

async function probeWebGpu(wanted: boolean): Promise<{ adapter: GPUAdapter; reason?: never } | { adapter: null; reason: string }> {
  if (!wanted) return { adapter: null, reason: 'WebGPU turned off for this page (?backend=wasm)' };
  if (!('gpu' in navigator) || !navigator.gpu) return { adapter: null, reason: 'this browser has no WebGPU' };
  const adapter = await navigator.gpu.requestAdapter().catch(() => null);
  if (!adapter) return { adapter: null, reason: 'WebGPU found no adapter (no usable GPU, or the browser blocks it)' };
  return { adapter };
}

function adapterDetail(adapter: GPUAdapter): string {
  // GPUAdapter.info replaced requestAdapterInfo() in browsers; @webgpu/types 0.1.38 predates it.
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info;
  const { vendor, architecture, description } = info ?? { vendor: '', architecture: '', description: '' };
  const named = [vendor, architecture, description].filter((part) => part).join(' ');
  return `WebGPU, ${named || 'adapter without a name'}`;
}
