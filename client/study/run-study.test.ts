// The smoke study: the tiny preset grown and its found net from scratch, trained for real on the
// WASM engine, written out, and run again without training anything.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localExecutor } from './local-executor.ts';
import { folderStore } from './result-store.ts';
import { runStudy, type RunExecutor } from './run-study.ts';
import { tinyStudy } from './studies/tiny.ts';
import { writeStudy } from './write-study.ts';

const dir = mkdtempSync(join(tmpdir(), 'autogrow-study-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The executor, counting the runs it is asked to train. */
function counted(executor: RunExecutor): RunExecutor & { runs: string[] } {
  const runs: string[] = [];
  return { runs, run: (key, config, label) => (runs.push(label), executor.run(key, config, label)) };
}

describe('the tiny study', () => {
  it('grows, retrains the found net from scratch for as many epochs, writes its outputs, and trains nothing when run again', async () => {
    const store = folderStore(join(dir, 'runs'));
    const first = counted(localExecutor());
    const results = await runStudy(tinyStudy, [1], first, store);
    expect(first.runs).toEqual(['grown', 'found net from scratch']);
    const [grown] = results.get('grown')!;
    const [scratch] = results.get('found net from scratch')!;
    expect(grown!.growth.some((entry) => entry.type === 'grow')).toBe(true);
    expect(scratch!.config.architecture.seedDepths).toEqual(grown!.depths);
    expect(scratch!.config.architecture.maxDepths).toEqual(grown!.depths);
    expect(scratch!.epochs).toBe(grown!.epochs);
    expect(scratch!.growth).toEqual([]);
    expect(scratch!.history.every((record) => record.phase === 'fine-tuning')).toBe(true);
    expect(scratch!.config).toMatchObject({ name: 'found net from scratch', group: 'tiny', seed: 1 });
    expect(existsSync(join(dir, 'runs', `${grown!.key}.json`))).toBe(true);

    const written = await writeStudy(dir, tinyStudy, results, { seeds: [1], command: 'npm run study -- tiny --seeds 1', generatedAt: '2026-12-01T00:00:00.000Z' });
    expect(written.files.map((f) => f.slice(dir.length + 1))).toEqual(['tiny.json', 'tiny.md', 'tiny.svg', 'tiny.png']);
    const markdown = readFileSync(join(dir, 'tiny.md'), 'utf8');
    expect(markdown).toContain(`| grown | 1 | Basic3ResNet ${grown!.depths.join('-')} | ${grown!.testAcc!.toFixed(2)} |`);
    expect(markdown).toContain('synthetic data: the first 256 training images (192 train, 64 validation)');
    const json = JSON.parse(readFileSync(join(dir, 'tiny.json'), 'utf8'));
    expect(json.variants.map((v: { runs: { key: string }[] }) => v.runs[0]!.key)).toEqual([grown!.key, scratch!.key]);

    const again = counted(localExecutor());
    const resumed = await runStudy(tinyStudy, [1], again, store);
    expect(again.runs).toEqual([]);
    expect(resumed.get('grown')).toEqual([grown]);
  });
});
