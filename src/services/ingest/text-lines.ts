import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { IngestError } from '../../errors.js';
import { binaryReason, createTextDecoder, sniffEncoding } from './decode-text.js';

/** Bytes read from disk at a time; the first chunk is also what the encoding is sniffed from. */
const CHUNK_BYTES = 64 * 1_024;

export type TextLine = {
  /** The line, without its line break. */
  text: string;
  /** 1-based. */
  number: number;
  /** Bytes of the file read so far, and its size: how far along the reader is. */
  bytesRead: number;
  totalBytes: number;
};

/** The `IngestError` for a file that cannot be opened or read, naming it. */
export function fileReadError(error: unknown, path: string): IngestError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new IngestError('not_found', `${path} does not exist.`, { cause: error });
  if (code === 'EISDIR') return new IngestError('malformed_file', `${path} is a directory.`, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new IngestError('malformed_file', `Could not read ${path}: ${reason}.`, { cause: error });
}

/**
 * Yields the lines of a text file as they are read, in chunks, so that memory stays flat however large the file
 * (a line is held whole, the file never is). The encoding is sniffed from the first chunk, as `decodeText` does
 * for a whole file; a file that is binary there throws `IngestError('bad_encoding')` naming it before any line.
 * Lines end at `\n` or `\r\n`.
 */
export async function* readTextLines(path: string): AsyncGenerator<TextLine> {
  let totalBytes: number;
  try {
    totalBytes = (await stat(path)).size;
  } catch (error) {
    throw fileReadError(error, path);
  }
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let decoder: ReturnType<typeof createTextDecoder> | undefined;
  let pending = '';
  let number = 0;
  let bytesRead = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      if (!decoder) {
        decoder = createTextDecoder(sniffEncoding(chunk, null, bytesRead >= totalBytes));
        pending = decoder.write(chunk);
        const reason = binaryReason(pending);
        if (reason !== null) throw new IngestError('bad_encoding', `${path} is not a text file (${reason}); it was not stored.`);
      } else {
        pending += decoder.write(chunk);
      }
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        number += 1;
        yield { text: line.endsWith('\r') ? line.slice(0, -1) : line, number, bytesRead, totalBytes };
      }
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw fileReadError(error, path);
  } finally {
    stream.destroy();
  }
  pending += decoder?.end() ?? '';
  if (pending !== '') yield { text: pending, number: number + 1, bytesRead, totalBytes };
}
