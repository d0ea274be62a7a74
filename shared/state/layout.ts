// Which tensors a run's model state holds, in which order: every tensor of tensorSpecs (weights
// and BN running statistics). SGD momentum stays with each volunteer and never travels, as in
// DiLoCo. Init, growth and decoding agree on it.
import { tensorSpecs, type TensorSpec } from '../architecture/parameters.ts';
import type { ArchitectureSpec } from '../architecture/spec.ts';
import type { Result } from '../result/index.ts';
import type { NamedTensor } from './types.ts';

export interface StateEntry {
  name: string;
  shape: number[];
  parameter: TensorSpec;
}

export function stateLayout(architecture: ArchitectureSpec): StateEntry[] {
  return tensorSpecs(architecture).map((parameter) => ({ name: parameter.name, shape: parameter.shape, parameter }));
}

export type LayoutCheck = Result<NamedTensor[]>;

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Checks that `tensors` are exactly the state of `architecture` (names and shapes, any order) and
 * returns them in layout order. Data lengths are the producer's business (decodeTensors checks them).
 */
export function matchStateLayout(architecture: ArchitectureSpec, tensors: NamedTensor[]): LayoutCheck {
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const layout = stateLayout(architecture);
  const missing = layout.filter((entry) => !byName.has(entry.name)).map((entry) => entry.name);
  const expected = new Set(layout.map((entry) => entry.name));
  const unexpected = [...byName.keys()].filter((name) => !expected.has(name));
  if (missing.length > 0 || unexpected.length > 0 || byName.size !== tensors.length) {
    const list = (names: string[]) => (names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', '));
    return {
      ok: false,
      error: `matchStateLayout: expected the ${layout.length} tensors of the architecture, got ${tensors.length}` +
        (missing.length > 0 ? `; missing ${list(missing)}` : '') +
        (unexpected.length > 0 ? `; unexpected ${list(unexpected)}` : '') +
        (byName.size !== tensors.length ? '; some names appear twice' : ''),
    };
  }
  const ordered: NamedTensor[] = [];
  for (const entry of layout) {
    const tensor = byName.get(entry.name)!;
    if (!sameShape(tensor.shape, entry.shape)) {
      return { ok: false, error: `matchStateLayout: "${entry.name}" should have shape [${entry.shape}], got [${tensor.shape}]` };
    }
    ordered.push(tensor);
  }
  return { ok: true, value: ordered };
}
