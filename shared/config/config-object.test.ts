import { describe, expect, it } from 'vitest';
import { closestKey, unknownKeysMessage } from './config-object.ts';
import { parseRunConfig } from './run-config.ts';
import { presetConfig } from './presets.ts';

describe('config objects refuse unknown fields', () => {
  it('names a misspelled field and the field it probably meant, at every level', () => {
    expect(parseRunConfig({ grwoth: { interval: 2 } })).toEqual({ ok: false, error: '(config): unknown field "grwoth" (did you mean "growth"?)' });
    expect(parseRunConfig({ growth: { intervall: 2 } })).toEqual({ ok: false, error: 'growth: unknown field "intervall" (did you mean "interval"?)' });
    const nested = parseRunConfig({ fleet: { outer: { nestrov: true } } });
    expect(nested.ok || nested.error).toBe('fleet.outer: unknown field "nestrov" (did you mean "nesterov"?)');
  });

  it('lists the known fields when no field is close', () => {
    const refused = parseRunConfig({ colour: 'blue' });
    expect(refused.ok || refused.error).toContain('unknown field "colour"; known fields: name, group, priority, seed, dataset');
  });

  it('still takes every preset and an empty config', () => {
    expect(parseRunConfig({}).ok).toBe(true);
    for (const name of ['paper-cifar10', 'mnist-demo', 'mnist-full', 'tiny']) expect(presetConfig(name).ok).toBe(true);
  });

  it('suggests only keys a typo away', () => {
    expect(closestKey('lerningRate', ['learningRate', 'momentum'])).toBe('learningRate');
    expect(closestKey('batchsize', ['batchSize'])).toBe('batchSize');
    expect(closestKey('banana', ['batchSize', 'momentum'])).toBeNull();
    expect(unknownKeysMessage(['momentm', 'lr'], ['learningRate', 'momentum'])).toBe('unknown field "momentm" (did you mean "momentum"?); unknown field "lr"; known fields: learningRate, momentum');
  });
});
