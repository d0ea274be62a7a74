// The benchmark's closing table: each engine figure beside PyTorch's on the same thread count, their
// ratio, and how each side scales from one thread to more, all from one run.
import { median } from './timing.ts';

export interface SideBySide {
  batch: number;
  threads: number[];
  /** Seconds per step by thread count. */
  engine: { train: Map<number, number[]>; forward: Map<number, number[]> };
  torch: { train: Map<number, number[]>; forward: Map<number, number[]> } | null;
}

const rate = (batch: number, seconds: number[] | undefined): number => (seconds?.length ? batch / median(seconds) : Number.NaN);
const fixed = (value: number, digits: number, width: number): string => (Number.isNaN(value) ? '-' : value.toFixed(digits)).padStart(width);

export function sideBySideLines({ batch, threads, engine, torch }: SideBySide): string[] {
  const lines = [`  ${'measure'.padEnd(10)} ${'threads'.padStart(7)} ${'engine'.padStart(10)} ${'PyTorch'.padStart(10)} ${'engine/PyTorch'.padStart(15)}   (images/s, medians of ${engine.train.get(threads[0]!)?.length ?? 0} steps each)`];
  for (const kind of ['train', 'forward'] as const) {
    for (const count of threads) {
      const ours = rate(batch, engine[kind].get(count));
      const theirs = torch ? rate(batch, torch[kind].get(count)) : Number.NaN;
      lines.push(`  ${(kind === 'train' ? 'training' : 'forward').padEnd(10)} ${String(count).padStart(7)} ${fixed(ours, 1, 10)} ${fixed(theirs, 1, 10)} ${fixed(ours / theirs, 2, 15)}`);
    }
  }
  const [one, ...more] = threads;
  for (const count of more) {
    const scaling = (side: SideBySide['engine'], kind: 'train' | 'forward') => rate(batch, side[kind].get(count)) / rate(batch, side[kind].get(one!));
    const parts = [`engine training ${fixed(scaling(engine, 'train'), 2, 0)}`, `engine forward ${fixed(scaling(engine, 'forward'), 2, 0)}`];
    if (torch) parts.push(`PyTorch training ${fixed(scaling(torch, 'train'), 2, 0)}`, `PyTorch forward ${fixed(scaling(torch, 'forward'), 2, 0)}`);
    lines.push(`  ${count} threads / ${one} thread: ${parts.join(', ')}`);
  }
  return lines;
}
