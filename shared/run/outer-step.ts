// The outer optimizer over a round's combined delta: DiLoCo's step for the trainable parameters;
// the BN running statistics take the plain mean, since a running variance moved by a learning
// rate above one or by momentum can turn negative.
import { tensorSpecs } from '../architecture/parameters.ts';
import { outerStep } from '../aggregate/streaming.ts';
import type { RunConfig } from '../config/run-config.ts';
import type { DeltaLayout } from '../delta/index.ts';
import type { ModelState } from '../state/index.ts';

/** The round's outer learning rate for `reports` combined reports. */
export function outerLearningRate(outer: RunConfig['fleet']['outer'], reports: number): number {
  const factor = outer.scaling === 'linear' ? reports : outer.scaling === 'sqrt' ? Math.sqrt(reports) : 1;
  return outer.learningRate * factor;
}

/** Coordinate ranges of the layout that hold BN running statistics. */
export function statisticRanges(state: ModelState, layout: DeltaLayout): { start: number; end: number }[] {
  const running = new Set(tensorSpecs(state.architecture).filter((spec) => !spec.trainable).map((spec) => spec.name));
  return layout.names.flatMap((name, i) => (running.has(name) ? [{ start: layout.offsets[i]!, end: layout.offsets[i + 1] ?? layout.length }] : []));
}

/**
 * What the state moves by, and the momentum to keep. In place on `combined` (the round's own array);
 * the momentum buffer is copied, since the run before this step keeps its own.
 */
export function roundStep(outer: RunConfig['fleet']['outer'], reports: number, combined: Float32Array, momentum: Float32Array | null, state: ModelState, layout: DeltaLayout): { step: Float32Array; momentum: Float32Array | null } {
  const ranges = statisticRanges(state, layout);
  const statistics = ranges.map(({ start, end }) => combined.slice(start, end));
  const stepped = outerStep({ ...outer, learningRate: outerLearningRate(outer, reports) }, combined, momentum && momentum.slice(), true);
  ranges.forEach(({ start }, i) => {
    stepped.step.set(statistics[i]!, start);
    stepped.momentum?.fill(0, start, start + statistics[i]!.length);
  });
  return stepped;
}
