// DiLoCo's outer step: the round's combined delta is a pseudo-gradient g = -delta for SGD with
// momentum, in torch.optim.SGD's convention (no dampening): buf = m * buf + g (buf = g on the
// first step), d = nesterov ? g + m * buf : buf, and the state moves by step = -lr * d.

export interface OuterOptimizerSettings {
  /** 1 with momentum 0 is plain averaging: the state moves by the combined delta itself. */
  learningRate: number;
  /** 0 keeps no buffer (torch creates none either). DiLoCo uses 0.9 with Nesterov and lr 0.7. */
  momentum: number;
  nesterov: boolean;
}

export interface OuterStep {
  /** What to add to the state: addFlatInto(tensors, layout, step). */
  step: Float32Array;
  /** The buffer to keep for the next round (part of the run's state), null with momentum 0. */
  momentum: Float32Array | null;
}

/**
 * One outer step. Values are computed in double and rounded once per stored array; with lr 1 and
 * momentum 0 the step is the combined delta bit for bit. In place, the step overwrites `combined`
 * and the new buffer `momentumBuffer` (when there is one): two state-sized arrays fewer at the
 * close of a round. Bad settings or lengths are bugs and throw.
 */
export function outerStep(settings: OuterOptimizerSettings, combined: Float32Array, momentumBuffer: Float32Array | null, inPlace = false): OuterStep {
  const { learningRate: lr, momentum: m, nesterov } = settings;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new Error(`outerStep: learningRate should be positive and finite, got ${lr}`);
  if (!(m >= 0 && m < 1)) throw new Error(`outerStep: momentum should be in [0, 1), got ${m}`);
  if (nesterov && m === 0) throw new Error('outerStep: nesterov needs a positive momentum (as in torch.optim.SGD)');
  if (momentumBuffer && momentumBuffer.length !== combined.length) {
    throw new Error(`outerStep: the momentum buffer has ${momentumBuffer.length} coordinates, the combined delta ${combined.length}`);
  }
  const step = inPlace ? combined : new Float32Array(combined.length);
  if (m === 0) {
    for (let j = 0; j < step.length; j++) step[j] = -lr * -combined[j]!;
    return { step, momentum: null };
  }
  // Each coordinate reads combined[j] and momentumBuffer[j] before writing them, so in place is safe.
  const buffer = inPlace && momentumBuffer ? momentumBuffer : new Float32Array(combined.length);
  for (let j = 0; j < step.length; j++) {
    const g = -combined[j]!;
    buffer[j] = momentumBuffer ? m * momentumBuffer[j]! + g : g;
    step[j] = -lr * (nesterov ? g + m * buffer[j]! : buffer[j]!);
  }
  return { step, momentum: buffer };
}
