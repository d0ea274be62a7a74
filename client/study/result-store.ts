// Run result files in a folder, one per run key (docs/study/runs/<key>.json): what makes a study
// resumable and lets studies share runs. Node only.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultStore } from './run-study.ts';
import { RunResultSchema } from './run-result.ts';

export function folderStore(dir: string): ResultStore {
  const path = (key: string): string => join(dir, `${key}.json`);
  return {
    get(key) {
      if (!existsSync(path(key))) return null;
      const parsed = RunResultSchema.safeParse(JSON.parse(readFileSync(path(key), 'utf8')));
      // A result file is the study's own output: one that does not parse is a bug or a hand edit, not an expected failure.
      if (!parsed.success) throw new Error(`${path(key)} is not a run result: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      if (parsed.data.key !== key) throw new Error(`${path(key)} holds the result of run ${parsed.data.key}`);
      return parsed.data;
    },
    put(result) {
      mkdirSync(dir, { recursive: true });
      // Written whole, then renamed: an interrupted study never leaves half a file to resume from.
      writeFileSync(`${path(result.key)}.partial`, `${JSON.stringify(result, null, 1)}\n`);
      renameSync(`${path(result.key)}.partial`, path(result.key));
    },
  };
}
