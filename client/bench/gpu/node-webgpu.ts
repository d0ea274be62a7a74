// WebGPU in Node through Dawn (the npm package `webgpu`, whose native addon dawn.node is all it
// needs): loads the addon from a path, puts the WebGPU globals and navigator.gpu where
// tfjs-backend-webgpu looks for them, and asks for an adapter.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface DawnAddon {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

export type AdapterFound = { ok: true; adapter: GPUAdapter; description: string } | { ok: false; error: string };

/** dawn.node beside the bundle (dist/gpu-bench), else the installed package's for this platform. */
export function defaultDawnPath(bundleUrl: string): string {
  const beside = new URL('./dawn.node', bundleUrl);
  if (existsSync(beside)) return beside.pathname;
  const entry = createRequire(bundleUrl).resolve('webgpu');
  return join(dirname(entry), 'dist', `${process.platform}-${process.platform === 'darwin' ? 'universal' : process.arch}`, 'dawn.node');
}

/** Installs Dawn as navigator.gpu and asks it for a high-performance adapter. */
export async function nodeWebGpu(dawnPath: string, flags: string[]): Promise<AdapterFound> {
  if (!existsSync(dawnPath)) return { ok: false, error: `no Dawn addon at ${dawnPath}` };
  let dawn: DawnAddon;
  try {
    dawn = createRequire(import.meta.url)(dawnPath) as DawnAddon;
  } catch (error) {
    return { ok: false, error: `Dawn (${dawnPath}) did not load: ${error instanceof Error ? error.message : String(error)}` };
  }
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create(flags);
  Object.defineProperty(globalThis.navigator, 'gpu', { value: gpu, configurable: true });
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    return {
      ok: false,
      error: 'no WebGPU adapter: Dawn found no GPU it can drive. On Linux it needs the Vulkan loader (libvulkan.so.1) and the GPU driver\'s Vulkan ICD (NVIDIA: nvidia_icd.json; VK_DRIVER_FILES may point at it)',
    };
  }
  // GPUAdapter.info replaced requestAdapterInfo(); @webgpu/types 0.1.38 predates it.
  const info = (adapter as GPUAdapter & { info: GPUAdapterInfo & { device?: string } }).info;
  const description = [info.vendor, info.architecture, info.device, info.description].filter((part) => part).join(', ') || 'an adapter without a name';
  return { ok: true, adapter, description };
}
