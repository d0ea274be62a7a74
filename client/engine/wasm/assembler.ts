// A minimal WebAssembly binary assembler: enough to emit the engine's SIMD kernels at run time,
// specialised to each layer's shape, without a compiler toolchain in the build.

export type ValueType = 'i32' | 'f32' | 'v128';
const VALUE_TYPE: Record<ValueType, number> = { i32: 0x7f, f32: 0x7d, v128: 0x7b };

type Immediate = 'none' | 'local' | 'label' | 'block' | 'mem' | 'i32' | 'f32' | 'lane' | 'lanes';
interface OpInfo { bytes: number[]; immediate: Immediate }

/** A fixed-length tuple, so destructured locals stay `number` under noUncheckedIndexedAccess. */
export type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N ? R : Tuple<T, N, [T, ...R]>;

const plain = (bytes: number[], immediate: Immediate = 'none'): OpInfo => ({ bytes, immediate });
const simd = (code: number, immediate: Immediate = 'none'): OpInfo => ({ bytes: [0xfd, ...uleb(code)], immediate });

const OPS: Record<string, OpInfo> = {
  block: plain([0x02], 'block'), loop: plain([0x03], 'block'), if: plain([0x04], 'block'), else: plain([0x05]),
  end: plain([0x0b]), br: plain([0x0c], 'label'), br_if: plain([0x0d], 'label'), return: plain([0x0f]),
  drop: plain([0x1a]), select: plain([0x1b]),
  'local.get': plain([0x20], 'local'), 'local.set': plain([0x21], 'local'), 'local.tee': plain([0x22], 'local'),
  'i32.load': plain([0x28], 'mem'), 'f32.load': plain([0x2a], 'mem'), 'i32.store': plain([0x36], 'mem'), 'f32.store': plain([0x38], 'mem'),
  'i32.const': plain([0x41], 'i32'), 'f32.const': plain([0x43], 'f32'),
  'i32.eqz': plain([0x45]), 'i32.eq': plain([0x46]), 'i32.ne': plain([0x47]), 'i32.lt_s': plain([0x48]), 'i32.lt_u': plain([0x49]),
  'i32.gt_s': plain([0x4a]), 'i32.gt_u': plain([0x4b]), 'i32.le_s': plain([0x4c]), 'i32.ge_s': plain([0x4e]), 'i32.ge_u': plain([0x4f]),
  'f32.gt': plain([0x5e]),
  'i32.add': plain([0x6a]), 'i32.sub': plain([0x6b]), 'i32.mul': plain([0x6c]), 'i32.and': plain([0x71]), 'i32.shl': plain([0x74]), 'i32.shr_u': plain([0x76]),
  'f32.sqrt': plain([0x91]), 'f32.add': plain([0x92]), 'f32.sub': plain([0x93]), 'f32.mul': plain([0x94]), 'f32.div': plain([0x95]), 'f32.max': plain([0x97]),
  'f32.convert_i32_u': plain([0xb3]),
  'v128.load': simd(0x00, 'mem'), 'v128.load32_splat': simd(0x09, 'mem'), 'v128.store': simd(0x0b, 'mem'),
  'i8x16.shuffle': simd(0x0d, 'lanes'), 'f32x4.splat': simd(0x13), 'f32x4.extract_lane': simd(0x1f, 'lane'),
  'f32x4.gt': simd(0x44), 'v128.and': simd(0x4e), 'v128.bitselect': simd(0x52),
  'f32x4.neg': simd(0xe1), 'f32x4.add': simd(0xe4), 'f32x4.sub': simd(0xe5), 'f32x4.mul': simd(0xe6), 'f32x4.div': simd(0xe7), 'f32x4.max': simd(0xe9),
  'f32x4.relaxed_madd': simd(0x105),
  'memory.copy': plain([0xfc, 0x0a, 0x00, 0x00]), 'memory.fill': plain([0xfc, 0x0b, 0x00]),
};
export type OpName = keyof typeof OPS;

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v ? byte | 0x80 : byte);
  } while (v);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && !(byte & 0x40)) || (v === -1 && byte & 0x40);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const name = (text: string): number[] => {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
};
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];

/** One function's body: declare locals, then emit instructions in WAT order (no folded forms). */
export class FunctionBuilder {
  readonly code: number[] = [];
  readonly localTypes: ValueType[] = [];
  readonly params: ValueType[];
  readonly results: ValueType[];
  constructor(params: ValueType[], results: ValueType[] = []) {
    this.params = params;
    this.results = results;
  }

  local(type: ValueType): number {
    this.localTypes.push(type);
    return this.params.length + this.localTypes.length - 1;
  }

  locals<N extends number>(type: ValueType, count: N): Tuple<number, N> {
    return Array.from({ length: count }, () => this.local(type)) as Tuple<number, N>;
  }

  /** Emits one instruction. Memory ops take the byte offset (alignment is left natural). */
  op(op: OpName, ...args: number[]): this {
    const info = OPS[op];
    if (!info) throw new Error(`FunctionBuilder.op: unknown instruction ${String(op)}`);
    this.code.push(...info.bytes);
    const arg = args[0] ?? 0;
    switch (info.immediate) {
      case 'local': case 'label': this.code.push(...uleb(arg)); break;
      case 'block': this.code.push(0x40); break;
      case 'mem': this.code.push(0, ...uleb(arg)); break;
      case 'i32': this.code.push(...sleb(arg)); break;
      case 'f32': this.code.push(...new Uint8Array(new Float32Array([arg]).buffer)); break;
      case 'lane': this.code.push(arg); break;
      case 'lanes': this.code.push(...args); break;
      case 'none': break;
    }
    return this;
  }

  body(): number[] {
    const runs: number[][] = this.localTypes.map((t) => [1, VALUE_TYPE[t]]);
    const bytes = [...vector(runs), ...this.code, 0x0b];
    return [...uleb(bytes.length), ...bytes];
  }
}

/** Assembles exported functions over a memory imported as env.memory. */
export function assembleModule(functions: Record<string, FunctionBuilder>, shared: boolean): Uint8Array {
  const entries = Object.entries(functions);
  const types = entries.map(([, f]) => [0x60, ...vector(f.params.map((t) => [VALUE_TYPE[t]])), ...vector(f.results.map((t) => [VALUE_TYPE[t]]))]);
  const memoryLimits = shared ? [0x03, 0, ...uleb(65536)] : [0x00, 0];
  const imports = [[...name('env'), ...name('memory'), 0x02, ...memoryLimits]];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector(imports)),
    ...section(3, vector(entries.map((_, i) => uleb(i)))),
    ...section(7, vector(entries.map(([n], i) => [...name(n), 0x00, ...uleb(i)]))),
    ...section(10, vector(entries.map(([, f]) => f.body()))),
  ];
  return new Uint8Array(bytes);
}
