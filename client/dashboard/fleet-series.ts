// The fleet over time, as the home page sees it: at each refresh of the run list, the volunteers
// working for each running run. Kept in the page's memory from the moment it opened. Pure.
import type { RunSummary } from '../../shared/protocol/index.ts';

export interface FleetRunSeries {
  id: string;
  name: string;
  /** One per sample: its volunteers while it was running, null before it ran and after it stopped. */
  volunteers: (number | null)[];
}

export interface FleetSeries {
  /** Epoch milliseconds of each sample, oldest first. */
  times: number[];
  /** In the order they were first seen running. */
  runs: FleetRunSeries[];
}

/** A day of samples at the list's 10 s refresh: a page left open does not grow without bound. */
export const MAX_FLEET_SAMPLES = 8640;

export const EMPTY_FLEET: FleetSeries = { times: [], runs: [] };

export function sampleFleet(series: FleetSeries, listed: readonly RunSummary[], at: number, maxSamples = MAX_FLEET_SAMPLES): FleetSeries {
  const running = new Map(listed.filter((run) => run.status === 'running').map((run) => [run.id, run]));
  const before = series.times.length;
  const known = series.runs.map((run) => ({ ...run, volunteers: [...run.volunteers, running.get(run.id)?.volunteers ?? null] }));
  const seen = new Set(series.runs.map((run) => run.id));
  const started = [...running.values()]
    .filter((run) => !seen.has(run.id))
    .map((run) => ({ id: run.id, name: run.name, volunteers: [...new Array<null>(before).fill(null), run.volunteers] }));
  const drop = Math.max(0, before + 1 - maxSamples);
  return {
    times: [...series.times, at].slice(drop),
    runs: [...known, ...started]
      .map((run) => ({ ...run, volunteers: run.volunteers.slice(drop) }))
      .filter((run) => run.volunteers.some((count) => count !== null)),
  };
}

/** Volunteers at work on all running runs, per sample. */
export function fleetTotals({ times, runs }: FleetSeries): number[] {
  return times.map((_, i) => runs.reduce((sum, run) => sum + (run.volunteers[i] ?? 0), 0));
}
