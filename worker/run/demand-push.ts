// A run's demand on its way to the assigning object. After each step the run's object calls
// changed(); the demand is sent only when it differs from the last one the assigner took, and one
// send at a time, each carrying the demand as it is when it leaves: sends arrive in step order, so
// the assigner never takes an older demand after a newer one. A send that fails leaves the last
// taken value as it was, so the next step sends again: a lost push heals at the next change.
import type { DemandView } from '../../shared/assign/index.ts';

/** null: the run is over. */
export type RunDemandNow = DemandView | null;

export interface DemandPushPort {
  read(): RunDemandNow;
  send(demand: RunDemandNow): Promise<void>;
  /** Keeps the object alive while a send is in flight (ctx.waitUntil). */
  keepAlive(sending: Promise<void>): void;
  onError(error: unknown): void;
}

export class DemandPush {
  readonly #port: DemandPushPort;
  /** The demand the assigner took last, as JSON; undefined: none yet (since this object woke). */
  #taken: string | undefined = undefined;
  #sending = false;
  #again = false;

  constructor(port: DemandPushPort) {
    this.#port = port;
  }

  changed(): void {
    if (this.#sending) {
      this.#again = true;
      return;
    }
    const demand = this.#port.read();
    // Infinity (unmeasured noise) becomes null in JSON: no measured scale is null, so nothing collides.
    const json = JSON.stringify(demand);
    if (json === this.#taken) return;
    this.#sending = true;
    const sending = this.#port.send(demand).then(
      () => {
        this.#taken = json;
      },
      (error: unknown) => this.#port.onError(error),
    ).finally(() => {
      this.#sending = false;
      if (!this.#again) return;
      this.#again = false;
      this.changed();
    });
    this.#port.keepAlive(sending);
  }
}
