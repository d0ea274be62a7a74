// The contribute page's thread setting: how many threads the WASM kernels may use. The default
// leaves one core to the browser and the page (?threads=N sets another); the visitor may lower it
// at any time, and while training it can go no higher than the threads the worker started with.
export class ThreadSetting {
  readonly #select: HTMLSelectElement;
  readonly #note: HTMLElement;
  readonly #root: HTMLElement;

  constructor(doc: Document, query: string | null, onChange: (threads: number) => void) {
    this.#select = doc.getElementById('threads') as HTMLSelectElement;
    this.#note = doc.getElementById('threads-note')!;
    this.#root = doc.getElementById('volunteer')!;
    const cores = Math.max(1, navigator.hardwareConcurrency || 1);
    const asked = query === null ? Number.NaN : Number(query);
    const chosen = Number.isInteger(asked) && asked >= 1 && asked <= 256 ? asked : Math.max(1, cores - 1);
    for (let count = 1; count <= Math.max(cores, chosen); count++) this.#select.add(new Option(String(count), String(count), false, count === chosen));
    if (!crossOriginIsolated) {
      // Threads share memory, which a browser grants only to a cross-origin isolated page.
      this.#select.value = '1';
      this.#select.disabled = true;
      this.#show('one thread: this page is not cross-origin isolated');
    } else {
      this.#show(`of ${cores} cores`);
    }
    this.#select.addEventListener('change', () => onChange(this.value));
    this.#root.dataset.threads = String(this.value);
  }

  get value(): number {
    return Number(this.#select.value);
  }

  /** After the worker starts (or changes) its kernel threads: what it runs, of how many it can. */
  showRunning(running: number, capacity: number, backend: string): void {
    for (const option of this.#select.options) option.disabled = Number(option.value) > capacity;
    this.#root.dataset.threads = String(running);
    this.#show(backend === 'wasm' ? `running ${running} of ${capacity}` : `for WASM; ${backend} needs none`);
  }

  /** Between stretches of contributing every count can be chosen again. */
  showIdle(): void {
    if (!crossOriginIsolated) return;
    for (const option of this.#select.options) option.disabled = false;
    this.#show(`of ${Math.max(1, navigator.hardwareConcurrency || 1)} cores`);
  }

  #show(text: string): void {
    this.#note.textContent = text;
  }
}
