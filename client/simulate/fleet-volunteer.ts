// One simulated volunteer: what it is like, what it already holds (state shards by hash, data
// shards by path, as a real volunteer's cache), and what it has done: bytes moved, time busy.
// Besides its images, a task costs it fixed work measured on the engine (`npm run bench:volunteer`).
import { VolunteerMemory } from '../tasks/volunteer-memory.ts';
import { THIS_MACHINE, type VolunteerTraits } from './profiles.ts';

/**
 * The page's first start: its script and the engine's WASM binaries (the contribute page's
 * `vite build` output plus the threaded SIMD binary) downloaded once, then compiled (23 ms here).
 */
export const PAGE_START_BYTES = 1.6e6;
export const ENGINE_START_SECONDS = 0.023;
/** Decoding a downloaded state, SHA-256 check included (107-159 MB/s on this machine). */
export const STATE_DECODE_BYTES_PER_SECOND = 150e6;
/** Building the trainer from the state at each task (1.2-3.1 ms for the demo's nets here). */
export const TRAINER_BUILD_SECONDS = 0.002;

export class FleetVolunteer {
  readonly id: string;
  /** Its secret, as a real volunteer's (any 32 characters do in a simulation). */
  readonly key: string;
  readonly traits: VolunteerTraits;
  /** Reports wrong results: a train delta scaled by -10, every eval image counted correct. */
  readonly byzantine: boolean;
  readonly joinedAt: number;
  leftAt: number | null = null;
  bytesDown = 0;
  bytesUp = 0;
  /** Seconds between receiving a task and its report arriving (or leaving with it). */
  busySeconds = 0;
  tasksDone = 0;
  /** Waits the coordinator has held it for: the newest one is the one that counts. */
  holds = 0;
  /** The run it works for; null until one is chosen. */
  runId: string | null = null;
  /** The run whose task it holds now; null between tasks. */
  workingFor: string | null = null;
  /** Its momentum and error feedback in each run it worked for, lost when it leaves. */
  readonly #memories = new Map<string, VolunteerMemory>();
  readonly #held = new Set<string>();
  #started = false;

  constructor(id: string, traits: VolunteerTraits, byzantine: boolean, joinedAt: number) {
    this.id = id;
    this.key = `${id}-simulated-volunteer-key`.padEnd(32, '0');
    this.traits = traits;
    this.byzantine = byzantine;
    this.joinedAt = joinedAt;
  }

  /** Its engine's speed against this machine's: fixed costs measured here scale by it. */
  get #slowdown(): number {
    return THIS_MACHINE.macsPerSecond / this.traits.macsPerSecond;
  }

  memoryFor(runId: string): VolunteerMemory {
    let memory = this.#memories.get(runId);
    if (!memory) {
      memory = new VolunteerMemory();
      this.#memories.set(runId, memory);
    }
    return memory;
  }

  hasFile(key: string): boolean {
    return this.#held.has(key);
  }

  /** Seconds to fetch what it does not hold yet, one request each; it holds them afterwards. */
  download(files: readonly { key: string; bytes: number }[]): number {
    let seconds = 0;
    for (const { key, bytes } of files) {
      if (this.#held.has(key)) continue;
      this.#held.add(key);
      this.bytesDown += bytes;
      seconds += this.traits.latencySeconds + bytes / this.traits.downBytesPerSecond;
    }
    return seconds;
  }

  upload(bytes: number): number {
    this.bytesUp += bytes;
    return this.traits.latencySeconds + bytes / this.traits.upBytesPerSecond;
  }

  /** A training image costs a forward and two backward convolutions: three forwards. */
  computeSeconds(kind: 'train' | 'eval' | 'adam-init', images: number, forwardMacs: number): number {
    return (images * forwardMacs * (kind === 'eval' ? 1 : 3)) / this.traits.macsPerSecond;
  }

  /** A task's work besides its images: the page's start once, decoding a new state, building the trainer. */
  fixedSeconds(newStateBytes: number): number {
    let seconds = TRAINER_BUILD_SECONDS * this.#slowdown + (newStateBytes / STATE_DECODE_BYTES_PER_SECOND) * this.#slowdown;
    if (!this.#started) {
      this.#started = true;
      this.bytesDown += PAGE_START_BYTES;
      seconds += this.traits.latencySeconds + PAGE_START_BYTES / this.traits.downBytesPerSecond + ENGINE_START_SECONDS * this.#slowdown;
    }
    return seconds;
  }

  presentSeconds(end: number): number {
    return (this.leftAt ?? end) - this.joinedAt;
  }
}
