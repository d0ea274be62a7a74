// State, events and effects of the AutoGrow controller. State is plain JSON: it is stored
// as is in the run's Durable Object and round-trips through JSON.stringify unchanged.
import type { BudgetMeasure } from '../config/budget.ts';
import type { Initializer } from '../config/run-config.ts';

export type Phase = 'growing' | 'adam-init' | 'fine-tuning' | 'done';

interface StageEvent {
  /** Epochs finished when it happened (the change is in place from epoch `epoch` on, 0-based). */
  epoch: number;
  stage: number;
  /** Depth of the stage after the event. */
  depth: number;
}

/** grow: one sub-module more; freeze: the stage left the circle (stop check, max depth or growing-epoch cap). */
export interface StageChange extends StageEvent {
  type: 'grow' | 'freeze';
}

/** The stage left the circle because its next sub-module would have broken the budget. */
export interface BudgetStop extends StageEvent {
  type: 'budget';
  measure: BudgetMeasure;
  /** What the network would have cost with the sub-module (ms per image predicted for latencyMs). */
  cost: number;
  limit: number;
}

export type GrowthLogEntry = StageChange | BudgetStop;

/** A forward-latency measurement: ms per image on the volunteers' engine, at the depths it ran at. */
export interface LatencyMeasurement {
  depths: number[];
  msPerImage: number;
}

export interface ControllerState {
  phase: Phase;
  /** Epochs finished, growing and fine-tune together. */
  epoch: number;
  /** Epochs finished in the growing phase (capped by growth.maxGrowingEpochs). */
  growingEpochs: number;
  /** Epochs finished in the fine-tune phase. */
  fineTuneEpochs: number;
  depths: number[];
  /** Stages still allowed to grow, in circle order. A frozen stage leaves it for good. */
  circle: number[];
  /**
   * Stages grown at the most recent growth: the ones a failed stop check freezes. Convergent growth
   * clears it once an interval gains tau, so there it is non-empty only right after a growth.
   */
  lastGrown: number[];
  /** Stage the next group-mode growth starts searching from (index into the stage list). */
  cursor: number;
  valAccHistory: number[];
  /** Moving maximum (or EMA, per config) of valAccHistory: best[i] after epoch i. */
  bestHistory: number[];
  trainAccHistory: number[];
  learningRate: number;
  log: GrowthLogEntry[];
  /** The latest epoch's forward latency, when the executor measured one; absent in states saved before budgets existed. */
  latency?: LatencyMeasurement | null;
}

export type ControllerEvent =
  /** valAcc and trainAcc in percent. `epoch` is the 0-based epoch that finished; one other than state.epoch is ignored. */
  | {
    type: 'epoch-finished'; epoch: number; valAcc: number; trainAcc: number; trainLoss: number;
    /** Forward ms per image the volunteers measured on the epoch's network (validation pass): feeds budget.latencyMs. */
    forwardMsPerImage?: number;
  }
  | { type: 'adam-init-finished'; trainAcc: number; epochsUsed: number }
  | { type: 'run-resumed' };

export type ControllerEffect =
  | { type: 'grow'; stage: number; initializer: Initializer; scale: number }
  /** AdamInit: train only the last BN of the new blocks with Adam until train accuracy exceeds the target (or maxEpochs pass). */
  | { type: 'adam-init'; stages: number[]; targetTrainAcc: number; maxEpochs: number; learningRate: number }
  | { type: 'freeze'; stage: number }
  | { type: 'set-learning-rate'; learningRate: number }
  | { type: 'start-fine-tune' }
  | { type: 'evaluate-test' }
  | { type: 'done' };

export type Transition = [ControllerState, ControllerEffect[]];
