// The benchmark's closing table: each engine figure beside PyTorch's on the same thread count, their
// ratio by wall time and by CPU time (images per CPU-second of all threads, steadier on a busy
// machine), and how each side scales from one thread to more, all from one run.
import { median, type StepTimes } from './timing.ts';

type ByThreads = Map<number, StepTimes>;

export interface SideBySide {
  batch: number;
  threads: number[];
  engine: { train: ByThreads; forward: ByThreads };
  torch: { train: ByThreads; forward: ByThreads } | null;
}

const rate = (batch: number, times: StepTimes | undefined, clock: 'wall' | 'cpu'): number => (times?.[clock].length ? batch / median(times[clock]) : Number.NaN);
const fixed = (value: number, digits: number, width: number): string => (Number.isNaN(value) ? '-' : value.toFixed(digits)).padStart(width);

export function sideBySideLines({ batch, threads, engine, torch }: SideBySide): string[] {
  const steps = engine.train.get(threads[0]!)?.wall.length ?? 0;
  const lines = [`  ${'measure'.padEnd(10)} ${'threads'.padStart(7)} ${'engine'.padStart(9)} ${'PyTorch'.padStart(9)} ${'engine/PyTorch'.padStart(15)} ${'per CPU-second'.padStart(15)}   (images/s by wall time, medians of ${steps} steps)`];
  for (const kind of ['train', 'forward'] as const) {
    for (const count of threads) {
      const [ours, theirs] = [engine[kind].get(count), torch?.[kind].get(count)];
      const ratio = (clock: 'wall' | 'cpu') => rate(batch, ours, clock) / rate(batch, theirs, clock);
      lines.push(`  ${(kind === 'train' ? 'training' : 'forward').padEnd(10)} ${String(count).padStart(7)} ${fixed(rate(batch, ours, 'wall'), 1, 9)} ${fixed(rate(batch, theirs, 'wall'), 1, 9)} ${fixed(ratio('wall'), 2, 15)} ${fixed(ratio('cpu'), 2, 15)}`);
    }
  }
  const [one, ...more] = threads;
  for (const count of more) {
    const scaling = (side: SideBySide['engine'], kind: 'train' | 'forward') => rate(batch, side[kind].get(count), 'wall') / rate(batch, side[kind].get(one!), 'wall');
    const parts = [`engine training ${fixed(scaling(engine, 'train'), 2, 0)}`, `engine forward ${fixed(scaling(engine, 'forward'), 2, 0)}`];
    if (torch) parts.push(`PyTorch training ${fixed(scaling(torch, 'train'), 2, 0)}`, `PyTorch forward ${fixed(scaling(torch, 'forward'), 2, 0)}`);
    lines.push(`  ${count} threads / ${one} thread (wall): ${parts.join(', ')}`);
  }
  return lines;
}
