import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The shared, annotated evaluation data lives beside the project, never inside it. */
export const DATA_DIR = join(import.meta.dirname, '..', '..', 'shared', 'data');

export const SummaryRecord = z.object({
  id: z.string(),
  text: z.string().min(1),
  reference: z.string().min(1),
  title: z.string().optional(),
});
export type SummaryRecord = z.output<typeof SummaryRecord>;

export const GoldQuoteRecord = z.object({
  quote: z.string(),
  speaker: z.string().nullable(),
  kind: z.string().optional(),
  speaker_scorable: z.boolean().optional(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
});

export const QuoteRecord = z.object({
  id: z.string(),
  title: z.string().optional(),
  text: z.string().min(1),
  quotes: z.array(GoldQuoteRecord),
});
export type QuoteRecord = z.output<typeof QuoteRecord>;

/** Reads a JSONL file of the shared data, validating each line; `undefined` when the file is absent. */
export function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] | undefined {
  const path = join(DATA_DIR, file);
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${index + 1}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
}
