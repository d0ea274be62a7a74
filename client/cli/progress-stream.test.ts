import { describe, expect, it } from 'vitest';
import { sseParser } from './progress-stream.ts';

describe('sseParser', () => {
  it('returns each event\'s data once its blank line arrives, across chunk boundaries', () => {
    const parse = sseParser();
    expect(parse('data: {"a"')).toEqual([]);
    expect(parse(':1}\n')).toEqual([]);
    expect(parse('\ndata: 2\n\n')).toEqual(['{"a":1}', '2']);
  });

  it('skips comments and other fields, joins multi-line data and accepts CRLF', () => {
    const parse = sseParser();
    expect(parse(': keep-alive\n\nevent: progress\r\nid: 4\r\ndata: one\r\ndata:two\r\n\r\n')).toEqual(['one\ntwo']);
  });
});
