import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig, type Config } from '../../config.js';
import { openStore } from '../../data/open-store.js';
import { Article, DigestSettings, Feed, StoryExport } from '../../data/schemas.js';
import type { Store } from '../../data/store.js';
import { describeIssues, parsePlainly } from '../../commands/option-issues.js';
import { UsageError } from '../../errors.js';
import { indexBacklog } from '../../services/stories/index-backlog.js';
import { EXIT_OK, EXIT_PARTIAL, type CliApp, type RegisterVerbs } from './cli-app.js';

/** One line of an export file: `{ "type": ..., "data": ... }`, the data exactly as the store returns it. */
export const ExportRecord = z.discriminatedUnion('type', [
  z.object({ type: z.literal('article'), data: Article }),
  z.object({ type: z.literal('feed'), data: Feed }),
  z.object({ type: z.literal('digest_settings'), data: DigestSettings }),
  z.object({ type: z.literal('story'), data: StoryExport }),
]);
export type ExportRecord = z.output<typeof ExportRecord>;

export type TransferCounts = { articles: number; feeds: number; settings: number; stories: number };
export type ImportReport = TransferCounts & { badLines: { line: number; reason: string }[] };

/** Articles are imported in batches of this many: one transaction each, bounded memory for any file size. */
const IMPORT_BATCH = 500;

/**
 * Writes every feed, digest setting, article and story of `store` as JSONL records through `writeLine` (feeds and
 * settings first, then articles oldest ingested first, then stories with their article ids). The quote bank is not
 * written: it is rebuilt from the articles. Returns what it wrote.
 */
export async function exportStore(store: Store, writeLine: (line: string) => Promise<void>): Promise<TransferCounts> {
  const counts: TransferCounts = { articles: 0, feeds: 0, settings: 0, stories: 0 };
  const write = (record: ExportRecord) => writeLine(JSON.stringify(record));
  for (const feed of await store.feeds.listFeeds()) {
    await write({ type: 'feed', data: feed });
    counts.feeds += 1;
  }
  for (const settings of await store.digests.listSettings()) {
    await write({ type: 'digest_settings', data: settings });
    counts.settings += 1;
  }
  for await (const article of store.articles.exportAll()) {
    await write({ type: 'article', data: article });
    counts.articles += 1;
  }
  for await (const story of store.stories.exportAll()) {
    await write({ type: 'story', data: story });
    counts.stories += 1;
  }
  return counts;
}

/**
 * Reads JSONL records and stores them exactly as exported (same ids and timestamps). A line that is not JSON or
 * not a valid record is reported with its number and skipped; the others are imported. Blank lines are ignored.
 * Stories are imported once every article is in; the imported articles' quotes wait for the backlog indexing
 * (`migrate`, or the next start).
 */
export async function importStore(store: Store, lines: AsyncIterable<string>): Promise<ImportReport> {
  const report: ImportReport = { articles: 0, feeds: 0, settings: 0, stories: 0, badLines: [] };
  const feeds: Feed[] = [];
  const settings: DigestSettings[] = [];
  let articles: Article[] = [];
  const stories: StoryExport[] = [];
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber += 1;
    const text = raw.trim();
    if (text === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      report.badLines.push({ line: lineNumber, reason: 'not valid JSON' });
      continue;
    }
    const parsed = parsePlainly(ExportRecord, json);
    if (!parsed.success) {
      report.badLines.push({ line: lineNumber, reason: describeIssues(parsed.error.issues, 'record') });
      continue;
    }
    const record = parsed.data;
    if (record.type === 'feed') feeds.push(record.data);
    else if (record.type === 'digest_settings') settings.push(record.data);
    else if (record.type === 'story') stories.push(record.data);
    else {
      articles.push(record.data);
      if (articles.length >= IMPORT_BATCH) {
        report.articles += await store.articles.importArticles(articles);
        articles = [];
      }
    }
  }
  report.articles += await store.articles.importArticles(articles);
  for (let start = 0; start < stories.length; start += IMPORT_BATCH) {
    report.stories += await store.stories.importStories(stories.slice(start, start + IMPORT_BATCH));
  }
  report.feeds += await store.feeds.importFeeds(feeds);
  report.settings += await store.digests.importSettings(settings);
  return report;
}

