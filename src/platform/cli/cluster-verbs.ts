import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../../errors.js';
import { clusterBatch } from '../../services/stories/cluster-batch.js';
import { ClusterItem } from '../../services/stories/story-clusterer.js';
import { EXIT_OK, EXIT_PARTIAL, type RegisterVerbs } from './cli-app.js';
import { forEachJsonLine, openInput } from './jsonl-input.js';

/** One input line of `newsbrief cluster`. */
export const ClusterInputLine = ClusterItem.extend({
  id: z.string().min(1),
  title: z.string().min(1),
  publishedAt: z.coerce.date({ error: 'must be a date and time like 2026-11-25T09:00:00Z' }),
});

/**
 * Reads article lines from `input`, assigns stories in order of publication (as `StoryClusterer` does at ingest) and
 * writes one `{"id", "story"}` line per valid input line, in input order. Bad lines are reported and skipped.
 */
export async function runCluster(input: Readable, write: (line: string) => void, error: (line: string) => void): Promise<{ ok: number; bad: number }> {
  const rows: ClusterItem[] = [];
  const result = await forEachJsonLine(input, ClusterInputLine, (row) => rows.push(row), error);
  for (const line of clusterBatch(rows)) write(JSON.stringify(line));
  return result;
}

/** `newsbrief cluster`: story clustering of a JSONL file, for evaluation; touches no store. */
export const registerClusterVerbs: RegisterVerbs = (program: Command) => {
  program
    .command('cluster')
    .description('Assign the articles of a JSONL file to stories, without touching the store')
    .requiredOption('--input <file>', 'JSONL file of {"id","title","text"?,"publishedAt","outlet"?} lines; - reads standard input')
    .option('--format <format>', 'output format: jsonl, one {"id","story"} line per article', 'jsonl')
    .action(async (flags: { input: string; format: string }) => {
      if (flags.format !== 'jsonl') throw new UsageError(`--format "${flags.format}" must be jsonl.`);
      const result = await runCluster(
        await openInput(flags.input),
        (line) => process.stdout.write(`${line}\n`),
        (line) => process.stderr.write(`${line}\n`),
      );
      process.exitCode = result.bad > 0 ? EXIT_PARTIAL : EXIT_OK;
    });
};
