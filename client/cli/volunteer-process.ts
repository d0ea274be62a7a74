// Node only: a headless volunteer (client/cli/volunteer.ts) as a child process, for `npm start`
// and the end-to-end test. stop() sends SIGINT, the volunteer's own Ctrl-C: it gives its lease back.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { forEachLine, REPO_ROOT } from './coordinator-process.ts';

export interface VolunteerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** runId null: the volunteer works for the runs the coordinator assigns. */
export function startVolunteer(coordinatorUrl: string, runId: string | null, onLine: (line: string) => void, extraArgs: string[] = []): VolunteerProcess {
  const script = resolve(REPO_ROOT, 'client/cli/volunteer.ts');
  const runArgs = runId === null ? [] : ['--run', runId];
  const args = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', script, '--coordinator', coordinatorUrl, ...runArgs, ...extraArgs];
  // Its own process group: a terminal's Ctrl-C goes to the parent, which decides the order of stopping.
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  forEachLine(child, onLine);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
