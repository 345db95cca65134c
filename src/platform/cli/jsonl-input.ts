import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { UsageError } from '../../errors.js';

/** Opens `--input FILE` (`-` is standard input); a file that cannot be read is a usage error naming it. */
export async function openInput(path: string): Promise<Readable> {
  if (path === '-') return process.stdin;
  const input = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (err: Error) => reject(new UsageError(`cannot read ${path}: ${err.message}`)));
  });
  return input;
}

/**
 * Reads JSON lines from `input`, each validated by `schema`. A line that is not JSON or fails the schema is reported on
 * `error` as `line N: ...` naming the bad fields, and skipped; blank lines are ignored.
 */
export async function readJsonLines<T>(input: Readable, schema: z.ZodType<T>, error: (line: string) => void): Promise<{ rows: T[]; bad: number }> {
  const rows: T[] = [];
  let bad = 0;
  let number = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    number += 1;
    if (raw.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      bad += 1;
      error(`line ${number}: not valid JSON`);
      continue;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      bad += 1;
      error(`line ${number}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ')}`);
      continue;
    }
    rows.push(parsed.data);
  }
  return { rows, bad };
}
