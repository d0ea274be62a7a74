// What a simulated volunteer is like: engine speed, link speeds and request latency, drawn from a
// named profile with a seeded generator. Speeds are in multiply-accumulates per second, so a
// deeper network takes longer per image, as it does on a real engine. Every figure is a named
// constant with its source; docs/fleet/README.md lists them.
import type { RandomGenerator } from '../../shared/random/generator.ts';

export interface VolunteerTraits {
  kind: string;
  /** Forward multiply-accumulates per second of the engine; a training image costs three forwards. */
  macsPerSecond: number;
  downBytesPerSecond: number;
  upBytesPerSecond: number;
  /** One request's round trip. */
  latencySeconds: number;
}

export const PROFILE_NAMES = ['uniform', 'mixed'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const MBIT = 1e6 / 8;

/**
 * This machine's Node volunteer (one WASM thread, 2-core x86): 8-12.5 GMAC/s training mnist-demo
 * nets from 1-1-1 to 4-4-3 (1,764 and 323 images/s), counting a training image as three forward
 * passes; the link is a home connection (50/10 Mbit/s, 30 ms), an assumption, not a measurement.
 */
export const THIS_MACHINE: VolunteerTraits = { kind: 'laptop', macsPerSecond: 10e9, downBytesPerSecond: 50 * MBIT, upBytesPerSecond: 10 * MBIT, latencySeconds: 0.03 };

/**
 * The spread of `uniform`: one kind of machine, each one's speed this machine's times
 * exp(sigma * z) with z standard normal, cut at +-2 (0.55x-1.82x). 0.3 puts the middle 80%
 * within 0.68x-1.47x: this machine's own volunteer ran at 8-12.5 GMAC/s over the demo's nets, and
 * its speed changes up to 2x between sessions with what else runs on it; one laptop model under
 * different loads and thermal states spreads about as much.
 */
export const UNIFORM_SPEED_SIGMA = 0.3;
const UNIFORM_SPEED_CUT = 2;

/**
 * A spread of the devices that open a volunteer page. Assumptions in round numbers, not
 * measurements: a desktop GPU on WebGPU trains about 4x this machine's WASM engine, a phone about
 * a third of it, and one volunteer in ten is a 10x straggler (an old phone or a throttled laptop);
 * links follow public speed-test medians (fixed broadband about 50-100 Mbit/s down, mobile
 * 20 down / 5 up) with a slow tail.
 */
const MIXED: readonly { share: number; traits: VolunteerTraits }[] = [
  { share: 0.1, traits: { kind: 'desktop-gpu', macsPerSecond: 40e9, downBytesPerSecond: 100 * MBIT, upBytesPerSecond: 20 * MBIT, latencySeconds: 0.02 } },
  { share: 0.45, traits: THIS_MACHINE },
  { share: 0.35, traits: { kind: 'phone', macsPerSecond: 3e9, downBytesPerSecond: 20 * MBIT, upBytesPerSecond: 5 * MBIT, latencySeconds: 0.06 } },
  { share: 0.1, traits: { kind: 'straggler', macsPerSecond: 1e9, downBytesPerSecond: 5 * MBIT, upBytesPerSecond: 1 * MBIT, latencySeconds: 0.15 } },
];

export function drawVolunteer(profile: ProfileName, random: RandomGenerator): VolunteerTraits {
  if (profile === 'uniform') {
    const z = Math.max(-UNIFORM_SPEED_CUT, Math.min(UNIFORM_SPEED_CUT, random.normal()));
    return { ...THIS_MACHINE, macsPerSecond: THIS_MACHINE.macsPerSecond * Math.exp(UNIFORM_SPEED_SIGMA * z) };
  }
  let draw = random.next();
  for (const { share, traits } of MIXED) {
    if (draw < share) return traits;
    draw -= share;
  }
  return MIXED.at(-1)!.traits;
}
