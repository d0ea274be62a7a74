// Deriving a variant's config from the study's base: section-by-section patches, and the
// from-scratch baseline (its target depths as seed and max, so nothing grows, trained with the
// staircase for a given number of epochs).
import type { RunConfigInput } from '../../shared/config/run-config.ts';

type Sections = Omit<RunConfigInput, 'name' | 'group' | 'seed'>;
export type ConfigPatch = Partial<Pick<RunConfigInput, 'name' | 'seed'>> & { [S in keyof Sections]?: Partial<NonNullable<Sections[S]>> };

/** Each section of the patch replaces those fields of the base's section, the rest stay. */
export function derive(base: RunConfigInput, patch: ConfigPatch): RunConfigInput {
  const derived: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const section = derived[key];
    derived[key] = value !== null && typeof value === 'object' && !Array.isArray(value) && section !== null && typeof section === 'object'
      ? { ...section, ...value }
      : value;
  }
  return derived as RunConfigInput;
}

/**
 * The network at `depths` trained from scratch: seed = max depths, so the circle is empty and the
 * run goes straight to the fine-tune phase, whose staircase then spans all `epochs`.
 */
export function fromScratch(base: RunConfigInput, depths: readonly number[], epochs: number): RunConfigInput {
  return derive(base, { architecture: { seedDepths: [...depths], maxDepths: [...depths] }, fineTune: { epochs } });
}

export const sumOf = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
