// Worker entry: the Hono app, and the Durable Object classes wrangler.toml binds.
import { app } from './app.ts';

export { RunAssigner } from './run-assigner.ts';
export { RunObject } from './run-object.ts';
export { RunRegistry } from './run-registry.ts';

export default app;
