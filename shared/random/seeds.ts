// Seeds of the run's random draws besides shard order and train tasks (shared/dataset): the
// coordinator and the in-process runner derive them the same way, so they grow the same weights.
import { deriveSeed } from './generator.ts';

const GROWTH_SALT = 0x67726f77;
const ADAM_INIT_SALT = 0x6164616d;

/** Seed of the new block's weights when `stage` grows after `epochsFinished` epochs. */
export function growthSeed(runSeed: number, epochsFinished: number, stage: number): number {
  return deriveSeed(runSeed, GROWTH_SALT, epochsFinished, stage);
}

/** Seed of an AdamInit task: pass `pass` over train shard `shardIndex` after `epochsFinished` epochs. */
export function adamInitTaskSeed(runSeed: number, epochsFinished: number, pass: number, shardIndex: number): number {
  return deriveSeed(runSeed, ADAM_INIT_SALT, epochsFinished, pass, shardIndex);
}
