// The contribute page's dedicated Web Worker: sets up the tfjs backend and runs the volunteer
// loop here, so training never blocks the page.
import * as Comlink from 'comlink';
import { coordinatorClient } from '../coordinator/index.ts';
import { setKernelThreads } from '../engine/index.ts';
import { executeTask } from '../tasks/execute-task.ts';
import { Volunteer, type VolunteerListener } from '../volunteer/index.ts';
import { recoverFromDeviceLoss, setUpBackend, threadInfo } from './backend-setup.ts';
import type { BackendInfo, BackendRequest, VolunteerWorkerApi } from './worker-api.ts';

let backend: BackendInfo | null = null;
let volunteer: Volunteer | null = null;

const api: VolunteerWorkerApi = {
  async init(request: BackendRequest) {
    backend ??= await setUpBackend(request);
    return backend;
  },
  async run(runId: string | null, volunteerKey: string, onUpdate: VolunteerListener) {
    if (!backend) throw new Error('run: call init first, the backend is not set up');
    if (volunteer) throw new Error('run: this worker already runs a volunteer');
    volunteer = new Volunteer({
      client: coordinatorClient(self.location.origin), runId, volunteerKey, backend: backend.name,
      execute: executeTask, recover: recoverFromDeviceLoss, onUpdate,
    });
    return volunteer.run();
  },
  setThreads(threads: number) {
    const { capacity } = threadInfo();
    setKernelThreads(Math.max(1, Math.min(threads, capacity)));
    return threadInfo();
  },
  pause: () => volunteer?.pause(),
  resume: () => volunteer?.resume(),
  stop: async () => (volunteer ? volunteer.stop() : { reason: 'stopped' }),
};

Comlink.expose(api);
