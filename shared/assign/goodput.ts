// What n volunteers buy a run, in units of one volunteer's progress: with a gradient noise scale of
// B tasks, a round of n tasks makes the progress of n B / (n + B) rounds of one (McCandlish et al.
// 2018; Pollux's goodput), so the n-th volunteer adds less as n nears B. Unmeasured (B infinite):
// every volunteer adds one.

export function goodput(volunteers: number, noiseScale: number): number {
  return Number.isFinite(noiseScale) ? (volunteers * noiseScale) / (volunteers + noiseScale) : volunteers;
}

/** What one more volunteer adds to a run that has `volunteers` already. */
export function marginalGoodput(volunteers: number, noiseScale: number): number {
  return goodput(volunteers + 1, noiseScale) - goodput(volunteers, noiseScale);
}
