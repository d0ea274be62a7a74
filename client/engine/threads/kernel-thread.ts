// A kernel thread (a Web Worker, or Node's worker_threads): instantiates the engine's kernel
// modules over the shared heap and takes kernel calls from the control block until terminated.
import { SLOT, takeCalls, type KernelFunction } from './control-block.ts';

export type KernelThreadMessage =
  | { kind: 'start'; memory: WebAssembly.Memory; control: SharedArrayBuffer; index: number }
  | { kind: 'module'; module: WebAssembly.Module };

/** After a job, spin this long before sleeping: the engine's next kernel call is often that close. */
const SPIN_MS = 0.1;

let memory: WebAssembly.Memory | null = null;
let control: Int32Array | null = null;
let threadIndex = 0;
const modules: KernelFunction[][] = [];

function instantiate(module: WebAssembly.Module): KernelFunction[] {
  const instance = new WebAssembly.Instance(module, { env: { memory: memory! } });
  return WebAssembly.Module.exports(module).filter((e) => e.kind === 'function').map((e) => instance.exports[e.name] as KernelFunction);
}

/** Serves jobs until one needs a module this thread has not received yet (it comes as a message). */
function serve(block: Int32Array): void {
  for (;;) {
    const seen = Atomics.load(block, SLOT.generation);
    if (takeCalls(block, threadIndex, modules) === 'needs-modules') return;
    const until = performance.now() + SPIN_MS;
    while (Atomics.load(block, SLOT.generation) === seen && performance.now() < until);
    Atomics.wait(block, SLOT.generation, seen);
  }
}

function receive(message: KernelThreadMessage, reply: (message: 'ready') => void): void {
  if (message.kind === 'start') {
    memory = message.memory;
    control = new Int32Array(message.control);
    threadIndex = message.index;
    reply('ready');
  } else {
    modules.push(instantiate(message.module));
  }
  if (control) serve(control);
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
if (isNode) {
  const { parentPort } = await import('node:worker_threads');
  parentPort!.on('message', (message: KernelThreadMessage) => receive(message, (answer) => parentPort!.postMessage(answer)));
} else {
  self.onmessage = (event: MessageEvent<KernelThreadMessage>) => receive(event.data, (answer) => self.postMessage(answer));
}
