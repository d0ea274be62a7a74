// A run's server-sent progress events read over fetch, for Node (which has no EventSource): a
// pure parser of the text/event-stream format and an async stream of RunProgress.
import { RunProgressSchema, type RunProgress } from '../../shared/protocol/index.ts';
import type { Result } from '../../shared/result/index.ts';

/** Feeds text as it arrives; returns the data of every event the text completes. */
export function sseParser(): (text: string) => string[] {
  let buffer = '';
  let data: string[] = [];
  return (text) => {
    buffer += text;
    const events: string[] = [];
    let newline: number;
    while ((newline = buffer.search(/\r?\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
      if (line === '') {
        if (data.length > 0) events.push(data.join('\n'));
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(line[5] === ' ' ? 6 : 5));
      }
      // Comments (": keep-alive") and the other fields (event, id, retry) carry nothing for us.
    }
    return events;
  };
}

export type StreamItem = Result<RunProgress>;

/** Progress snapshots until the stream ends or `signal` aborts; a failure is the last item. */
export async function* progressStream(eventsUrl: string, signal?: AbortSignal): AsyncGenerator<StreamItem> {
  let response: Response;
  try {
    response = await fetch(eventsUrl, { headers: { Accept: 'text/event-stream' }, ...(signal ? { signal } : {}) });
  } catch (error) {
    yield { ok: false, error: `cannot open ${eventsUrl}: ${(error as Error).message}` };
    return;
  }
  if (!response.ok || !response.body) {
    yield { ok: false, error: `${eventsUrl}: ${response.status} ${response.statusText} ${(await response.text().catch(() => '')).slice(0, 300)}` };
    return;
  }
  const parse = sseParser();
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      for (const data of parse(decoder.decode(chunk.value, { stream: true }))) {
        let body: unknown;
        try {
          body = JSON.parse(data);
        } catch {
          yield { ok: false, error: `${eventsUrl}: an event is not JSON` };
          return;
        }
        const progress = RunProgressSchema.safeParse(body);
        yield progress.success ? { ok: true, value: progress.data } : { ok: false, error: `${eventsUrl}: an event is not a run's progress` };
      }
    }
  } catch (error) {
    if (!signal?.aborted) yield { ok: false, error: `${eventsUrl}: the stream broke: ${(error as Error).message}` };
  } finally {
    // A consumer that stops early (the run is done) must not leave the connection open.
    await reader.cancel().catch(() => undefined);
  }
}
