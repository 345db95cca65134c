import { describe, expect, it } from 'vitest';
import { binaryReason, charsetOf, decodeText, sniffEncoding } from '../../../src/services/ingest/decode-text.js';

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('sniffEncoding', () => {
  it('lets a byte-order mark win over a declared charset', () => {
    expect(sniffEncoding(Buffer.from('\uFEFFhello', 'utf16le'), 'windows-1252')).toBe('utf-16le');
  });

  it('takes the transport charset before the one the document declares', () => {
    expect(sniffEncoding(ascii('<meta charset="utf-8"><p>x</p>'), 'iso-8859-1')).toBe('windows-1252');
  });

  it('reads ISO-8859-1 and US-ASCII labels as windows-1252', () => {
    expect(sniffEncoding(ascii('<?xml version="1.0" encoding="ISO-8859-1"?><rss/>'))).toBe('windows-1252');
    expect(sniffEncoding(ascii('x'), 'us-ascii')).toBe('windows-1252');
  });

  it('falls back from valid UTF-8 to windows-1252 for undeclared text', () => {
    expect(sniffEncoding(Buffer.from('Café “ok”', 'utf8'))).toBe('utf-8');
    expect(sniffEncoding(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93]))).toBe('windows-1252');
  });

  it('does not count a UTF-8 character cut at the end of a partial sample as invalid', () => {
    const bytes = Buffer.from('tea costs €3', 'utf8');
    expect(sniffEncoding(bytes.subarray(0, bytes.length - 2), null, false)).toBe('utf-8');
  });

  it('ignores an unknown charset label', () => {
    expect(sniffEncoding(Buffer.from('plain', 'utf8'), 'x-no-such-charset')).toBe('utf-8');
  });
});

describe('decodeText', () => {
  it('maps windows-1252 0x80-0x9F to the euro sign, dashes and curly quotes', () => {
    expect(decodeText(Buffer.from([0x93, 0x80, 0x35, 0x20, 0x96, 0x20, 0x85, 0x94]), 'windows-1252')).toEqual({
      ok: true,
      text: '“€5 – …”',
      encoding: 'windows-1252',
    });
  });

  it('drops the byte-order mark', () => {
    expect(decodeText(Buffer.from('\uFEFFTitle', 'utf8'))).toMatchObject({ ok: true, text: 'Title' });
  });

  it('refuses binary data', () => {
    expect(decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toEqual({ ok: false, reason: 'it contains NUL bytes' });
  });
});

describe('binaryReason', () => {
  it('accepts text with tabs, form feeds and line breaks', () => {
    expect(binaryReason('one\ttwo\r\nthree\fpage')).toBeNull();
  });

  it('names text that is mostly control characters', () => {
    expect(binaryReason('\u0001\u0002\u0003abc')).toBe('it is mostly not text');
  });
});

describe('charsetOf', () => {
  it('reads the charset parameter, quoted or not', () => {
    expect(charsetOf('text/html; charset="Windows-1252"')).toBe('Windows-1252');
    expect(charsetOf('application/rss+xml')).toBeNull();
  });
});
