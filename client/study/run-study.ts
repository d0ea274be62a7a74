// Runs a study: every variant for every seed, each run through the executor unless its result is
// already stored (a finished run is never run again), a variant only after the ones it needs.
import { parseRunConfig, type RunConfig } from '../../shared/config/run-config.ts';
import { runKey } from './run-key.ts';
import type { RunResult } from './run-result.ts';
import type { Study, StudyResults, Variant } from './study.ts';

export interface RunExecutor {
  /** Trains the run (or finds it trained) and returns its result; `label` names it to people. */
  run(key: string, config: RunConfig, label: string): Promise<RunResult>;
}

export interface ResultStore {
  get(key: string): RunResult | null;
  put(result: RunResult): void;
}

export type StudyEvent =
  | { type: 'stored'; label: string; seed: number; result: RunResult }
  /** Handed to the executor, which may hold it until the runs before it are done. */
  | { type: 'queued'; label: string; seed: number; key: string }
  | { type: 'finished'; label: string; seed: number; result: RunResult };

/** The variant's config for one seed, parsed, named after the variant and grouped under the study. */
function variantConfig(study: Study, variant: Variant, seed: number, result: (label: string) => RunResult): RunConfig {
  const parsed = parseRunConfig({ ...variant.config({ seed, result }), name: variant.label, group: study.name, seed });
  if (!parsed.ok) throw new Error(`study ${study.name}, variant "${variant.label}", seed ${seed}: ${parsed.error}`);
  return parsed.value;
}

export async function runStudy(study: Study, seeds: readonly number[], executor: RunExecutor, store: ResultStore, onEvent: (event: StudyEvent) => void = () => {}): Promise<StudyResults> {
  const labels = new Set(study.variants.map((v) => v.label));
  for (const variant of study.variants) {
    for (const need of variant.needs ?? []) {
      if (!labels.has(need)) throw new Error(`study ${study.name}: variant "${variant.label}" needs "${need}", which the study does not have`);
    }
  }
  const pending = new Map<string, Promise<RunResult>>();
  // Two variants can ask for the same run (equal configs); it is trained once even when both are in flight.
  const byKey = new Map<string, Promise<RunResult>>();
  const slot = (label: string, seed: number): string => `${seed}\u0000${label}`;

  const start = (variant: Variant, seed: number): Promise<RunResult> => {
    const existing = pending.get(slot(variant.label, seed));
    if (existing) return existing;
    const promise = (async () => {
      const needed = new Map<string, RunResult>();
      for (const need of variant.needs ?? []) needed.set(need, await start(study.variants.find((v) => v.label === need)!, seed));
      const config = variantConfig(study, variant, seed, (label) => {
        const found = needed.get(label);
        if (!found) throw new Error(`study ${study.name}: variant "${variant.label}" read "${label}" without needing it`);
        return found;
      });
      const key = runKey(config);
      const stored = store.get(key);
      if (stored) {
        onEvent({ type: 'stored', label: variant.label, seed, result: stored });
        return stored;
      }
      const same = byKey.get(key);
      if (same) return same;
      const training = (async () => {
        onEvent({ type: 'queued', label: variant.label, seed, key });
        const result = await executor.run(key, config, variant.label);
        store.put(result);
        onEvent({ type: 'finished', label: variant.label, seed, result });
        return result;
      })();
      byKey.set(key, training);
      return training;
    })();
    pending.set(slot(variant.label, seed), promise);
    return promise;
  };

  // Variant by variant, so that an interrupted study has whole rows; the executor decides how many run at once.
  const all = study.variants.flatMap((variant) => seeds.map(async (seed) => [variant.label, await start(variant, seed)] as const));
  const settled = await Promise.allSettled(all);
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed.length > 0) throw failed[0]!.reason;
  const results: StudyResults = new Map(study.variants.map((v) => [v.label, []]));
  for (const s of settled) if (s.status === 'fulfilled') results.get(s.value[0])!.push(s.value[1]);
  for (const list of results.values()) list.sort((a, b) => a.config.seed - b.config.seed);
  return results;
}
