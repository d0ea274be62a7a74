// Exports of a run: the model as TensorFlow.js LayersModel artifacts, and the run report, each
// recording the run's cost budget.
export { DEFAULT_WEIGHTS_PATH, exportLayersModel, type ExportOptions, type LayersModelExport, type LayersModelJson, type WeightSpec } from './layers-model.ts';
export type { HeadOutput } from './keras-graph.ts';
export { budgetRecord, type BudgetRecord } from './budget-record.ts';
export { architectureCounts, progressArchitecture, type ArchitectureCounts } from './progress-architecture.ts';
export { runReport, type RunReport } from './run-report.ts';
