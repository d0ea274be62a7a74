// What the run's charts plot, from its progress. The x axis is "epochs finished": the result of
// epoch k (0-based) sits at k + 1, and a growth event logged after e epochs sits at e.
import { architectureCounts, progressArchitecture, type ArchitectureCounts } from '../../shared/export/index.ts';
import type { RunProgress } from '../../shared/protocol/index.ts';

export interface Point {
  x: number;
  y: number;
}

export interface GrowthMarker {
  x: number;
  /** budget: the stage left the circle because its next sub-module would have broken the budget. */
  type: 'grow' | 'freeze' | 'budget';
  stage: number;
  /** Depth of the stage after the event. */
  depth: number;
}

export interface StageDepths {
  stage: number;
  /** Where the depth changes, from x = 0 (the seed depth) to the right edge: a step-after line, x strictly increasing. */
  steps: Point[];
  /** Out of the circle for good: frozen by the stop policy, its max depth or the cap, or at the budget. */
  frozen: boolean;
  atBudget: boolean;
}

/** The network's counts from epoch x on (a step-after line), x strictly increasing. */
export interface CostStep extends ArchitectureCounts {
  x: number;
}

export interface RunSeries {
  /** Right edge of every chart, at least 1 so an empty run still has an axis. */
  xMax: number;
  valAcc: Point[];
  trainLoss: Point[];
  markers: GrowthMarker[];
  /** Epochs finished when fine-tuning began; null while still growing. */
  fineTuneFrom: number | null;
  depths: StageDepths[];
  cost: CostStep[];
}

/** Appends a step; one at the same x as the last replaces it, as the later depth is the one in force. */
function stepTo(steps: Point[], point: Point): void {
  if (steps.at(-1)?.x === point.x) steps[steps.length - 1] = point;
  else steps.push(point);
}

function stageDepths(progress: RunProgress, xMax: number): StageDepths[] {
  return progress.architecture.depths.map((depth, stage) => {
    const events = progress.log.filter((entry) => entry.stage === stage);
    const grows = events.filter((entry) => entry.type === 'grow');
    // Each grow adds one sub-module, so the seed depth is what the current depth was before them.
    const steps: Point[] = [{ x: 0, y: depth - grows.length }];
    for (const grow of grows) stepTo(steps, { x: grow.epoch, y: grow.depth });
    stepTo(steps, { x: xMax, y: depth });
    return { stage, steps, frozen: events.some((entry) => entry.type !== 'grow'), atBudget: events.some((entry) => entry.type === 'budget') };
  });
}

/** The depth of a stage at x: its last step at or before x. */
const depthAt = (steps: Point[], x: number): number => steps.filter((p) => p.x <= x).at(-1)!.y;

/** Wherever any stage's depth changes, what the whole network then counts. */
function costSteps(progress: RunProgress, depths: StageDepths[]): CostStep[] {
  const xs = [...new Set(depths.flatMap((d) => d.steps.map((p) => p.x)))].sort((a, b) => a - b);
  return xs.map((x) => {
    const architecture = { ...progress.architecture, depths: depths.map((d) => depthAt(d.steps, x)) };
    return { x, ...architectureCounts(progressArchitecture({ architecture, dataset: progress.dataset })) };
  });
}

function fineTuneStart(progress: RunProgress): number | null {
  const first = progress.history.find((record) => record.phase === 'fine-tuning');
  if (first) return first.epoch;
  return progress.phase === 'fine-tuning' ? progress.epoch : null;
}

export function runSeries(progress: RunProgress): RunSeries {
  const markers: GrowthMarker[] = progress.log.map(({ epoch, type, stage, depth }) => ({ x: epoch, type, stage, depth }));
  const xMax = Math.max(1, progress.epoch, ...progress.history.map((r) => r.epoch + 1), ...markers.map((m) => m.x));
  const depths = stageDepths(progress, xMax);
  return {
    xMax,
    valAcc: progress.history.map((record) => ({ x: record.epoch + 1, y: record.valAcc })),
    trainLoss: progress.history.map((record) => ({ x: record.epoch + 1, y: record.trainLoss })),
    markers,
    fineTuneFrom: fineTuneStart(progress),
    depths,
    cost: costSteps(progress, depths),
  };
}
