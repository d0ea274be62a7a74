// A leased task run in this process, as a volunteer would run it: the task's view, its inputs
// straight from the dataset (no download), the engine, and a report through the wire codec.
import { decodeReport, encodeReport, type LeasedTask, type ReportHeader, type ReportReceipt } from '../../shared/protocol/index.ts';
import type { LeaseRecord, Outcome, RunDriver, TaskRecord } from '../../shared/run/index.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { executeTask, type TaskOutput } from '../tasks/execute-task.ts';
import type { ProgressListener } from '../tasks/run-task.ts';
import type { VolunteerMemory } from '../tasks/volunteer-memory.ts';

/** The lease token of a task that never leaves the process: the driver takes the claims directly. */
const LOCAL_TOKEN = 'in-process';

/** A task as the driver leased it. */
export interface LocalLease {
  task: TaskRecord;
  lease: LeaseRecord;
}

export interface LocalTask {
  task: LeasedTask;
  output: TaskOutput;
}

/** `memory` is the momentum and error feedback of the volunteer this process plays. */
export async function runLocalTask(driver: RunDriver, { task: record, lease }: LocalLease, source: DatasetSource, memory: VolunteerMemory, onProgress: ProgressListener = () => {}): Promise<LocalTask> {
  const task = driver.view(record, lease, LOCAL_TOKEN);
  const inputs = { state: driver.live.state, shards: task.shards.map((shard) => source.shard(shard)) };
  return { task, output: await executeTask(task, inputs, memory, onProgress) };
}

/** The report's wire bytes, as a volunteer on `backend` would post them. */
export function localReportBytes({ task, output }: LocalTask, backend: string): Uint8Array {
  const header: ReportHeader = { leaseToken: task.leaseToken, taskId: task.taskId, version: task.version, kind: task.kind, backend, ...output.measurement };
  return encodeReport(header, output.payload);
}

/** Decodes the bytes as the coordinator does and hands them to the driver with the lease's claims. */
export function reportLocally(driver: RunDriver, { task, lease }: LocalLease, body: Uint8Array, now: number): Outcome<ReportReceipt> {
  const decoded = decodeReport(body);
  if (!decoded.ok) return { ok: false, status: 400, error: decoded.error };
  const claims = { taskId: task.id, lease: lease.lease, version: task.version, deadline: lease.deadline };
  return driver.report({ claims, header: decoded.value.header, payload: decoded.value.payload }, now);
}
