import { describe, expect, it } from 'vitest';
import { decodeReport, encodeReport, REPORT_MAGIC } from './report-codec.ts';
import type { ReportHeader } from './report-header.ts';

const header: ReportHeader = {
  leaseToken: 'v1.t3.1.0.1700000000000.sig', taskId: 't3', version: 7, kind: 'train',
  samples: 128, loss: 1.25, accuracy: 50, correct: 64, seconds: 2.5, backend: 'wasm',
};

describe('report codec', () => {
  it('round-trips the header and the payload bytes', () => {
    const payload = new Uint8Array([1, 2, 3, 250]);
    const decoded = decodeReport(encodeReport(header, payload));
    expect(decoded).toEqual({ ok: true, value: { header, payload } });
  });

  it('decodes a report that sits at an offset inside a larger buffer', () => {
    const bytes = encodeReport(header);
    const padded = new Uint8Array(bytes.length + 5);
    padded.set(bytes, 5);
    const decoded = decodeReport(padded.subarray(5));
    expect(decoded.ok && decoded.value.payload.length).toBe(0);
  });

  it('refuses a body without the magic', () => {
    const bytes = encodeReport(header);
    bytes[0] = 0;
    expect(decodeReport(bytes)).toEqual({ ok: false, error: expect.stringContaining('magic') });
  });

  it('refuses a header length past the end of the body', () => {
    const bytes = encodeReport(header).slice(0, 40);
    expect(decodeReport(bytes)).toEqual({ ok: false, error: expect.stringContaining('exceeds the body') });
  });

  it('refuses a header that is not JSON', () => {
    const bytes = new Uint8Array([...REPORT_MAGIC, 2, 0, 0, 0, 0x7b, 0x7b]);
    expect(decodeReport(bytes)).toEqual({ ok: false, error: 'report: header is not UTF-8 JSON' });
  });

  it('names the invalid header field', () => {
    const decoded = decodeReport(encodeReport({ ...header, correct: 500 }));
    expect(decoded).toEqual({ ok: false, error: 'report header: correct: correct cannot exceed samples' });
    const negative = decodeReport(encodeReport({ ...header, samples: -1 }));
    expect(!negative.ok && negative.error).toContain('samples');
  });
});
