// Builds the zero-padding copy that feeds the conv kernels: NHWC rows copied inside zero margins
// with bulk memory operations, so the conv kernel itself needs no bounds checks.
import { FunctionBuilder } from './assembler.ts';
import { bump, offsetFrom, repeat } from './emit.ts';
import type { KernelBuild } from './runtime.ts';

export interface PadSpec {
  h: number;
  w: number;
  channels: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Function `pad(in, out, batch)`: out is [batch, top + h + bottom, left + w + right, channels]. */
export function padKernel(spec: PadSpec): KernelBuild {
  return () => ({ pad: buildPad(spec) });
}

function buildPad({ h, w, channels, top, bottom, left, right }: PadSpec): FunctionBuilder {
  const f = new FunctionBuilder(['i32', 'i32', 'i32']);
  const [IN, OUT, BATCH] = [0, 1, 2];
  const [src, dst] = f.locals('i32', 2);
  const pixel = channels * 4;
  const outRow = (left + w + right) * pixel;
  const zeros = (bytes: number) => {
    if (bytes > 0) f.op('local.get', dst).op('i32.const', 0).op('i32.const', bytes).op('memory.fill');
    bump(f, dst, bytes);
  };
  offsetFrom(f, src, IN);
  offsetFrom(f, dst, OUT);
  repeat(f, { local: BATCH }, () => {
    zeros(top * outRow);
    repeat(f, h, () => {
      zeros(left * pixel);
      f.op('local.get', dst).op('local.get', src).op('i32.const', w * pixel).op('memory.copy');
      bump(f, dst, w * pixel);
      bump(f, src, w * pixel);
      zeros(right * pixel);
    });
    zeros(bottom * outRow);
  });
  return f;
}
