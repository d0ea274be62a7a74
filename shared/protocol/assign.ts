// POST /api/assign: a volunteer that names no run asks which run to work for before each lease,
// saying which run it works for now; the coordinator names one and why, or says how long to wait.
import { z } from 'zod';
import type { AssignReason } from '../assign/index.ts';
import { RunIdSchema } from './run-id.ts';
import { VolunteerKeySchema } from './volunteer-key.ts';

export const AssignRequestSchema = z.object({
  volunteerKey: VolunteerKeySchema,
  /** The run it works for now (whose state shards it holds); null or left out: none yet. */
  current: RunIdSchema.nullable().optional(),
}).strict();
export type AssignRequest = z.infer<typeof AssignRequestSchema>;

const AssignReasonSchema: z.ZodType<AssignReason> = z.enum(['kept', 'first', 'moved: run finished', 'moved: run saturated']);

export const AssignAnswerSchema = z.union([
  z.object({ runId: z.string(), reason: AssignReasonSchema }),
  /** No run has room for one more volunteer now: ask again after this many seconds. */
  z.object({ runId: z.null(), waitSeconds: z.number().positive() }),
]);
export type AssignAnswer = z.infer<typeof AssignAnswerSchema>;