/** The store named by `url` (same forms as `DATABASE_URL`), or the configured one. */
function storeConfig(app: CliApp, url: string | undefined): Config['store'] {
  return url === undefined ? app.config.store : loadConfig({ DATABASE_URL: url }).store;
}

async function withStoreAt<T>(app: CliApp, url: string | undefined, work: (store: Store) => Promise<T>): Promise<T> {
  if (url === undefined) return app.withStore(work);
  const store = await openStore(storeConfig(app, url), { log: app.log });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Writes lines to `out`, waiting when its buffer is full so a large export never piles up in memory. */
function lineWriter(out: Writable): (line: string) => Promise<void> {
  return async (line) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const describeCounts = (counts: TransferCounts): string =>
  `${plural(counts.articles, 'article', 'articles')}, ${plural(counts.feeds, 'feed', 'feeds')}, ` +
  `${plural(counts.settings, 'digest setting', 'digest settings')}, ${plural(counts.stories, 'story', 'stories')}`;

/** `newsbrief migrate`, `newsbrief export` and `newsbrief import`: schema upgrades and moving a newsroom between stores. */
export const registerStoreVerbs: RegisterVerbs = (program: Command, app: () => CliApp) => {
  program
    .command('migrate')
    .description('Apply pending schema migrations to the store (safe to run again, and from several instances)')
    .option('--url <url>', 'the store to migrate, as DATABASE_URL (default: the configured DATABASE_URL)')
    .action(async (options: { url?: string }) => {
      const cli = app();
      const { backend, backlog } = await withStoreAt(cli, options.url, async (store) => ({
        backend: store.backend,
        // Articles stored before the quote bank and stories existed get them now rather than at the next start.
        backlog: await indexBacklog(store, { log: cli.log }),
      }));
      const caughtUp = backlog.quoted + backlog.assigned > 0;
      cli.print(
        `${backend} store is up to date${caughtUp ? ` (quotes indexed for ${backlog.quoted} articles, ${backlog.assigned} put in stories)` : ''}`,
      );
      process.exitCode = EXIT_OK;
    });

  program
    .command('export')
    .description('Write every article, feed and digest setting as JSON lines ({"type", "data"} per line)')
    .option('-o, --output <file>', 'file to write, or - for standard output', '-')
    .option('--from-url <url>', 'the store to read, as DATABASE_URL (default: the configured DATABASE_URL)')
    .action(async (options: { output: string; fromUrl?: string }) => {
      const cli = app();
      const toStdout = options.output === '-';
      const out = toStdout ? process.stdout : createWriteStream(options.output);
      const counts = await withStoreAt(cli, options.fromUrl, (store) => exportStore(store, lineWriter(out)));
      if (!toStdout) {
        out.end();
        await once(out, 'finish');
      }
      // With the records on standard output, the summary goes to standard error.
      const summary = `exported ${describeCounts(counts)}${toStdout ? '' : ` to ${options.output}`}`;
      if (toStdout) process.stderr.write(`${summary}\n`);
      else cli.print(summary);
      process.exitCode = EXIT_OK;
    });

  program
    .command('import')
    .description('Store the records of an export file (or - for standard input) with their ids and timestamps')
    .argument('<file>', 'JSON lines written by `newsbrief export`, or - for standard input')
    .option('--to-url <url>', 'the store to write, as DATABASE_URL (default: the configured DATABASE_URL)')
    .action(async (file: string, options: { toUrl?: string }) => {
      const cli = app();
      if (file !== '-') {
        try {
          await access(file, constants.R_OK);
        } catch (error) {
          throw new UsageError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
      const report = await withStoreAt(cli, options.toUrl, (store) => {
        // Opened only now, with the store ready: readline drops lines that arrive before iteration starts.
        const input = file === '-' ? process.stdin : createReadStream(file);
        return importStore(store, createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }));
      });
      for (const bad of report.badLines) process.stderr.write(`✖ line ${bad.line}: ${bad.reason}\n`);
      const skipped = report.badLines.length;
      cli.print(`imported ${describeCounts(report)}${skipped > 0 ? `; skipped ${plural(skipped, 'bad line', 'bad lines')}` : ''}`);
      process.exitCode = skipped > 0 ? EXIT_PARTIAL : EXIT_OK;
    });
};
