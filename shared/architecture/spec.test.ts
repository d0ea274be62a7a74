import { describe, expect, it } from 'vitest';
import { architectureName, ArchitectureSpecSchema, parseArchitectureName } from './spec.ts';

describe('parseArchitectureName', () => {
  it.each([
    ['Basic3ResNet-3-3-3', 'Basic3ResNet', [3, 3, 3]],
    ['Bottleneck4ResNet-3-4-6-3', 'Bottleneck4ResNet', [3, 4, 6, 3]],
    ['Plain4Net-11-10-10-10', 'Plain4Net', [11, 10, 10, 10]],
  ])('parses %s and prints it back', (name, family, depths) => {
    const parsed = parseArchitectureName(name);
    expect(parsed).toEqual({ ok: true, value: { family, depths } });
    if (parsed.ok) expect(architectureName(parsed.value)).toBe(name);
  });

  it.each([
    ['ResNet-3-3-3', 'unknown family "ResNet"'],
    ['Basic3ResNet-3-3', 'needs 3 depths, got 2'],
    ['Basic4ResNet-1-1-1-0', 'depth "0"'],
    ['Plain3Net-1-x-1', 'depth "x"'],
  ])('refuses %s with a message naming the problem', (name, message) => {
    const parsed = parseArchitectureName(name);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

describe('ArchitectureSpecSchema', () => {
  it('refuses depths that do not match the family', () => {
    const result = ArchitectureSpecSchema.safeParse({
      family: 'Basic4ResNet', depths: [1, 1, 1], widths: [8, 16, 32, 64], input: { height: 32, width: 32, channels: 3 }, classes: 10,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Basic4ResNet has 4 stages, got 3 depths');
  });
});
