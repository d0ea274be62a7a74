// The JSON header of a volunteer's report: which lease it answers and what the task measured.
import { z } from 'zod';
import { DELTA_ENCODINGS } from '../delta/codec.ts';

export const REPORT_KINDS = ['train', 'eval', 'adam-init'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const count = z.number().int().min(0).max(2 ** 31 - 1);

export const ReportHeaderSchema = z
  .object({
    leaseToken: z.string().min(1).max(512),
    taskId: z.string().regex(/^t[0-9]{1,9}$/, 'taskId looks like "t42"'),
    version: count,
    kind: z.enum(REPORT_KINDS),
    /** Images the task passed over. */
    samples: count.min(1),
    /** Mean cross-entropy over those images. */
    loss: z.number().min(0).max(1e6),
    /** Percent, 0-100. */
    accuracy: z.number().min(0).max(100),
    /** Images classified correctly (the eval tally sums these). */
    correct: count,
    /** Wall time of the task on the volunteer, for images/s. */
    seconds: z.number().positive().max(86400 * 7),
    backend: z.string().min(1).max(32),
    /** How a train or AdamInit report's delta is encoded (shared/delta); eval reports carry none. */
    encoding: z.enum(DELTA_ENCODINGS).optional(),
  })
  .refine((header) => header.correct <= header.samples, { path: ['correct'], message: 'correct cannot exceed samples' });

export type ReportHeader = z.infer<typeof ReportHeaderSchema>;
