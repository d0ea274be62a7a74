// A run's progress, live: the coordinator's event stream pushes the whole RunProgress on every
// change. EventSource reconnects by itself; we only say so, and stop once the run is done.
import { RunProgressSchema, type RunProgress } from '../../shared/protocol/index.ts';

export type Connection = 'live' | 'reconnecting' | 'ended';

export interface LiveHandlers {
  onProgress(progress: RunProgress): void;
  onConnection(state: Connection): void;
}

/** Returns a function that closes the stream. */
export function watchProgress(eventsUrl: string, handlers: LiveHandlers): () => void {
  const source = new EventSource(eventsUrl);
  const close = (): void => {
    source.close();
    handlers.onConnection('ended');
  };
  source.onopen = () => handlers.onConnection('live');
  source.onerror = () => handlers.onConnection(source.readyState === EventSource.CLOSED ? 'ended' : 'reconnecting');
  source.onmessage = (event: MessageEvent<string>) => {
    let body: unknown;
    try {
      body = JSON.parse(event.data);
    } catch {
      return;
    }
    const progress = RunProgressSchema.safeParse(body);
    if (!progress.success) return;
    handlers.onProgress(progress.data);
    if (progress.data.status === 'done') close();
  };
  return close;
}
