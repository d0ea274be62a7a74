// Verification by replication (BOINC's answer to volunteers that lie): a replicated task is done by
// distinct volunteers, and the run takes a result only once enough of them agree. Eval counts are
// deterministic for one state, train deltas for one seed and backend, so honest replicas agree
// within the run's replicaTolerance; a volunteer whose result disagrees with the quorum gets a
// strike, all its train tasks are replicated from then on, and three strikes keep it out of the run.
import type { RunConfig } from '../config/run-config.ts';
import { decodeDeltaChunk, DELTA_CHUNK, deltaChunks } from '../delta/index.ts';
import { deriveSeed } from '../random/generator.ts';
import type { StoredChunk } from './round-aggregate.ts';
import type { TaskKind, TaskRecord, TaskReport } from './run-record.ts';

/** Strikes after which a volunteer gets no more work from the run. */
export const STRIKES_TO_REFUSE = 3;
/** Replicas a task may ask for before it takes its latest report without a quorum. */
export const MAX_REPLICAS = 4;

const REPLICATION_SALT = 0x7265706c;

/**
 * Agreeing reports a new task needs: evals evalReplicas, a seeded share of train tasks two; never
 * more than the volunteers at work, since replicas must come from distinct volunteers.
 */
export function replicasFor(kind: TaskKind, taskNumber: number, runSeed: number, fleet: RunConfig['fleet'], volunteersAtWork: number): number {
  const wanted = kind === 'eval' ? fleet.evalReplicas
    : kind === 'adam-init' || fleet.trainReplication === 0 ? 1
    : deriveSeed(runSeed, REPLICATION_SALT, taskNumber) / 2 ** 32 < fleet.trainReplication ? 2 : 1;
  return Math.max(1, Math.min(wanted, volunteersAtWork));
}

/**
 * A candidate that waited a lease timeout with no copy out: no other volunteer came to check it,
 * so the run takes it unjudged rather than wait for ever.
 */
export function unchecked(task: TaskRecord, now: number, leaseSeconds: number): TaskReport | null {
  const latest = task.candidates.at(-1);
  if (task.report || !latest || task.leases.length > 0) return null;
  const waitedSince = Math.max(...task.candidates.map((candidate) => candidate.reportedAt));
  return now - waitedSince >= leaseSeconds * 1000 ? latest : null;
}

/** Volunteers that hold or reported a copy of the task: a replica must come from someone else. */
export const copyHolders = (task: TaskRecord): Set<string> => new Set([...task.leases.map((lease) => lease.volunteerId), ...task.candidates.map((report) => report.volunteerId)]);

export const evalCountsAgree = (a: TaskReport, b: TaskReport, fleet: RunConfig['fleet']): boolean =>
  Math.abs(a.correct - b.correct) <= Math.max(1, Math.floor(fleet.replicaTolerance * a.samples));

/** ||a - b|| / max(||a||, ||b||), with b read back from storage chunk by chunk. */
export function deltaDistance(flat: Float32Array, stored: TaskReport, taskId: string, read: StoredChunk): number {
  const scratch = new Float32Array(DELTA_CHUNK);
  let difference = 0;
  let normA = 0;
  let normB = 0;
  for (let chunk = 0; chunk < deltaChunks(flat.length); chunk++) {
    const other = decodeDeltaChunk(read(taskId, stored.lease, chunk), stored.encoding!, flat.length, chunk, scratch);
    const offset = chunk * DELTA_CHUNK;
    for (let j = 0; j < other.length; j++) {
      const a = flat[offset + j]!;
      const b = other[j]!;
      difference += (a - b) * (a - b);
      normA += a * a;
      normB += b * b;
    }
  }
  const scale = Math.sqrt(Math.max(normA, normB));
  return scale === 0 ? 0 : Math.sqrt(difference) / scale;
}
