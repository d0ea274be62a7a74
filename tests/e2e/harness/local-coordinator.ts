// A fresh coordinator for one test file (`wrangler dev` on a free port with its own storage folder,
// removed again on close), and runs created on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_ADMIN_TOKEN, freePort, startCoordinator, type CoordinatorProcess } from '../../../client/cli/coordinator-process.ts';
import { coordinatorClient } from '../../../client/coordinator/index.ts';
import type { RunConfig } from '../../../shared/config/run-config.ts';

export interface LocalCoordinator extends CoordinatorProcess {
  close(): Promise<void>;
}

export async function startLocalCoordinator(): Promise<LocalCoordinator> {
  const persistTo = mkdtempSync(join(tmpdir(), 'autogrow-e2e-'));
  const started = await startCoordinator({ port: await freePort(), persistTo });
  if (!started.ok) {
    rmSync(persistTo, { recursive: true, force: true });
    throw new Error(started.error);
  }
  const coordinator = started.value;
  return {
    ...coordinator,
    async close() {
      await coordinator.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}

/** Creates a run on the coordinator with the dev admin token; its id. */
export async function createE2eRun(url: string, config: RunConfig): Promise<string> {
  const created = await coordinatorClient(url, { adminToken: DEV_ADMIN_TOKEN }).createRun({ config });
  if (!created.ok) throw new Error(created.error);
  return created.value.id;
}
