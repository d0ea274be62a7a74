// Pure TypeScript shared by the coordinator and the clients: no DOM, no Workers types, no tfjs.
export * from './architecture/index.ts';
export * from './config/run-config.ts';
export * from './controller/types.ts';
export * from './random/generator.ts';
