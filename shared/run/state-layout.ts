// The flat layout of a run's deltas: every tensor of its model state (weights and BN running
// statistics; momentum stays with the volunteers), in state order.
import { deltaLayout, isNetworkTensor, type DeltaLayout } from '../delta/index.ts';
import type { ModelState } from '../state/index.ts';

export const stateLayout = (state: ModelState): DeltaLayout => deltaLayout(state, isNetworkTensor);
