import iconv from 'iconv-lite';

/**
 * Labels that mean windows-1252 on the web. Browsers decode ISO-8859-1 and US-ASCII as windows-1252 (WHATWG
 * Encoding), and publishers rely on it: their "ISO-8859-1" pages carry curly quotes and dashes in 0x80-0x9F.
 */
const WINDOWS_1252_LABELS = new Set([
  'windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'iso_8859-1:1987', 'latin1', 'l1',
  'cp819', 'ibm819', 'iso-ir-100', 'csisolatin1', 'us-ascii', 'ascii', 'ansi_x3.4-1968',
]);

/** How much of the start of a document is searched for a declared charset, as browsers do. */
const DECLARATION_WINDOW = 1_024;
/** How much is looked at to tell text from binary and UTF-16 from 8-bit text. */
const SNIFF_WINDOW = 64 * 1_024;
/** Text with more control characters than this share (or any NUL) is binary, not an article. */
const MAX_CONTROL_SHARE = 0.02;

export type DecodedText = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/** The iconv-lite name for a charset label, or `null` when iconv-lite does not know it. */
function encodingFor(label: string | null | undefined): string | null {
  const name = label?.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!name) return null;
  if (WINDOWS_1252_LABELS.has(name)) return 'windows-1252';
  return iconv.encodingExists(name) ? name : null;
}

/** The charset parameter of a Content-Type header value, or `null`. */
export function charsetOf(contentType: string | null | undefined): string | null {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1] ?? null;
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** The charset a document declares near its start: `<?xml ... encoding=...?>`, `<meta charset>` or http-equiv. */
function declaredInDocument(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, DECLARATION_WINDOW)).toString('latin1');
  const label =
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  const encoding = encodingFor(label);
  // A document that says UTF-16 in ASCII bytes is not UTF-16 (HTML's rule); without a BOM it is read as UTF-8.
  return encoding !== null && /^utf-?16/.test(encoding) ? null : encoding;
}

/** UTF-16 without a BOM: mostly-ASCII text leaves a NUL in every other byte. */
function utf16Without(bytes: Uint8Array): string | null {
  const length = Math.min(bytes.length, SNIFF_WINDOW) & ~1;
  if (length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < length; index += 2) {
    if (bytes[index] === 0) evenZeros += 1;
    if (bytes[index + 1] === 0) oddZeros += 1;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function isUtf8(bytes: Uint8Array, isComplete: boolean): boolean {
  try {
    // `stream: true` lets a sample end inside a multi-byte character without counting it as an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !isComplete });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a document from its first bytes, in this order: a byte-order mark; the charset the transport
 * declares (a Content-Type header); the one the document declares in its first kilobyte (XML declaration,
 * `<meta charset>`); UTF-16 recognised by its NUL bytes; UTF-8 when the bytes are valid UTF-8; else windows-1252.
 * ISO-8859-1 and US-ASCII labels give windows-1252. `isComplete` says whether `head` is the whole document.
 */
export function sniffEncoding(head: Uint8Array, declared: string | null = null, isComplete = true): string {
  return (
    bomEncoding(head) ??
    encodingFor(declared) ??
    declaredInDocument(head) ??
    utf16Without(head) ??
    (isUtf8(head.subarray(0, SNIFF_WINDOW), isComplete && head.length <= SNIFF_WINDOW) ? 'utf-8' : 'windows-1252')
  );
}

/** Why decoded text is binary rather than text, or `null` when it reads as text. */
export function binaryReason(text: string): string | null {
  const sample = text.slice(0, SNIFF_WINDOW);
  if (sample.includes('\u0000')) return 'it contains NUL bytes';
  const controls = sample.match(/[\u0001-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFD]/g)?.length ?? 0;
  return controls > sample.length * MAX_CONTROL_SHARE ? 'it is mostly not text' : null;
}

/** A decoder for one document in `encoding` that takes it chunk by chunk (chunks may split characters). */
export function createTextDecoder(encoding: string): { write(chunk: Buffer): string; end(): string } {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}

/**
 * Decodes a whole document (page, feed or file) to text, choosing the encoding as `sniffEncoding` does; a
 * byte-order mark is dropped. Binary data (NUL bytes, or mostly control characters once decoded) is
 * `{ ok: false }` with the reason in plain words.
 */
export function decodeText(bytes: Uint8Array, declared: string | null = null): DecodedText {
  const encoding = sniffEncoding(bytes, declared);
  const text = iconv.decode(bytes, encoding, { stripBOM: true });
  const reason = binaryReason(text);
  return reason === null ? { ok: true, text, encoding } : { ok: false, reason };
}
