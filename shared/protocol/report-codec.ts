// Binary report body: magic "AGR1", u32 little-endian header length, the JSON header, then the
// payload (for train and adam-init the delta as encodeTensors bytes; empty for eval).
import { issuesMessage, type Result } from '../result/index.ts';
import { decodeUtf8, encodeUtf8 } from '../state/utf8.ts';
import { ReportHeaderSchema, type ReportHeader } from './report-header.ts';

export const REPORT_MAGIC = new Uint8Array([0x41, 0x47, 0x52, 0x31]);
/** Headers are a few hundred bytes; the cap keeps a hostile length from costing anything. */
export const MAX_REPORT_HEADER_BYTES = 64 * 1024;
const PREFIX_BYTES = REPORT_MAGIC.length + 4;

export type ReportDecode = Result<{ header: ReportHeader; payload: Uint8Array }>;

export function encodeReport(header: ReportHeader, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const json = encodeUtf8(JSON.stringify(header));
  const out = new Uint8Array(PREFIX_BYTES + json.length + payload.length);
  out.set(REPORT_MAGIC, 0);
  new DataView(out.buffer).setUint32(REPORT_MAGIC.length, json.length, true);
  out.set(json, PREFIX_BYTES);
  out.set(payload, PREFIX_BYTES + json.length);
  return out;
}

/** undefined for text that is missing or does not parse (JSON itself has no undefined). */
function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function decodeReport(bytes: Uint8Array): ReportDecode {
  if (bytes.length < PREFIX_BYTES || !REPORT_MAGIC.every((b, i) => bytes[i] === b)) {
    return { ok: false, error: 'report: body must start with the magic "AGR1" and a u32 header length' };
  }
  const headerBytes = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(REPORT_MAGIC.length, true);
  if (headerBytes > MAX_REPORT_HEADER_BYTES || PREFIX_BYTES + headerBytes > bytes.length) {
    return { ok: false, error: `report: header length ${headerBytes} exceeds the body (${bytes.length} bytes) or the ${MAX_REPORT_HEADER_BYTES}-byte cap` };
  }
  const json = parseJson(decodeUtf8(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes)));
  if (json === undefined) return { ok: false, error: 'report: header is not UTF-8 JSON' };
  const parsed = ReportHeaderSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `report header: ${issuesMessage(parsed.error, '(header)')}` };
  return { ok: true, value: { header: parsed.data, payload: bytes.subarray(PREFIX_BYTES + headerBytes) } };
}
