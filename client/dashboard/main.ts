// The dashboard's entry: /dashboard/ lists the runs, /dashboard/?run=ID follows one run live.
import { coordinatorClient } from '../coordinator/index.ts';
import { showRunList } from './list-page.ts';
import { showRun } from './run-page.ts';

const api = coordinatorClient(location.origin);
const runId = new URLSearchParams(location.search).get('run');
void (runId ? showRun(api, runId) : showRunList(api));
