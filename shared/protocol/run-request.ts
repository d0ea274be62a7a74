// Body of POST /api/runs: a preset by name, or a full run config (validated by parseRunConfig).
import { z } from 'zod';

export const CreateRunRequestSchema = z.union(
  [
    z.object({ preset: z.string().min(1).max(64) }).strict(),
    z.object({ config: z.record(z.string(), z.unknown()) }).strict(),
  ],
  { error: 'body must be { "preset": name } or { "config": { ... } }' },
);
export type CreateRunRequest = z.infer<typeof CreateRunRequestSchema>;
