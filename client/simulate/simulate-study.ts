// A study's runs on one simulated fleet whose volunteers name no run: the assigning object's rule
// (shared/assign) spreads them over the runs, and a run that needs another's result is created
// once that one is done, as the study tool does on a real coordinator.
import type { RunConfig } from '../../shared/config/run-config.ts';
import type { DatasetSource } from '../data/dataset-source.ts';
import { resultFromReport, runStudy, type ResultStore, type RunResult, type Study } from '../study/index.ts';
import type { FleetPoint } from './fleet-run.ts';
import { FleetSimulation, type FleetDraw } from './fleet-simulation.ts';
import { fleetResult, idleFraction } from './simulate-fleet.ts';

export interface StudyRun {
  label: string;
  seed: number;
  result: RunResult;
  /** Simulated seconds from the start of the study to the run's creation and to its end. */
  createdAt: number;
  finishedAt: number;
  curve: FleetPoint[];
}

export interface StudyFleetResult {
  volunteers: number;
  /** Simulated seconds until every run of the study was done. */
  seconds: number;
  idleFraction: number;
  /** Most runs that had a task in a volunteer's hands at one moment. */
  mostRunsAtOnce: number;
  runs: StudyRun[];
}

/** Results kept for the length of one simulation: every run trains afresh. */
export function memoryStore(): ResultStore {
  const results = new Map<string, RunResult>();
  return { get: (key) => results.get(key) ?? null, put: (result) => void results.set(result.key, result) };
}

export async function simulateStudy(study: Study, seeds: readonly number[], draw: FleetDraw, source: (config: RunConfig) => DatasetSource): Promise<StudyFleetResult> {
  const simulation = new FleetSimulation(draw, true);
  const runs: StudyRun[] = [];
  const executor = {
    async run(key: string, config: RunConfig, label: string): Promise<RunResult> {
      const createdAt = simulation.now;
      const run = await simulation.addRun(label, config, source(config));
      const fleetRun = await fleetResult(run, simulation.fleet, run.finishedAt!, { ...draw, targetValAcc: 100, testEachEpoch: false });
      const result = resultFromReport(key, fleetRun.report, { where: `simulated fleet of ${draw.volunteers}`, backend: 'simulated', loadBefore: null, loadAfter: null, cpus: null });
      runs.push({ label, seed: config.seed, result, createdAt, finishedAt: run.finishedAt!, curve: run.curve });
      return result;
    },
  };
  const trained = runStudy(study, seeds, executor, memoryStore()).finally(() => simulation.close());
  await Promise.all([simulation.run(), trained]);
  runs.sort((a, b) => a.label.localeCompare(b.label) || a.seed - b.seed);
  return { volunteers: draw.volunteers, seconds: simulation.now, idleFraction: idleFraction(simulation.fleet, simulation.now), mostRunsAtOnce: simulation.mostRunsAtWork, runs };
}
