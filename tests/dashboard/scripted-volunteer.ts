// A volunteer that trains nothing: it leases each task from the real coordinator and reports what
// a run would (a small random delta; a validation accuracy that rises with the epoch, then levels
// off), so a whole tiny run happens in seconds with a history worth plotting.
import type { LeasedTask, RunProgress, Task } from '../../shared/protocol/index.ts';
import { encodeReport } from '../../shared/protocol/index.ts';
import { RandomGenerator } from '../../shared/random/generator.ts';
import { encodeChunkedDelta } from '../../shared/delta/index.ts';
import { stateLayout } from '../../shared/run/state-layout.ts';
import type { CoordinatorClient } from '../../client/coordinator/index.ts';

export const valAccuracy = (epoch: number): number => Math.min(85, 40 + 12 * epoch);
export const TEST_ACCURACY = 75;

async function post(url: string, body: BodyInit, contentType: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function reportBody(api: CoordinatorClient, task: LeasedTask, progress: RunProgress, seed: number): Promise<Uint8Array> {
  const samples = task.shards.reduce((sum, shard) => sum + shard.count, 0);
  const accuracy = task.kind === 'eval' ? (task.split === 'test' ? TEST_ACCURACY : valAccuracy(progress.epoch)) : 50;
  const header = {
    leaseToken: task.leaseToken, taskId: task.taskId, version: task.version, kind: task.kind, samples,
    loss: 2 * Math.exp(-progress.epoch / 3) + 0.2, accuracy, correct: Math.round((samples * accuracy) / 100), seconds: 0.5, backend: 'scripted',
  };
  if (task.kind === 'eval') return encodeReport(header);
  const state = await api.modelState(task.runId, task.version);
  if (!state.ok) throw new Error(state.error);
  const random = new RandomGenerator(seed);
  const delta = Float32Array.from({ length: stateLayout(state.value).length }, () => 1e-3 * random.normal());
  return encodeReport({ ...header, encoding: 'f32' }, encodeChunkedDelta(delta, 'f32'));
}

/** Works the run until the coordinator says it is done; `pauseMs` between tasks lets a watcher see each step. */
export async function volunteerUntilDone(api: CoordinatorClient, runId: string, pauseMs: number, maxTasks = 500): Promise<number> {
  for (let tasks = 0; tasks < maxTasks; tasks++) {
    const task = (await post(new URL(`/api/runs/${runId}/lease`, api.baseUrl).toString(), JSON.stringify({ volunteerId: 'scripted-1', backend: 'scripted' }), 'application/json')) as Task;
    if (task.kind === 'done') return tasks;
    if (task.kind === 'wait') {
      await new Promise((done) => setTimeout(done, 200));
      continue;
    }
    const progress = await api.runProgress(runId);
    if (!progress.ok) throw new Error(progress.error);
    const body = await reportBody(api, task, progress.value, tasks);
    await post(new URL(`/api/runs/${runId}/report`, api.baseUrl).toString(), body as Uint8Array<ArrayBuffer>, 'application/octet-stream');
    await new Promise((done) => setTimeout(done, pauseMs));
  }
  throw new Error(`volunteerUntilDone: run ${runId} was not done after ${maxTasks} tasks`);
}
