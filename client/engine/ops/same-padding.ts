// TensorFlow's 'same' padding, which the engine and the exported LayersModel share: output size
// ceil(in / stride), padding split with the odd pixel at the bottom and right.

export interface SamePadding {
  outH: number;
  outW: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function along(size: number, kernel: number, stride: number): [out: number, before: number, after: number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return [out, before, total - before];
}

export function samePadding(inH: number, inW: number, kernel: number, stride: number): SamePadding {
  const [outH, top, bottom] = along(inH, kernel, stride);
  const [outW, left, right] = along(inW, kernel, stride);
  return { outH, outW, top, bottom, left, right };
}
