import { describe, expect, it } from 'vitest';
import type { RunProgress } from '../../shared/protocol/index.ts';
import { api, createRun, leaseTask, labelOf } from './fleet.ts';

/** Reads server-sent events until one `data:` line has arrived; returns its JSON. */
async function nextEvent(reader: ReadableStreamDefaultReader<Uint8Array>, decoder: TextDecoder): Promise<RunProgress> {
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('event stream ended');
    text += decoder.decode(value, { stream: true });
    const data = /^data: (.*)$/m.exec(text);
    if (data && text.endsWith('\n\n')) return JSON.parse(data[1]!);
  }
}

describe('progress events', () => {
  it('sends the progress at once and again when it changes', async () => {
    const run = await createRun();
    const response = await api(`/api/runs/${run.id}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();

    expect(await nextEvent(reader, decoder)).toMatchObject({ id: run.id, tasksInFlight: 0 });
    await leaseTask(run.id, 'alice');
    expect(await nextEvent(reader, decoder)).toMatchObject({ id: run.id, tasksInFlight: 1, volunteers: [{ id: labelOf('alice') }] });
    await reader.cancel();
  });

  it('answers 404 for a run that does not exist', async () => {
    expect((await api(`/api/runs/${'a'.repeat(32)}/events`)).status).toBe(404);
  });
});
