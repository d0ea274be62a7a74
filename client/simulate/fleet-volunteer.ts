// One simulated volunteer: what it is like, what it already holds (state shards by hash, data
// shards by path, as a real volunteer's cache), and what it has done: bytes moved, time busy.
import { VolunteerMemory } from '../tasks/volunteer-memory.ts';
import type { VolunteerTraits } from './profiles.ts';

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
  /** Its momentum and error feedback, lost when it leaves. */
  readonly memory = new VolunteerMemory();
  readonly #held = new Set<string>();

  constructor(id: string, traits: VolunteerTraits, byzantine: boolean, joinedAt: number) {
    this.id = id;
    this.key = `${id}-simulated-volunteer-key`.padEnd(32, '0');
    this.traits = traits;
    this.byzantine = byzantine;
    this.joinedAt = joinedAt;
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

  presentSeconds(end: number): number {
    return (this.leftAt ?? end) - this.joinedAt;
  }
}
