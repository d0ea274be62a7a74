// One run driven by the shared run driver with N simulated volunteers that name it, on a virtual
// clock (fleet-simulation.ts): training is real, time is simulated, and the same options give the
// same result, bit for bit.
import type { RunConfig } from '../../shared/config/run-config.ts';
import { runReport, type RunReport } from '../../shared/export/run-report.ts';
import type { ModelState } from '../../shared/state/index.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import type { FleetPoint, FleetProgress, FleetRun } from './fleet-run.ts';
import { FleetSimulation, type FleetDraw } from './fleet-simulation.ts';
import type { FleetVolunteer } from './fleet-volunteer.ts';
import { testCurve, type TestPoint } from './test-curve.ts';

export type { FleetPoint, FleetProgress } from './fleet-run.ts';

export interface FleetOptions extends FleetDraw {
  /** Validation accuracy (percent) whose first epoch is the run's time to target. */
  targetValAcc: number;
  /** Also measure each epoch's model on the test split (time to accuracy); off, the curve has validation only. */
  testEachEpoch: boolean;
}

export interface FleetResult {
  options: FleetOptions;
  roundSize: number;
  /** Simulated wall time from the run's creation to done. */
  seconds: number;
  secondsToTarget: number | null;
  testAcc: number | null;
  architecture: string;
  rounds: number;
  tasksReported: number;
  tasksLost: number;
  reportsRefused: number;
  /** Times the run rolled back to its last good epoch start. */
  rollbacks: number;
  /** Volunteers that took part and reported wrong results. */
  byzantineVolunteers: number;
  /** Accepted reports of each volunteer that took part, in the order they joined. */
  tasksPerVolunteer: number[];
  bytesDownPerVolunteer: number;
  bytesUpPerVolunteer: number;
  /** Share of the volunteers' time spent waiting for work. */
  idleFraction: number;
  curve: FleetPoint[];
  /** The model each epoch's validation measured, on the test split; empty unless testEachEpoch. */
  testCurve: TestPoint[];
  /** Sub-modules of the found net, all stages together. */
  depth: number;
  /** Bytes the run's object served (each state shard once a version, every manifest). */
  objectEgressBytes: number;
  report: RunReport;
  state: ModelState;
}

export async function simulateFleet(config: RunConfig, source: DatasetSource, options: FleetOptions, onProgress: FleetProgress = () => {}): Promise<FleetResult> {
  const simulation = new FleetSimulation(options, false);
  void simulation.addRun(config.name, config, source, onProgress);
  simulation.close();
  await simulation.run();
  return fleetResult(simulation.runs[0]!, simulation.fleet, simulation.now, options);
}

/** Share of the fleet's time present that it spent waiting for work, up to `end`. */
export function idleFraction(fleet: readonly FleetVolunteer[], end: number): number {
  const present = fleet.reduce((sum, v) => sum + v.presentSeconds(end), 0);
  const busy = fleet.reduce((sum, v) => sum + v.busySeconds, 0);
  return present > 0 ? Math.max(0, 1 - busy / present) : 0;
}

/** What a finished run on the fleet comes to; `end` is the simulated moment it was done. */
export async function fleetResult(run: FleetRun, fleet: readonly FleetVolunteer[], end: number, options: FleetOptions): Promise<FleetResult> {
  const { driver, config, counts, curve } = run;
  const seen = run.progress(end);
  const target = curve.find((point) => point.valAcc >= options.targetValAcc);
  const tested = options.testEachEpoch ? await testCurve(config, run.source, curve, run.snapshots) : [];
  return {
    options,
    roundSize: config.fleet.roundSize,
    seconds: end - run.startedAt,
    secondsToTarget: target ? target.seconds - run.startedAt : null,
    testAcc: seen.testAcc,
    architecture: seen.architecture.name,
    rounds: counts.rounds,
    tasksReported: counts.reported,
    tasksLost: counts.lost,
    reportsRefused: counts.refused,
    rollbacks: seen.events.filter((event) => event.type === 'rollback').length,
    byzantineVolunteers: fleet.filter((v) => v.byzantine).length,
    tasksPerVolunteer: fleet.map((v) => v.tasksDone),
    bytesDownPerVolunteer: fleet.reduce((sum, v) => sum + v.bytesDown, 0) / fleet.length,
    bytesUpPerVolunteer: fleet.reduce((sum, v) => sum + v.bytesUp, 0) / fleet.length,
    idleFraction: idleFraction(fleet, end),
    curve,
    testCurve: tested,
    depth: driver.live.state.architecture.depths.reduce((sum, d) => sum + d, 0),
    objectEgressBytes: run.objectEgressBytes,
    report: runReport(seen, config),
    state: driver.live.state,
  };
}
