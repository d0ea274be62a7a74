// Every study `npm run study -- NAME` knows, in the order `all` runs them.
import type { Study } from '../study.ts';
import { budgetStudy } from './budget.ts';
import { initStudy } from './init.ts';
import { periodStudy } from './period.ts';
import { scratchStudy } from './scratch.ts';
import { seedDepthStudy } from './seed-depth.ts';
import { subsampleStudy } from './subsample.ts';
import { tinyStudy } from './tiny.ts';

/** The paper's studies; `tiny` is the smoke study and not part of `all`. */
export const PAPER_STUDIES: Study[] = [initStudy, periodStudy, subsampleStudy, seedDepthStudy, scratchStudy, budgetStudy];
export const STUDIES: Study[] = [...PAPER_STUDIES, tinyStudy];

export function findStudy(name: string): Study | undefined {
  return STUDIES.find((study) => study.name === name);
}
