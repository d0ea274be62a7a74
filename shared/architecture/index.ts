// Architecture spec, network plan and named tensors.
export * from './spec.ts';
export * from './plan.ts';
export * from './parameters.ts';
