// One stretch of contributing: the training Web Worker from Contribute to Stop. Stop asks the
// worker to give its lease back; a worker that does not answer in time (stuck inside a long
// kernel) is terminated and the page gives the lease back itself.
import * as Comlink from 'comlink';
import type { CoordinatorClient } from '../coordinator/index.ts';
import type { VolunteerEnd, VolunteerListener, VolunteerStatus } from '../volunteer/index.ts';
import type { BackendInfo, BackendRequest, ThreadInfo, VolunteerWorkerApi } from './worker-api.ts';

const STOP_GRACE_MS = 5000;

export class WorkerSession {
  readonly #worker: Worker;
  readonly #api: Comlink.Remote<VolunteerWorkerApi>;
  readonly #client: CoordinatorClient;
  #lease: VolunteerStatus['lease'] = null;
  #volunteerKey = '';

  constructor(client: CoordinatorClient, onCrash: (message: string) => void) {
    this.#client = client;
    this.#worker = new Worker(new URL('./volunteer-worker.ts', import.meta.url), { type: 'module', name: 'autogrow-volunteer' });
    this.#worker.addEventListener('error', (event) => onCrash(`the training worker failed: ${event.message || 'it could not load'}`));
    this.#api = Comlink.wrap<VolunteerWorkerApi>(this.#worker);
  }

  init(request: BackendRequest): Promise<BackendInfo> {
    return this.#api.init(request);
  }

  /** runId null: the run the coordinator assigns. */
  run(runId: string | null, volunteerKey: string, onUpdate: VolunteerListener): Promise<VolunteerEnd> {
    this.#volunteerKey = volunteerKey;
    const listener: VolunteerListener = (status, event) => {
      this.#lease = status.lease;
      onUpdate(status, event);
    };
    return this.#api.run(runId, volunteerKey, Comlink.proxy(listener));
  }

  setThreads(threads: number): Promise<ThreadInfo> {
    return this.#api.setThreads(threads);
  }

  pause(): Promise<void> {
    return this.#api.pause();
  }

  resume(): Promise<void> {
    return this.#api.resume();
  }

  /** Ends the stretch with the lease given back, one way or the other. */
  async stop(): Promise<void> {
    const timedOut = Symbol('timed out');
    const answer = await Promise.race([this.#api.stop(), new Promise<typeof timedOut>((resolve) => setTimeout(() => resolve(timedOut), STOP_GRACE_MS))]);
    this.#worker.terminate();
    if (answer === timedOut && this.#lease) await this.#client.release(this.#lease.runId, this.#lease.leaseToken, this.#volunteerKey);
    this.#lease = null;
  }

  /** The tab is going away: no time to ask the worker, so the page gives the lease back itself. */
  abandon(): void {
    const lease = this.#lease;
    this.#worker.terminate();
    if (!lease) return;
    const url = new URL(`/api/runs/${encodeURIComponent(lease.runId)}/release`, this.#client.baseUrl).href;
    navigator.sendBeacon(url, new Blob([JSON.stringify({ leaseToken: lease.leaseToken, volunteerKey: this.#volunteerKey })], { type: 'application/json' }));
  }
}
