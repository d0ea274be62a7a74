// Pure TypeScript shared by the coordinator and the clients: no DOM, no Workers types, no tfjs.
export * from './aggregate/index.ts';
export * from './architecture/index.ts';
export * from './config/budget.ts';
export * from './config/run-config.ts';
export * from './config/presets.ts';
export * from './config/run-architecture.ts';
export * from './config/capacity.ts';
export * from './controller/index.ts';
export * from './dataset/index.ts';
export * from './export/index.ts';
export * from './init/index.ts';
export * from './protocol/index.ts';
export * from './random/generator.ts';
export * from './random/seeds.ts';
export * from './state/index.ts';
