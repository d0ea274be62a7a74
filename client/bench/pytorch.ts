// The benchmark's PyTorch side: finds a Python with torch (`python3`, then /usr/bin/python3), runs
// pytorch-resnet20.py on the same thread counts, and reads its per-step seconds. Without torch it
// says how to install it and the benchmark goes on without it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { StepTimes } from './timing.ts';

const INTERPRETERS = ['python3', '/usr/bin/python3'];
const SCRIPT = fileURLToPath(new URL('./pytorch-resnet20.py', import.meta.url));
export const INSTALL_HINT = 'apt-get install -y python3-torch (Debian and Ubuntu), or pip install torch';

export interface TorchPython {
  command: string;
  version: string;
}

export type TorchFound = { ok: true; value: TorchPython } | { ok: false; error: string };

export function findTorch(): TorchFound {
  const tried: string[] = [];
  for (const command of INTERPRETERS) {
    const probe = spawnSync(command, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { ok: true, value: { command, version: probe.stdout.trim() } };
    tried.push(`${command}: ${probe.error ? 'not found' : (probe.stderr.trim().split('\n').at(-1) ?? `exit ${probe.status}`)}`);
  }
  return { ok: false, error: `no Python with torch (${tried.join('; ')}); install it with ${INSTALL_HINT}` };
}

/** Seconds per step by thread count, for training and for the forward pass. */
export interface TorchTimes {
  train: Map<number, StepTimes>;
  forward: Map<number, StepTimes>;
}

const TorchLine = z.object({ threads: z.number().int().positive(), kind: z.enum(['train', 'forward']), seconds: z.array(z.number().positive()), cpu: z.array(z.number().nonnegative()) });

export function runTorch(python: TorchPython, threads: number[], batch: number, steps: { warmup: number; timed: number }, into: TorchTimes): { ok: true } | { ok: false; error: string } {
  const args = [SCRIPT, '--threads', threads.join(','), '--batch', String(batch), '--warmup', String(steps.warmup), '--timed', String(steps.timed)];
  const run = spawnSync(python.command, args, { encoding: 'utf8' });
  if (run.status !== 0) return { ok: false, error: `${python.command} pytorch-resnet20.py exited ${run.status}: ${run.stderr.trim().split('\n').at(-1) ?? ''}` };
  for (const line of run.stdout.trim().split('\n')) {
    let parsed;
    try {
      parsed = TorchLine.safeParse(JSON.parse(line));
    } catch {
      return { ok: false, error: `pytorch-resnet20.py printed a line that is not JSON: ${line.slice(0, 120)}` };
    }
    if (!parsed.success) return { ok: false, error: `pytorch-resnet20.py printed an unexpected line: ${line.slice(0, 120)}` };
    const { threads: count, kind, seconds, cpu } = parsed.data;
    const held = into[kind].get(count) ?? { wall: [], cpu: [] };
    into[kind].set(count, { wall: [...held.wall, ...seconds], cpu: [...held.cpu, ...cpu] });
  }
  return { ok: true };
}
