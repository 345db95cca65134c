import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../../errors.js';
import { findArticle } from '../../services/article-lookup.js';
import { brief as briefCommand } from '../../commands/brief.js';
import { quotes as quotesCommand, quotesBy, speakersOf } from '../../commands/quotes.js';
import { renderText } from '../../render/text.js';
import { buildBrief } from '../../services/briefing/brief.js';
import { extractQuotes } from '../../services/briefing/quotes.js';
import type { Quote } from '../../services/briefing/types.js';
import { COMMANDS } from '../../commands/index.js';
import { localCommandContext } from '../console/console.js';
import { executeCommand } from '../run-command.js';
import { nameCliVerbs } from './cli-hints.js';
import { forEachJsonLine, openInput } from './jsonl-input.js';
import { EXIT_OK, EXIT_PARTIAL, type CliApp, type RegisterVerbs } from './cli-app.js';

/** One input line of `--input FILE.jsonl`. */
export const BriefInputLine = z.object({
  id: z.string().min(1),
  title: z.string().optional(),
  text: z.string().min(1, { message: 'is empty' }),
});
export type BriefInputLine = z.output<typeof BriefInputLine>;

const Format = z.enum(['jsonl', 'text']);
const Count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

type Mode = 'brief' | 'quotes';
type VerbFlags = { input?: string; format?: string; bullets?: string; quotes?: string; speaker?: string };

function parseFlag<T>(schema: z.ZodType<T>, value: string | undefined, name: string, hint: string): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--${name} "${value}" ${hint}`);
  return parsed.data;
}

/** The batch output line for one article: bullets (brief only) and quotes as `{quote, speaker}`. */
export function batchLine(mode: Mode, line: BriefInputLine, options: { bullets?: number; quotes?: number }): string {
  const article = { title: line.title ?? '', text: line.text };
  if (mode === 'brief') {
    const brief = buildBrief(article, options);
    return JSON.stringify({ id: line.id, bullets: brief.bullets.map((b) => b.text), quotes: brief.keyQuotes.map(quotePair) });
  }
  return JSON.stringify({ id: line.id, bullets: [], quotes: extractQuotes(article).map(quotePair) });
}

function quotePair(quote: Quote): { quote: string; speaker: string | null } {
  return { quote: quote.text, speaker: quote.speaker };
}

/**
 * Reads JSONL from `input` and writes one result line per valid input line. Bad lines are reported on `error` with
 * their line number and skipped; the result says how many there were.
 */
export async function runBatch(
  mode: Mode,
  input: Readable,
  write: (line: string) => void,
  error: (line: string) => void,
  options: { bullets?: number; quotes?: number },
): Promise<{ ok: number; bad: number }> {
  return forEachJsonLine(input, BriefInputLine, (line) => write(batchLine(mode, line, options)), error);
}

async function runVerb(mode: Mode, app: () => CliApp, words: string[], flags: VerbFlags): Promise<void> {
  const format = parseFlag(Format, flags.format, 'format', 'must be jsonl or text.') ?? (flags.input === undefined ? 'text' : 'jsonl');
  const bullets = parseFlag(Count(3, 6), flags.bullets, 'bullets', 'must be a whole number from 3 to 6.');
  const quotes = parseFlag(Count(0, 10), flags.quotes, 'quotes', 'must be a whole number from 0 to 10.');
  const options = { ...(bullets === undefined ? {} : { bullets }), ...(quotes === undefined ? {} : { quotes }) };
  if (flags.input !== undefined) {
    if (words.length > 0) throw new UsageError(`${mode} takes either --input FILE or a query, not both.`);
    if (format !== 'jsonl') throw new UsageError('--input works with --format jsonl only.');
    const result = await runBatch(
      mode,
      await openInput(flags.input),
      (line) => process.stdout.write(`${line}\n`),
      (line) => process.stderr.write(`${line}\n`),
      options,
    );
    process.exitCode = result.bad > 0 ? EXIT_PARTIAL : EXIT_OK;
    return;
  }
  const query = words.join(' ').trim();
  if (query === '') throw new UsageError(`${mode} needs an article: an id, id prefix, URL or search words, or --input FILE.jsonl.`);
  const cli = app();
  await cli.withStore(async (store) => {
    if (format === 'text') {
      // For a person: the same command, and the same text, as `/brief` and `/quotes` in the console.
      const command = mode === 'brief' ? briefCommand : quotesCommand;
      const args = mode === 'brief' ? { article: query, ...(bullets === undefined ? {} : { bullets }) } : { article: query, ...(flags.speaker === undefined ? {} : { speaker: flags.speaker }) };
      const { reply, outcome } = await executeCommand(command, args, localCommandContext({ store, log: cli.log, config: cli.config }));
      const text = nameCliVerbs(renderText(reply), COMMANDS);
      if (outcome === 'ok') cli.print(text);
      else process.stderr.write(`${text}\n`);
      process.exitCode = outcome === 'ok' ? EXIT_OK : EXIT_PARTIAL;
      return;
    }
    const article = await findArticle(store.articles, query);
    if (article === undefined) {
      process.stderr.write(`No stored article matches "${query}".\n`);
      process.exitCode = EXIT_PARTIAL;
      return;
    }
    if (mode === 'brief') {
      cli.print(batchLine('brief', { id: article.id, title: article.title, text: article.text }, options));
      process.exitCode = EXIT_OK;
      return;
    }
    const all = extractQuotes({ title: article.title, text: article.text });
    const chosen = flags.speaker === undefined ? all : quotesBy(all, flags.speaker);
    if (chosen.length === 0) {
      const speakers = speakersOf(all);
      process.stderr.write(
        flags.speaker === undefined
          ? `No direct quotes in "${article.title}".\n`
          : `No quotes by "${flags.speaker}" in "${article.title}".${speakers.length > 0 ? ` Speakers: ${speakers.join(', ')}.` : ''}\n`,
      );
      process.exitCode = EXIT_PARTIAL;
      return;
    }
    cli.print(JSON.stringify({ id: article.id, bullets: [], quotes: chosen.map(quotePair) }));
    process.exitCode = EXIT_OK;
  }, { seedSamples: true });
}

/** `newsbrief brief` and `newsbrief quotes`: one stored article for a person, or a JSONL batch. */
export const registerBriefVerbs: RegisterVerbs = (program: Command, app) => {
  program
    .command('brief')
    .description('Bulleted brief with key quotes of a stored article, or of each line of a JSONL file')
    .argument('[query...]', 'article id, id prefix, URL or search words')
    .option('--input <file>', 'JSONL file of {"id","title"?,"text"} lines; - reads standard input')
    .option('--format <format>', 'jsonl or text (default: text for a query, jsonl for --input)')
    .option('--bullets <n>', 'number of bullets, 3-6 (default 4)')
    .option('--quotes <n>', 'number of key quotes, 0-10 (default 3)')
    .action(async (words: string[], flags: VerbFlags) => runVerb('brief', app, words, flags));
  program
    .command('quotes')
    .description('Every direct quote, verbatim with its speaker, of a stored article or of each line of a JSONL file')
    .argument('[query...]', 'article id, id prefix, URL or search words')
    .option('--input <file>', 'JSONL file of {"id","title"?,"text"} lines; - reads standard input')
    .option('--format <format>', 'jsonl or text (default: text for a query, jsonl for --input)')
    .option('--speaker <name>', 'only quotes by this speaker (full name or any part of it)')
    .action(async (words: string[], flags: VerbFlags) => runVerb('quotes', app, words, flags));
};
