// The gain test both growth policies share: how far the moving metric rose over a window of epochs.

/** best[-1] - best[-1-window]; best[-1] itself while fewer than window+1 epochs exist, so nothing stops early. */
export function gainOver(bestHistory: readonly number[], window: number): number {
  const last = bestHistory.length - 1;
  const latest = bestHistory[last];
  if (latest === undefined) throw new Error('gainOver: no epoch recorded yet');
  const earlier = bestHistory[last - window];
  return earlier === undefined ? latest : latest - earlier;
}

/** Strictly below tau fails: a gain exactly equal to tau keeps growing, as in the official code. */
export function gainBelowTau(bestHistory: readonly number[], window: number, tau: number): boolean {
  return gainOver(bestHistory, window) < tau;
}
