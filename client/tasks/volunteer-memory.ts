// What a volunteer keeps from one task of a run to the next while it stays: its SGD momentum
// buffers, by tensor name (as DiLoCo keeps inner optimizer state with each worker; the run's state
// carries none), and the error-feedback residual of its compressed reports.
import { tensorSpecs } from '../../shared/architecture/parameters.ts';
import { ErrorFeedback, type DeltaEncoding } from '../../shared/delta/index.ts';
import { isMomentumName, momentumName, type ModelState, type NamedTensor } from '../../shared/state/types.ts';

export class VolunteerMemory {
  readonly feedback = new ErrorFeedback();
  /** The encoding this volunteer reports in when the run takes it; null: the run's preference. */
  readonly preferredEncoding: DeltaEncoding | null;
  readonly #momentum = new Map<string, NamedTensor>();

  constructor(preferredEncoding: DeltaEncoding | null = null) {
    this.preferredEncoding = preferredEncoding;
  }

  /** The encoding of a report for a run that takes `allowed` (its preference first). */
  encodingFor(allowed: readonly DeltaEncoding[]): DeltaEncoding {
    return this.preferredEncoding && allowed.includes(this.preferredEncoding) ? this.preferredEncoding : allowed[0]!;
  }

  /** The buffers it holds for the state's trainable tensors, same shape; a new tensor starts with none (zero). */
  momentumFor(state: ModelState): NamedTensor[] {
    return tensorSpecs(state.architecture).flatMap((spec) => {
      const kept = this.#momentum.get(momentumName(spec.name));
      const fits = kept && kept.shape.length === spec.shape.length && kept.shape.every((d, i) => d === spec.shape[i]);
      return fits ? [{ ...kept, data: kept.data.slice() }] : [];
    });
  }

  /** Keeps the momentum buffers among a trainer's tensors after a task. */
  keepMomentum(tensors: readonly NamedTensor[]): void {
    for (const tensor of tensors) if (isMomentumName(tensor.name)) this.#momentum.set(tensor.name, tensor);
  }
}
