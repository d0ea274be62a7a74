// UTF-8 for the bundle's JSON header. TextEncoder exists on every runtime we target, but not in
// the ES library the pure shared/ build compiles against, so the few lines live here.

export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Uint8Array.from(out);
}

/** Strict decoding: overlong forms, surrogates and truncated sequences give null. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  const codes: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const extra = lead < 0x80 ? 0 : lead >= 0xc2 && lead < 0xe0 ? 1 : lead >= 0xe0 && lead < 0xf0 ? 2 : lead >= 0xf0 && lead < 0xf5 ? 3 : -1;
    if (extra < 0 || i + extra >= bytes.length) return null;
    let code = extra === 0 ? lead : lead & (0x3f >> extra);
    for (let j = 1; j <= extra; j++) {
      const next = bytes[i + j]!;
      if ((next & 0xc0) !== 0x80) return null;
      code = (code << 6) | (next & 0x3f);
    }
    const smallest = [0, 0x80, 0x800, 0x10000][extra]!;
    if (code < smallest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    codes.push(code);
    i += extra + 1;
  }
  let text = '';
  for (let start = 0; start < codes.length; start += 4096) text += String.fromCodePoint(...codes.slice(start, start + 4096));
  return text;
}
