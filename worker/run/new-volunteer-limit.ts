// New volunteer ids per client address. A key is free to make, and each new id may take a queued
// task, so without a limit a script could hold a whole round with ids that never report. Counted
// per run over a sliding hour, in memory: a restart forgets the counts, which gains an attacker no
// more than waiting would.

const HOUR_MS = 3_600_000;
/** Addresses remembered at once; the one seen longest ago goes first. */
const MAX_ADDRESSES = 10_000;

/** A limit every browser of a large household or classroom stays under; a script does not. */
export const DEFAULT_NEW_VOLUNTEERS_PER_HOUR = 120;

/** The limit from the NEW_VOLUNTEERS_PER_HOUR variable; unset or not a positive whole number, the default. */
export function newVolunteersPerHour(value: string | undefined): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : DEFAULT_NEW_VOLUNTEERS_PER_HOUR;
}

export class NewVolunteerLimit {
  readonly perHour: number;
  /** Arrival times of new volunteers within the last hour, by address, oldest address first. */
  readonly #arrivals = new Map<string, number[]>();

  constructor(perHour: number) {
    this.perHour = perHour;
  }

  /** Seconds until `address` may bring another new volunteer: 0 if it may now (and it is counted). */
  admit(address: string, now: number): number {
    const recent = (this.#arrivals.get(address) ?? []).filter((at) => now - at < HOUR_MS);
    this.#arrivals.delete(address);
    if (recent.length >= this.perHour) {
      this.#arrivals.set(address, recent);
      return Math.ceil((recent[0]! + HOUR_MS - now) / 1000);
    }
    this.#arrivals.set(address, [...recent, now]);
    if (this.#arrivals.size > MAX_ADDRESSES) this.#arrivals.delete(this.#arrivals.keys().next().value!);
    return 0;
  }
}
