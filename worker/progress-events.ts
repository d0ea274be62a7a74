// Server-sent events of a run's progress: each subscriber gets the progress JSON at once and
// again whenever it changes, plus a comment line every KEEP_ALIVE_MS so proxies keep it open.
const KEEP_ALIVE_MS = 15_000;
/** Events a subscriber may leave unread before it counts as gone (a reader that vanished without cancelling). */
const MAX_UNREAD = 100;
const encoder = new TextEncoder();

export class ProgressEvents {
  #subscribers = new Set<ReadableStreamDefaultController<Uint8Array>>();
  #last = '';
  #keepAlive: ReturnType<typeof setInterval> | null = null;

  subscribe(progressJson: string): ReadableStream<Uint8Array> {
    let subscriber: ReadableStreamDefaultController<Uint8Array>;
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        subscriber = controller;
        this.#subscribers.add(controller);
        this.#last = progressJson;
        controller.enqueue(encoder.encode(`data: ${progressJson}\n\n`));
        this.#keepAlive ??= setInterval(() => this.#send(': keep-alive\n\n'), KEEP_ALIVE_MS);
      },
      cancel: () => this.#drop(subscriber),
    });
  }

  /** Sends the progress to every subscriber if it differs from what they last got. */
  publish(progressJson: string): void {
    if (progressJson === this.#last) return;
    this.#last = progressJson;
    this.#send(`data: ${progressJson}\n\n`);
  }

  /** Whether anyone listens: the progress JSON is worth building only then. */
  get listening(): boolean {
    return this.#subscribers.size > 0;
  }

  #send(text: string): void {
    const bytes = encoder.encode(text);
    for (const subscriber of this.#subscribers) {
      try {
        if ((subscriber.desiredSize ?? 0) < -MAX_UNREAD) throw new Error('reader stopped reading');
        subscriber.enqueue(bytes);
      } catch {
        // Closed, errored or stalled: stop buffering for it.
        this.#drop(subscriber);
      }
    }
  }

  #drop(subscriber: ReadableStreamDefaultController<Uint8Array>): void {
    this.#subscribers.delete(subscriber);
    if (this.#subscribers.size === 0 && this.#keepAlive !== null) {
      clearInterval(this.#keepAlive);
      this.#keepAlive = null;
    }
  }
}
