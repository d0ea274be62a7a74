// A fresh coordinator for one test file: `wrangler dev` on a free port with its own storage folder,
// removed again on close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startCoordinator, type CoordinatorProcess } from '../../../client/cli/coordinator-process.ts';

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
  const { coordinator } = started;
  return {
    ...coordinator,
    async close() {
      await coordinator.stop();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
