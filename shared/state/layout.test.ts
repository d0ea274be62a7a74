import { describe, expect, it } from 'vitest';
import { tensorSpecs } from '../architecture/parameters.ts';
import type { ArchitectureSpec } from '../architecture/spec.ts';
import { matchStateLayout, stateLayout } from './layout.ts';

const architecture: ArchitectureSpec = { family: 'Basic3ResNet', depths: [1, 1, 1], widths: [4, 8, 8], input: { height: 32, width: 32, channels: 3 }, classes: 10 };
const tensorsOf = (entries: { name: string; shape: number[] }[]) => entries.map(({ name, shape }) => ({ name, shape, data: new Float32Array(0) }));

describe('stateLayout', () => {
  it('lists tensorSpecs in order, and no momentum buffer: momentum stays with the volunteers', () => {
    const specs = tensorSpecs(architecture);
    const layout = stateLayout(architecture);
    expect(layout.map((e) => [e.name, e.shape])).toEqual(specs.map((s) => [s.name, s.shape]));
    expect(layout.some((e) => e.name.endsWith('#momentum'))).toBe(false);
  });
});

describe('matchStateLayout', () => {
  const layout = stateLayout(architecture);

  it('accepts the layout in any order and returns it in layout order', () => {
    const matched = matchStateLayout(architecture, tensorsOf([...layout].reverse()));
    expect(matched.ok && matched.value.map((t) => t.name)).toEqual(layout.map((e) => e.name));
  });

  it.each([
    ['a missing tensor', tensorsOf(layout.slice(1)), 'missing stem.conv.w'],
    ['an extra tensor', tensorsOf([...layout, { name: 'x', shape: [1] }]), 'unexpected x'],
    ['a duplicate', tensorsOf([...layout, layout[0]!]), 'some names appear twice'],
    ['a wrong shape', tensorsOf([{ name: 'stem.conv.w', shape: [3, 3, 3, 5] }, ...layout.slice(1)]), '"stem.conv.w" should have shape [3,3,3,4], got [3,3,3,5]'],
  ])('refuses %s', (_case, tensors, message) => {
    const matched = matchStateLayout(architecture, tensors);
    expect(matched.ok).toBe(false);
    if (!matched.ok) expect(matched.error).toContain(message);
  });
});
