// `npm run bench:coordinator`: what a round costs the coordinator (through the shared run driver),
// what one assignment decision costs the assigning object, and lease + report latency with
// simulated volunteers against a local `wrangler dev`.
import { benchAssign } from './coordinator-assign.ts';
import { benchLatency } from './coordinator-latency.ts';
import { rerunWithFreedBuffersReturned } from './memory-peak.ts';
import { benchRound } from './coordinator-round.ts';

if (!rerunWithFreedBuffersReturned()) {
  await benchRound();
  await benchAssign();
  await benchLatency();
}
