// Expected failures as values, and the message of a refused zod parse.
export { fail, ok, type Result } from './result.ts';
export { issuesMessage, parseWith } from './zod-issues.ts';
