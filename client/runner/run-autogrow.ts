// The whole AutoGrow run in one process: the coordinator's own run driver (shared/run) in memory,
// with one volunteer, this process, running every task on its engine. Each task goes through the
// same view, codec and checks as a fleet's, so a run through the coordinator computes the same.
import type { RunConfig } from '../../shared/config/run-config.ts';
import type { GrowthLogEntry, Phase } from '../../shared/controller/types.ts';
import { datasetLayout } from '../../shared/dataset/index.ts';
import { runReport, type RunReport } from '../../shared/export/run-report.ts';
import type { EpochRecord, RunProgress } from '../../shared/protocol/index.ts';
import { createRun, liveRun, memoryPort, RunDriver, type LiveRun } from '../../shared/run/index.ts';
import type { ModelState } from '../../shared/state/types.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { VolunteerMemory } from '../tasks/volunteer-memory.ts';
import { localReportBytes, reportLocally, runLocalTask } from './local-task.ts';

export interface RunListener {
  /** Train images of the epoch in progress done so far, of its total. */
  onProgress?: (samplesDone: number, samplesTotal: number) => void;
  onEpoch?: (record: EpochRecord) => void;
  onLog?: (entry: GrowthLogEntry) => void;
  onPhase?: (phase: Phase, progress: RunProgress) => void;
}

export interface RunOutcome {
  report: RunReport;
  state: ModelState;
}

const RUN_ID = 'in-process';
const VOLUNTEER_ID = 'in-process';

/** Train images of the epoch already reported: closed rounds' tally plus the round in flight. */
function epochSamplesDone(live: LiveRun): number {
  if (live.run.work.kind !== 'train') return 0;
  let done = live.run.epoch.tally.samples;
  for (const task of live.tasks.values()) if (task.kind === 'train' && task.report) done += task.report.samples;
  return done;
}

export async function runAutoGrow(config: RunConfig, source: DatasetSource, backend: string, listener: RunListener = {}): Promise<RunOutcome> {
  const layout = datasetLayout(config.dataset);
  const epochSamples = layout.train.reduce((sum, ref) => sum + ref.count, 0);
  const driver = new RunDriver(liveRun(createRun(RUN_ID, { config, layout, now: Date.now() }), config, [], layout), memoryPort());
  const memory = new VolunteerMemory();
  let seen = driver.progress(Date.now());
  while (driver.live.run.status !== 'done') {
    const reply = driver.lease({ volunteerId: VOLUNTEER_ID, backend }, Date.now());
    if (reply.kind !== 'task') throw new Error(`runAutoGrow: the run's only volunteer was told ${JSON.stringify(reply)}`);
    const before = epochSamplesDone(driver.live);
    const training = reply.task.kind === 'train';
    const local = await runLocalTask(driver, reply, source, memory, (done) => training && listener.onProgress?.(before + done, epochSamples));
    const receipt = reportLocally(driver, reply, localReportBytes(local, backend), Date.now());
    if (!receipt.ok) throw new Error(`runAutoGrow: the run refused its own report of task ${reply.task.id}: ${receipt.error}`);
    seen = tell(listener, seen, driver.progress(Date.now()));
  }
  return { report: runReport(seen, config), state: driver.live.state };
}

/** Passes on what a step added to the history, the growth log and the phase. */
function tell(listener: RunListener, before: RunProgress, after: RunProgress): RunProgress {
  for (const record of after.history.slice(before.history.length)) listener.onEpoch?.(record);
  for (const entry of after.log.slice(before.log.length)) listener.onLog?.(entry);
  if (after.phase !== before.phase) listener.onPhase?.(after.phase, after);
  return after;
}
