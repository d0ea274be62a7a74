// Test-only writers of small files in each source format (IDX, CIFAR, MATLAB v5), so loader
// tests need no downloads. Kept free of Node APIs: compression comes in as a function.

export function idxImages(count: number, rows: number, cols: number, pixels: Uint8Array): Uint8Array {
  return withHeader([0x803, count, rows, cols], pixels);
}

export function idxLabels(labels: number[]): Uint8Array {
  return withHeader([0x801, labels.length], Uint8Array.from(labels));
}

/** CIFAR records from HWC 32x32x3 images: label byte(s), then the image channel-major. */
export function cifarRecords(images: Uint8Array[], labels: number[][]): Uint8Array {
  const parts = images.map((hwc, n) => {
    const chw = new Uint8Array(3072);
    for (let pixel = 0; pixel < 1024; pixel++) for (let c = 0; c < 3; c++) chw[c * 1024 + pixel] = hwc[pixel * 3 + c]!;
    return concat([Uint8Array.from(labels[n]!), chw]);
  });
  return concat(parts);
}

export interface MatVariable {
  name: string;
  /** mxClass id, e.g. 6 double, 9 uint8. */
  classId: number;
  dims: number[];
  /** miType id of the stored data and its little-endian bytes. */
  dataType: number;
  data: Uint8Array;
}

/** A little-endian MAT v5 file; with `deflate`, each variable goes in a miCOMPRESSED element. */
export function matFile(variables: MatVariable[], deflate?: (bytes: Uint8Array) => Uint8Array): Uint8Array {
  const header = new Uint8Array(128).fill(0x20);
  header.set(new TextEncoder().encode('MATLAB 5.0 MAT-file, written by test-fixtures'), 0);
  header.fill(0, 116, 124);
  header.set([0x00, 0x01, 0x49, 0x4d], 124);
  const elements = variables.map((variable) => {
    const matrix = element(14, concat([
      element(6, u32([variable.classId, 0])),
      element(5, u32(variable.dims)),
      element(1, new TextEncoder().encode(variable.name)),
      element(variable.dataType, variable.data),
    ]));
    if (!deflate) return matrix;
    const compressed = deflate(matrix);
    return concat([u32([15, compressed.length]), compressed]);
  });
  return concat([header, ...elements]);
}

export function float64Bytes(values: number[]): Uint8Array {
  return new Uint8Array(Float64Array.from(values).buffer);
}

/** Tag + data padded to 8 bytes; up to 4 bytes use the small-element form. */
function element(type: number, data: Uint8Array): Uint8Array {
  if (data.length <= 4) {
    const small = new Uint8Array(8);
    new DataView(small.buffer).setUint32(0, (data.length << 16) | type, true);
    small.set(data, 4);
    return small;
  }
  const padded = new Uint8Array(8 + Math.ceil(data.length / 8) * 8);
  padded.set(u32([type, data.length]), 0);
  padded.set(data, 8);
  return padded;
}

function u32(values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  values.forEach((value, i) => new DataView(bytes.buffer).setUint32(i * 4, value, true));
  return bytes;
}

function withHeader(words: number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(words.length * 4);
  words.forEach((word, i) => new DataView(header.buffer).setUint32(i * 4, word, false));
  return concat([header, data]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
