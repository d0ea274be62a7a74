// How the engine benchmark times things: warm-up calls, then per-call wall and process-CPU seconds
// (CPU time is steadier on a busy machine), summarized by their medians.
export interface StepTimes {
  wall: number[];
  cpu: number[];
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Per-call seconds of `timed` calls after `warmup` untimed ones. */
export async function timeSteps(step: () => Promise<unknown> | void, { warmup, timed }: { warmup: number; timed: number }): Promise<StepTimes> {
  for (let i = 0; i < warmup; i++) await step();
  const times: StepTimes = { wall: [], cpu: [] };
  for (let i = 0; i < timed; i++) {
    const usage = process.cpuUsage();
    const started = performance.now();
    await step();
    times.wall.push((performance.now() - started) / 1000);
    const spent = process.cpuUsage(usage);
    times.cpu.push((spent.user + spent.system) / 1e6);
  }
  return times;
}

/** One line: images/s by median wall time, by median CPU time, and GFLOP/s. */
export function reportLine(label: string, times: StepTimes, batch: number, flopsPerImage: number): string {
  const [wall, cpu] = [median(times.wall), median(times.cpu)];
  const gflops = (batch * flopsPerImage) / wall / 1e9;
  return `  ${label.padEnd(44)} ${(batch / wall).toFixed(1).padStart(7)} images/s  (${(wall * 1000).toFixed(0)} ms/step wall, ${(batch / cpu).toFixed(1)} images/s by CPU time, ${gflops.toFixed(1)} GFLOP/s)`;
}
