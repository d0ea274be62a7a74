// One way to say what a zod schema refused: each issue as "path: message", the path rooted at
// what was parsed ("(config)", "(header)", "(body)") when the issue is about the whole value.
import type { z } from 'zod';

export function issuesMessage(error: z.ZodError, root: string): string {
  return error.issues.map((issue) => `${issue.path.join('.') || root}: ${issue.message}`).join('; ');
}

/** safeParse as a Result: the message prefixed with what was parsed. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: string): { ok: true; value: z.output<S> } | { ok: false; error: string } {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: `${what}: ${issuesMessage(parsed.error, '(value)')}` };
}
