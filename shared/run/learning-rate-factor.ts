// The inner learning rate of a round of n train tasks: a mean of n trajectories from one state
// moves about as far as one of them but with a fraction of the noise, so each may take larger
// steps (the large-batch rule, Goyal et al. 2017), up to a cap, reached by a linear warm-up over
// the run's first epochs of samples. A round of one task trains at the run's own rate.
import type { RunConfig } from '../config/run-config.ts';

export function learningRateFactor(scaling: RunConfig['fleet']['innerScaling'], width: number, samplesProcessed: number, epochSamples: number): number {
  const wanted = scaling.rule === 'linear' ? width : scaling.rule === 'sqrt' ? Math.sqrt(width) : 1;
  const full = Math.min(scaling.maxFactor, Math.max(1, wanted));
  const warm = scaling.warmupEpochs > 0 ? Math.min(1, samplesProcessed / (scaling.warmupEpochs * epochSamples)) : 1;
  return 1 + (full - 1) * warm;
}
