import { describe, expect, it } from 'vitest';
import { multiplyAccumulates, parameterCount } from '../architecture/parameters.ts';
import { networkCost } from './budget.ts';
import { parseRunConfig } from './run-config.ts';

const mnist = { dataset: { name: 'mnist' as const }, architecture: { widths: [8, 16, 32], seedDepths: [1, 1, 1] } };
const digitsSpec = (depths: number[]) => ({ family: 'Basic3ResNet' as const, depths, widths: [8, 16, 32], input: { height: 28, width: 28, channels: 1 }, classes: 10 });

function config(input: unknown) {
  const parsed = parseRunConfig(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('budget config', () => {
  it('has no limit by default', () => {
    expect(config({}).budget).toEqual({ parameters: null, multiplyAccumulates: null, latencyMs: null });
    expect(config({ budget: { parameters: null } }).budget.parameters).toBeNull();
  });

  it("counts the run's network on its dataset's input shape and classes", () => {
    expect(networkCost(config(mnist), [2, 1, 3])).toEqual({ parameters: parameterCount(digitsSpec([2, 1, 3])), multiplyAccumulates: multiplyAccumulates(digitsSpec([2, 1, 3])) });
  });

  it('accepts a seed that costs exactly the limit', () => {
    const seed = networkCost(config(mnist), [1, 1, 1]);
    expect(parseRunConfig({ ...mnist, budget: { parameters: seed.parameters, multiplyAccumulates: seed.multiplyAccumulates } }).ok).toBe(true);
  });

  it('refuses a seed network that alone breaks a parameter or MAC budget, naming the field, the seed and both numbers', () => {
    const seed = networkCost(config(mnist), [1, 1, 1]);
    const parsed = parseRunConfig({ ...mnist, budget: { parameters: seed.parameters - 1, multiplyAccumulates: seed.multiplyAccumulates - 1 } });
    expect(parsed).toEqual({
      ok: false,
      error: `budget.parameters: the seed network Basic3ResNet-1-1-1 alone has ${seed.parameters} parameters, over the budget of ${seed.parameters - 1}: ` +
        'raise the budget or start from a smaller seed or narrower widths; ' +
        `budget.multiplyAccumulates: the seed network Basic3ResNet-1-1-1 alone has ${seed.multiplyAccumulates} multiply-accumulates per image, ` +
        `over the budget of ${seed.multiplyAccumulates - 1}: raise the budget or start from a smaller seed or narrower widths`,
    });
  });

  it('counts the seed on the configured dataset: the same budget fits MNIST but not CIFAR-10', () => {
    const budget = { parameters: networkCost(config(mnist), [1, 1, 1]).parameters };
    expect(parseRunConfig({ ...mnist, budget }).ok).toBe(true);
    expect(parseRunConfig({ ...mnist, dataset: { name: 'cifar10' }, budget })).toMatchObject({ ok: false, error: expect.stringContaining('budget.parameters: the seed network') });
  });

  it('refuses limits that are not positive, and a non-integer count', () => {
    for (const budget of [{ parameters: 0 }, { multiplyAccumulates: -5 }, { latencyMs: 0 }, { parameters: 1.5 }]) {
      expect(parseRunConfig({ ...mnist, budget })).toMatchObject({ ok: false, error: expect.stringMatching(/^budget\./) });
    }
  });

  it('checks the budget only once the architecture is well formed', () => {
    expect(parseRunConfig({ architecture: { widths: [8, 16] }, budget: { parameters: 1 } })).toEqual({
      ok: false, error: expect.not.stringContaining('budget'),
    });
  });
});
