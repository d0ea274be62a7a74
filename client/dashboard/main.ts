// The dashboard's entry: /dashboard/ lists the runs, /dashboard/?run=ID follows one run live,
// /dashboard/?group=NAME shows a group's runs (a study) side by side.
import { coordinatorClient } from '../coordinator/index.ts';
import { showGroup } from './group-page.ts';
import { showRunList } from './list-page.ts';
import { showRun } from './run-page.ts';

const api = coordinatorClient(location.origin);
const query = new URLSearchParams(location.search);
const runId = query.get('run');
const group = query.get('group');
void (runId ? showRun(api, runId) : group ? showGroup(api, group) : showRunList(api));
