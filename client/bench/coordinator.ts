// `npm run bench:coordinator`: what the coordinator spends per report, and lease + report
// latency with 1, 10 and 50 simulated volunteers against a local `wrangler dev`.
import { benchCombine } from './coordinator-combine.ts';
import { benchLatency } from './coordinator-latency.ts';

benchCombine();
await benchLatency();
