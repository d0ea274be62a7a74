// The contract between the contribute page and its training Web Worker (Comlink): the page
// chooses, the worker trains; only small status objects cross, never model or data buffers.
import type { VolunteerEnd, VolunteerListener } from '../volunteer/index.ts';

export interface BackendRequest {
  /** False forces WASM even where WebGPU works (?backend=wasm). */
  webgpu: boolean;
  /** Threads for the WASM kernels (more than one needs a cross-origin isolated page). */
  threads: number;
}

/** The WASM kernel threads in use, and how many the worker started (the most it can use). */
export interface ThreadInfo {
  running: number;
  capacity: number;
}

export interface BackendInfo {
  /** What leases and reports name: "webgpu" or "wasm". */
  name: string;
  /** The adapter, or SIMD and threads: what the page shows. */
  detail: string;
  /** Why this backend and not another, in words. */
  reason: string;
  threads: ThreadInfo;
}

export interface VolunteerWorkerApi {
  init(request: BackendRequest): Promise<BackendInfo>;
  /** Works for the run (null: the runs the coordinator assigns) until it ends or stop(); resolves with how it ended. */
  run(runId: string | null, volunteerKey: string, onUpdate: VolunteerListener): Promise<VolunteerEnd>;
  /** Changes the WASM kernel threads, up to the capacity, effective from the next kernel. */
  setThreads(threads: number): ThreadInfo;
  pause(): void;
  resume(): void;
  stop(): Promise<VolunteerEnd>;
}
