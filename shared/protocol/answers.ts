// The coordinator's short answers to a volunteer's report and release.
import { z } from 'zod';

export const ReportReceiptSchema = z.object({
  taskId: z.string(),
  /** The run's version after the report: higher than the task's when it closed a train round. */
  version: z.number().int().min(0),
  roundClosed: z.boolean(),
});
export type ReportReceipt = z.infer<typeof ReportReceiptSchema>;

export const ReportAnswerSchema = ReportReceiptSchema.extend({ accepted: z.literal(true) });
export const ReleaseAnswerSchema = z.object({ released: z.literal(true), taskId: z.string() });
