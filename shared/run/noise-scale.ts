// How many train tasks a round can use: the gradient noise scale (McCandlish et al. 2018) measured
// from the round's own reports, in tasks. n deltas d_i from one state with mean m give the
// per-task noise tr(S) ~ (mean |d_i|^2 - |m|^2) n / (n - 1) and the signal |G|^2 ~ |m|^2 - tr(S) / n;
// a round of B = tr(S) / |G|^2 tasks makes about half the progress of B rounds of one, and wider
// rounds add less and less (Pollux's goodput). Both estimates are smoothed over rounds, since a
// round of a few reports gives a noisy one. Only trainable coordinates count (BN running
// statistics are no gradient).

/** Squared L2 norm of a delta over the coordinates outside `statistics` (the BN running statistics). */
export function trainableSquaredNorm(flat: Float32Array, statistics: readonly { start: number; end: number }[]): number {
  let total = 0;
  for (let i = 0; i < flat.length; i++) total += flat[i]! * flat[i]!;
  for (const { start, end } of statistics) for (let i = start; i < end; i++) total -= flat[i]! * flat[i]!;
  return Math.max(0, total);
}

/** Smoothed estimates; `rounds` corrects the moving averages' start from zero (as Adam's do). */
export interface NoiseEstimate {
  signal: number;
  noise: number;
  rounds: number;
}

/** Weight of the past in the moving averages, per round measured. */
export const NOISE_SMOOTHING = 0.8;
/** A round keeps at least this many tasks while more volunteers are at work: one report measures nothing. */
export const MEASURED_WIDTH = 2;

/** One round's estimate from its n >= 2 reports: the mean of their squared norms and the squared norm of their mean. */
export function roundNoise(reports: number, meanSquaredNorm: number, combinedSquaredNorm: number): { signal: number; noise: number } {
  if (reports < 2) throw new Error(`roundNoise: a noise estimate needs at least 2 reports, got ${reports}`);
  const noise = Math.max(0, ((meanSquaredNorm - combinedSquaredNorm) * reports) / (reports - 1));
  return { signal: combinedSquaredNorm - noise / reports, noise };
}

export function updateNoise(previous: NoiseEstimate | null, round: { signal: number; noise: number }): NoiseEstimate {
  const past = previous ?? { signal: 0, noise: 0, rounds: 0 };
  return {
    signal: NOISE_SMOOTHING * past.signal + (1 - NOISE_SMOOTHING) * round.signal,
    noise: NOISE_SMOOTHING * past.noise + (1 - NOISE_SMOOTHING) * round.noise,
    rounds: past.rounds + 1,
  };
}

/** The noise scale in tasks; Infinity while nothing is measured or the signal is lost in the noise. */
export function noiseScale(estimate: NoiseEstimate | null): number {
  if (!estimate || estimate.rounds === 0) return Infinity;
  const correction = 1 - NOISE_SMOOTHING ** estimate.rounds;
  const signal = estimate.signal / correction;
  return signal > 0 ? estimate.noise / correction / signal : Infinity;
}

/** Most train tasks the run's next round should take: the noise scale to the nearest task, never under MEASURED_WIDTH. */
export function usefulWidth(estimate: NoiseEstimate | null): number {
  const scale = noiseScale(estimate);
  return Number.isFinite(scale) ? Math.max(MEASURED_WIDTH, Math.round(scale)) : Infinity;
}
