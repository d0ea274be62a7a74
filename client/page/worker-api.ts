// The contract between the contribute page and its training Web Worker (Comlink): the page
// chooses, the worker trains; only small status objects cross, never model or data buffers.
import type { VolunteerEnd, VolunteerListener } from '../volunteer/index.ts';

export interface BackendRequest {
  /** False forces WASM even where WebGPU works (?backend=wasm). */
  webgpu: boolean;
  /** WASM threads; null lets the backend take one per core when the page is cross-origin isolated. */
  threads: number | null;
}

export interface BackendInfo {
  /** What leases and reports name: "webgpu" or "wasm". */
  name: string;
  /** The adapter, or SIMD and threads: what the page shows. */
  detail: string;
  /** Why this backend and not another, in words. */
  reason: string;
}

export interface VolunteerWorkerApi {
  init(request: BackendRequest): Promise<BackendInfo>;
  /** Works for the run until it ends or stop(); resolves with how it ended. */
  run(runId: string, volunteerKey: string, onUpdate: VolunteerListener): Promise<VolunteerEnd>;
  pause(): void;
  resume(): void;
  stop(): Promise<VolunteerEnd>;
}
