// Lease requests held while the round has no work to give (a long poll): a volunteer waiting for
// the next round hears of it the moment a report opens it, instead of at its next poll. Woken
// first come, first served, only as many as there is work for, so a report does not set off a
// stampede of lease steps that find nothing.

export class WaitingVolunteers {
  readonly #waiting: (() => void)[] = [];

  /** Resolves when woken, or after `ms` whatever happens. */
  hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const at = this.#waiting.indexOf(wake);
        if (at >= 0) this.#waiting.splice(at, 1);
        resolve();
      }, ms);
      this.#waiting.push(wake);
    });
  }

  /** Wakes the `count` longest waiting (all of them for Infinity). */
  wake(count: number): void {
    for (const wake of this.#waiting.splice(0, Math.min(count, this.#waiting.length))) wake();
  }

  get size(): number {
    return this.#waiting.length;
  }
}
