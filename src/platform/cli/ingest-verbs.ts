import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { NewFeed, type Feed } from '../../data/schemas.js';
import { UsageError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { checkFeed } from '../../services/feeds/feed-check.js';
import { pollDueFeeds, type FeedPollResult } from '../../services/feeds/feed-poller.js';
import { ingestSources, type IngestReport, type SourceReport } from '../../services/ingest/ingest.js';
import type { ItemProblem } from '../../services/ingest/normalize.js';
import { EXIT_OK, EXIT_PARTIAL, type CliApp, type RegisterVerbs } from './cli-app.js';

/** The CLI prints per-source results itself; the logger keeps to errors unless debugging was asked for. */
function quietLog(log: Logger): Logger {
  return log.level === 'debug' || log.level === 'trace' ? log : log.child({}, { level: 'error' });
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function describeProblem(problem: ItemProblem): string {
  const label = problem.title ?? problem.link;
  return `    - ${problem.where}${label ? ` "${label}"` : ''}: ${problem.reason}`;
}

function sourceLines(source: SourceReport): string[] {
  if (source.status === 'failed') return [`failed   ${source.source}: ${source.error?.message ?? 'unknown error'}`];
  const counts = `${source.inserted} new, ${source.updated} updated, ${source.unchanged} unchanged`;
  const skipped = source.skipped > 0 ? `, ${source.skipped} skipped` : '';
  return [`${source.status.padEnd(8)} ${source.source} (${source.kind ?? '?'}): ${counts}${skipped}`, ...source.problems.map(describeProblem)];
}

function summaryLine(report: IngestReport): string {
  const sources = report.sources.length;
  const failed = report.failed > 0 ? `; ${plural(report.failed, 'source')} failed` : '';
  return `Ingested ${plural(sources, 'source')}: ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped${failed}.`;
}

async function runIngest(app: CliApp, sources: string[], options: { json?: boolean }): Promise<void> {
  const useBar = !options.json && process.stderr.isTTY === true;
  let bar: cliProgress.SingleBar | undefined;
  const showBar = (total: number): cliProgress.SingleBar => {
    if (!bar) {
      bar = new cliProgress.SingleBar(
        { format: 'ingest [{bar}] {done}/{total} sources | {source}{lines}', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { done: 0, source: '', lines: '' });
    }
    return bar;
  };
  const report = await app.withStore((store) =>
    ingestSources(sources, {
      store,
      policy: app.config.fetch,
      log: quietLog(app.log),
      now: () => new Date(),
      onProgress(done, total, source) {
        if (options.json) return;
        if (useBar) showBar(total).update(done, { done, source: source.source.slice(-50), lines: '' });
        else for (const line of sourceLines(source)) app.print(line);
      },
      // A large JSONL file moves the bar through its own share as its lines are stored.
      onLines(done, total, source, progress) {
        if (!useBar) return;
        const within = progress.totalBytes > 0 ? progress.bytesRead / progress.totalBytes : 0;
        showBar(total).update(done + within, { done, source: source.slice(-50), lines: ` (${progress.lines.toLocaleString('en')} lines)` });
      },
    }),
  );
  bar?.stop();
  if (options.json) {
    app.print(JSON.stringify(report));
  } else {
    if (useBar) {
      // After the bar, show only what needs attention; the summary gives the counts.
      for (const source of report.sources.filter((entry) => entry.status !== 'ok')) {
        for (const line of sourceLines(source)) app.print(line);
      }
    }
    app.print(summaryLine(report));
  }
  process.exitCode = report.failed > 0 || report.skipped > 0 ? EXIT_PARTIAL : EXIT_OK;
}

function feedLine(feed: Feed): string {
  const labels = [feed.outlet, feed.section].filter((value): value is string => value !== null).join(' / ');
  const state =
    feed.lastError !== null
      ? `failing x${feed.consecutiveFailures}, next try ${feed.nextPollAt ?? 'next run'}: ${feed.lastError}`
      : feed.lastSuccessAt !== null
        ? `last polled ${feed.lastSuccessAt}`
        : 'never polled';
  return `${String(feed.id).padStart(4)}  ${feed.url}${labels ? `  [${labels}]` : ''}  (${state})`;
}

function pollLine(result: FeedPollResult): string {
  if (result.status === 'failed') return `failed   ${result.url}: ${result.error ?? 'unknown error'}`;
  if (result.status === 'not_modified') return `same     ${result.url}: not modified since the last poll`;
  const skipped = result.skipped > 0 ? `, ${result.skipped} skipped` : '';
  return `ok       ${result.url}: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged${skipped}`;
}

function registerFeedVerbs(program: Command, app: () => CliApp): void {
  const feeds = program.command('feeds').description('Register, list, remove and poll RSS, Atom and JSON feeds');

  feeds
    .command('add')
    .description('Register a feed to poll on the schedule (FEED_POLL_CRON)')
    .argument('<url>', 'the feed URL (http or https)')
    .option('--outlet <name>', 'outlet name for its articles (default: the feed title)')
    .option('--section <name>', 'section for its articles (default: each item category)')
    .option('--force', 'register it even when fetching it now fails or finds no feed')
    .action(async (url: string, options: { outlet?: string; section?: string; force?: boolean }) => {
      const parsed = NewFeed.safeParse({ url, outlet: options.outlet ?? null, section: options.section ?? null });
      if (!parsed.success) {
        throw new UsageError(`"${url}" is not a feed URL newsbrief can register: use an http(s) URL.`);
      }
      const cli = app();
      // Fetched once first, so a typo or a web page is caught now rather than failing quietly at every poll.
      const check = await checkFeed(parsed.data.url, cli.config.fetch);
      if (check.ok) {
        const skipped = check.skipped > 0 ? ` (${plural(check.skipped, 'item')} it cannot read)` : '';
        cli.print(`Found ${check.format.toUpperCase()} feed ${check.title === null ? '(untitled)' : `"${check.title}"`}: ${plural(check.items, 'item')}${skipped}.`);
      } else if (options.force !== true) {
        process.stderr.write(`✖ ${url} is not a feed newsbrief can read now: ${check.reason}. Nothing was registered; --force registers it anyway.\n`);
        process.exitCode = EXIT_PARTIAL;
        return;
      } else {
        process.stderr.write(`! ${url} is not a feed newsbrief can read now: ${check.reason}. Registering it anyway (--force).\n`);
      }
      const feedToAdd = check.ok && check.title !== null ? { ...parsed.data, title: check.title } : parsed.data;
      const { feed, isNew } = await cli.withStore(async (store) => {
        const before = await store.feeds.listFeeds();
        const added = await store.feeds.addFeed(feedToAdd, new Date().toISOString());
        return { feed: added, isNew: !before.some((existing) => existing.id === added.id) };
      });
      cli.print(`${isNew ? 'Added' : 'Already registered:'} feed ${feed.id}: ${feed.url}`);
      process.exitCode = EXIT_OK;
    });

  feeds
    .command('list')
    .description('List registered feeds with their polling state')
    .option('--json', 'one JSON object per feed')
    .action(async (options: { json?: boolean }) => {
      const cli = app();
      const list = await cli.withStore((store) => store.feeds.listFeeds());
      if (options.json) for (const feed of list) cli.print(JSON.stringify(feed));
      else if (list.length === 0) cli.print('No feeds registered. Add one with: newsbrief feeds add <url>');
      else for (const feed of list) cli.print(feedLine(feed));
      process.exitCode = EXIT_OK;
    });

  feeds
    .command('remove')
    .description('Stop polling a feed (its stored articles stay)')
    .argument('<id|url>', 'the feed id (from feeds list) or its URL')
    .action(async (idOrUrl: string) => {
      const cli = app();
      const key = /^\d+$/.test(idOrUrl) ? Number(idOrUrl) : idOrUrl;
      const removed = await cli.withStore((store) => store.feeds.removeFeed(key));
      if (removed) {
        cli.print(`Removed feed ${idOrUrl}.`);
        process.exitCode = EXIT_OK;
      } else {
        process.stderr.write(`✖ No registered feed matches ${idOrUrl} (see newsbrief feeds list).\n`);
        process.exitCode = EXIT_PARTIAL;
      }
    });

  feeds
    .command('poll')
    .description('Poll the feeds that are due now, once (failing feeds wait out their back-off)')
    .action(async () => {
      const cli = app();
      const report = await cli.withStore((store) =>
        pollDueFeeds({
          store,
          policy: cli.config.fetch,
          log: quietLog(cli.log),
          now: () => new Date(),
          instanceId: cli.config.instanceId,
        }),
      );
      for (const result of report.feeds) {
        cli.print(pollLine(result));
        for (const problem of result.problems) cli.print(describeProblem(problem));
      }
      cli.print(
        `Polled ${plural(report.feeds.length, 'feed')}: ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped${report.failed > 0 ? `; ${report.failed} failed` : ''}.`,
      );
      process.exitCode = report.failed > 0 || report.skipped > 0 ? EXIT_PARTIAL : EXIT_OK;
    });
}

/** `newsbrief ingest <path|url...>` and `newsbrief feeds add|list|remove|poll`. */
export const registerIngestVerbs: RegisterVerbs = (program, app) => {
  program
    .command('ingest')
    .description('Store articles from files, directories (.txt, .json, .jsonl), feed URLs or web page URLs')
    .argument('<sources...>', 'file paths, directories or http(s) URLs')
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      '\nExit codes: 0 all stored, 1 some sources or items failed, 2 usage or configuration error.\n' +
        'Text files: first line the title, optional "By ..." and "Published ..." lines, then one paragraph per line.',
    )
    .action(async (sources: string[], options: { json?: boolean }) => {
      await runIngest(app(), sources, options);
    });
  registerFeedVerbs(program, app);
};
