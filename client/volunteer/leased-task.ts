// One leased task from download to report: fetch its inputs, run it (once more if the host mends
// a failure, e.g. a lost WebGPU device replaced by WASM), post the report; give the lease back if
// the task cannot be finished.
import { encodeReport, type LeasedTask } from '../../shared/protocol/index.ts';
import type { Result } from '../../shared/result/index.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { CoordinatorClient } from '../coordinator/index.ts';
import type { TaskExecutor, TaskOutput } from '../tasks/execute-task.ts';
import type { VolunteerMemory } from '../tasks/volunteer-memory.ts';
import { retryUntil } from './retry.ts';
import type { TaskInputCache } from './task-inputs.ts';
import type { VolunteerEvent, VolunteerStatus } from './volunteer-status.ts';

/** Asked when a task throws: the backend to run it again on, or null when nothing was mended. */
export type TaskRecovery = (error: unknown) => Promise<{ backend: string; note: string } | null>;

export interface TaskContext {
  client: CoordinatorClient;
  inputs: TaskInputCache;
  execute: TaskExecutor;
  /** Momentum and error feedback kept from this volunteer's earlier tasks of the run. */
  memory: VolunteerMemory;
  recover?: TaskRecovery;
  policy: BackoffPolicy;
  random: () => number;
  status: () => VolunteerStatus;
  update: (patch: Partial<VolunteerStatus>, event: VolunteerEvent) => void;
}

export type TaskOutcome = Result<null>;

/** Thrown from the progress callback: the only way into a running task is between its batches. */
class TaskStopped extends Error {}

const PROGRESS_INTERVAL_MS = 250;

export async function runLeasedTask(task: LeasedTask, signal: AbortSignal, ctx: TaskContext): Promise<TaskOutcome> {
  const { runId, taskId, kind } = task;
  const samplesTotal = task.shards.reduce((sum, shard) => sum + shard.count, 0);
  ctx.update({ activity: 'downloading', lease: { runId, leaseToken: task.leaseToken }, task: { id: taskId, kind, samplesDone: 0, samplesTotal, imagesPerSecond: null } }, { type: 'activity' });
  const retry = { policy: ctx.policy, random: ctx.random, deadline: task.deadline, signal, onRetry: (error: string) => ctx.update({ problem: error }, { type: 'problem', message: error }) };
  const inputs = await retryUntil(() => ctx.inputs.load(task, signal), retry);
  if (!inputs.ok) return giveBack(task, ctx, signal.aborted ? null : inputs.error);

  let output: TaskOutput | null = null;
  for (let attempt = 0; output === null; attempt++) {
    try {
      ctx.update({ activity: kind === 'eval' ? 'evaluating' : 'training' }, { type: 'activity' });
      output = await ctx.execute(task, inputs.value, ctx.memory, progressListener(signal, ctx));
    } catch (error) {
      if (error instanceof TaskStopped) return giveBack(task, ctx, null);
      const mended = attempt === 0 && ctx.recover ? await ctx.recover(error) : null;
      const failed = `${kind} task ${taskId} failed on ${ctx.status().backend}: ${error instanceof Error ? error.message : String(error)}`;
      if (!mended) return giveBack(task, ctx, failed);
      const problem = `${failed}; ${mended.note}, running it again on ${mended.backend}`;
      ctx.update({ backend: mended.backend, problem }, { type: 'problem', message: problem });
    }
  }

  ctx.update({ activity: 'reporting' }, { type: 'activity' });
  const header = { leaseToken: task.leaseToken, taskId, version: task.version, kind, backend: ctx.status().backend, ...output.measurement };
  const body = encodeReport(header, output.payload);
  const posted = await retryUntil(() => ctx.client.report(runId, body), retry);
  const finished = { taskId, kind, samples: header.samples, seconds: header.seconds, backend: header.backend, accepted: posted.ok };
  const imagesPerSecond = kind === 'eval' ? ctx.status().imagesPerSecond : header.samples / header.seconds;
  if (!posted.ok) {
    // A refused report means the lease is gone (expired, or the round moved on): nothing to give
    // back. The loop tells of the refusal as it backs off.
    ctx.update({ task: null, lease: null, imagesPerSecond }, { type: 'task-finished', task: finished });
    return { ok: false, error: posted.error };
  }
  const { tasksDone, samplesDone, tasksByBackend } = ctx.status();
  const byBackend = { ...tasksByBackend, [header.backend]: (tasksByBackend[header.backend] ?? 0) + 1 };
  ctx.update(
    { task: null, lease: null, imagesPerSecond, problem: null, tasksDone: tasksDone + 1, samplesDone: samplesDone + header.samples, tasksByBackend: byBackend },
    { type: 'task-finished', task: finished },
  );
  return { ok: true, value: null };
}

function progressListener(signal: AbortSignal, ctx: TaskContext): (done: number, total: number) => void {
  const started = performance.now();
  let shownAt = 0;
  return (samplesDone, samplesTotal) => {
    if (signal.aborted) throw new TaskStopped('stopped');
    const now = performance.now();
    if (now - shownAt < PROGRESS_INTERVAL_MS && samplesDone < samplesTotal) return;
    shownAt = now;
    const task = ctx.status().task;
    if (!task) return;
    const imagesPerSecond = samplesDone > 0 ? samplesDone / ((now - started) / 1000) : null;
    const live = task.kind === 'eval' ? {} : { imagesPerSecond };
    ctx.update({ task: { ...task, samplesDone, samplesTotal, imagesPerSecond }, ...live }, { type: 'progress' });
  };
}

/** Hands the lease back so another volunteer gets the task now rather than at its deadline; a null reason means told to stop. */
async function giveBack(task: LeasedTask, ctx: TaskContext, reason: string | null): Promise<TaskOutcome> {
  if (Date.now() < task.deadline) {
    const released = await ctx.client.release(task.runId, task.leaseToken);
    if (!released.ok) ctx.update({ problem: released.error }, { type: 'problem', message: released.error });
  }
  ctx.update({ task: null, lease: null }, { type: 'activity' });
  if (reason === null) return { ok: false, error: 'stopped' };
  ctx.update({ problem: reason }, { type: 'problem', message: reason });
  return { ok: false, error: reason };
}
