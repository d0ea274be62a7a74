// Studies: named sets of runs derived from one base config, run over seeds (in this process or on a
// coordinator's fleet), resumable, summarized in the paper's table. The pure parts are exported here;
// the Node-only ones (local-executor, coordinator-executor, result-store, write-study) by path.
export { findStudy, PAPER_STUDIES, STUDIES } from './studies/index.ts';
export { runStudy, type ResultStore, type RunExecutor, type StudyEvent } from './run-study.ts';
export { resultFromReport, RunResultSchema, type RunPlace, type RunResult } from './run-result.ts';
export { runKey } from './run-key.ts';
export { STUDY_TABLE_HEADER, STUDY_TABLE_NUMERIC, studyTableRow, type VariantRuns } from './study-table.ts';
export type { Study, StudyResults, Variant } from './study.ts';
