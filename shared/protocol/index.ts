// Wire formats between the coordinator and its volunteers and dashboards.
export * from './report-header.ts';
export * from './report-codec.ts';
export * from './task.ts';
export * from './run-request.ts';
export * from './progress.ts';
export * from './dataset-view.ts';
export * from './state-manifest.ts';
export * from './answers.ts';
export * from './volunteer-key.ts';
export * from './run-id.ts';
export * from './assign.ts';
