import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { describeIssues, parsePlainly } from '../../commands/option-issues.js';
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
 * Reads JSON lines from `input` and hands each one that `schema` accepts to `row`, in order. A line that is not JSON or
 * fails the schema is reported on `error` as `line N: ...`, naming each bad field in plain words, and skipped; blank
 * lines are ignored. Returns how many lines were handed on and how many were bad.
 */
export async function forEachJsonLine<S extends z.ZodType>(
  input: Readable,
  schema: S,
  row: (value: z.output<S>) => void,
  error: (line: string) => void,
): Promise<{ ok: number; bad: number }> {
  let ok = 0;
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
    const parsed = parsePlainly(schema, json);
    if (!parsed.success) {
      bad += 1;
      error(`line ${number}: ${describeIssues(parsed.error.issues, 'line')}`);
      continue;
    }
    row(parsed.data);
    ok += 1;
  }
  return { ok, bad };
}
