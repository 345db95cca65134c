import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Article, NewArticle, UpsertResult } from '../../data/schemas.js';
import type { Store } from '../../data/store.js';
import { IngestError, StoreError, type IngestErrorCode } from '../../errors.js';
import type { Logger } from '../../log.js';
import { assignStories } from '../stories/assign-stories.js';
import { indexQuotes } from '../stories/quote-bank.js';
import { decodeText } from './decode-text.js';
import { looksLikeFeed, parseFeedDocument } from './feed.js';
import type { ItemProblem } from './normalize.js';
import { parsePage } from './page.js';
import { safeFetch, type FetchPolicy } from './safe-fetch.js';
import { parseJsonArticles, parseJsonLine, parseTextArticle, type ParsedFile } from './text-file.js';
import { fileReadError, readTextLines } from './text-lines.js';

/** Articles are written in transactions of this many. */
export const UPSERT_BATCH_SIZE = 500;

/** File extensions a directory is expanded to. */
const ARTICLE_FILE_EXTENSIONS = new Set(['.txt', '.json', '.jsonl', '.ndjson']);

export type SourceKind = 'text' | 'json' | 'jsonl' | 'html' | 'feed' | 'page';

export type StoreCounts = { inserted: number; updated: number; unchanged: number };

export type SourceReport = StoreCounts & {
  source: string;
  kind: SourceKind | null;
  /** `ok`: everything stored; `partial`: some items skipped; `failed`: the source could not be read at all. */
  status: 'ok' | 'partial' | 'failed';
  /** Items that were reported and not stored. */
  skipped: number;
  problems: ItemProblem[];
  /** Why the whole source failed, in plain words; `null` unless `status` is `failed`. */
  error: { code: IngestErrorCode; message: string } | null;
};

export type IngestReport = StoreCounts & {
  sources: SourceReport[];
  skipped: number;
  /** Sources whose status is `failed`. */
  failed: number;
  /** Sources whose status is `partial`. */
  partial: number;
};

export type IngestDeps = {
  store: Store;
  policy: FetchPolicy;
  log: Logger;
  now: () => Date;
  /** Called after each source (after directories are expanded): `done` of `total`, with that source's report. */
  onProgress?: (done: number, total: number, source: SourceReport) => void;
  /**
   * Called while a JSONL file is read, after each batch of lines is stored: `done` of `total` sources finished
   * before it, the lines read so far and how far into the file that is.
   */
  onLines?: (done: number, total: number, source: string, progress: LineProgress) => void;
};

export type LineProgress = { lines: number; bytesRead: number; totalBytes: number };

/** Stored counts plus the items of a source that were reported and not stored. */
type SourceOutcome = StoreCounts & { kind: SourceKind; problems: ItemProblem[] };

/**
 * Writes validated articles in transactions of `UPSERT_BATCH_SIZE` and counts the outcomes into `counts` (a source
 * streamed in batches passes the same counts each time, and `total` null since its size is not known yet). Callers
 * validate first (every parser here returns only articles that passed the `NewArticle` schema), so nothing invalid
 * is stored. Each batch's new and changed articles then have their quotes (re)indexed in the quote bank, and each
 * new article is put in a story (an updated one keeps its story); `now` dates the articles that give no date of
 * their own. A `StoreError` is rethrown saying how much of the source was stored before it.
 */
export async function storeArticles(
  store: Store,
  articles: readonly NewArticle[],
  now: () => Date,
  counts: StoreCounts = { inserted: 0, updated: 0, unchanged: 0 },
  total: number | null = articles.length,
): Promise<StoreCounts> {
  for (let start = 0; start < articles.length; start += UPSERT_BATCH_SIZE) {
    try {
      await storeBatch(store, articles.slice(start, start + UPSERT_BATCH_SIZE), now, counts);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      // Earlier batches are committed and this one is not: say exactly how far the source got.
      const stored = counts.inserted + counts.updated + counts.unchanged;
      const of = total === null ? 'the articles read so far' : `its ${total} articles`;
      throw new StoreError(`${error.message}; ${stored} of ${of} were stored (${describeCounts(counts)})`, { cause: error });
    }
  }
  return counts;
}

/** Stores one transaction's worth of articles, indexes their quotes and assigns their stories; results in input order. */
async function storeBatch(store: Store, batch: readonly NewArticle[], now: () => Date, counts: StoreCounts): Promise<UpsertResult[]> {
  const results = await store.articles.upsert(batch);
  for (const result of results) counts[result.outcome] += 1;
  // A story repeated within one batch has one id: index it once, as it was last given.
  const changed = new Map<string, { article: NewArticle; isNew: boolean }>();
  results.forEach((result, index) => {
    const article = batch[index];
    if (article === undefined || result.outcome === 'unchanged') return;
    changed.set(result.id, { article, isNew: result.outcome === 'inserted' || changed.get(result.id)?.isNew === true });
  });
  const entries = [...changed.entries()];
  await indexQuotes(store.quotes, entries.map(([id, { article }]) => ({ id, title: article.title, text: article.text })));
  const dated = now().toISOString();
  await assignStories(
    store,
    entries
      .filter(([, entry]) => entry.isNew)
      .map(([id, { article }]) => ({ id, title: article.title, text: article.text, outlet: article.outlet, publishedAt: article.publishedAt ?? dated })),
  );
  return results;
}

const describeCounts = (counts: StoreCounts): string =>
  `${counts.inserted} new, ${counts.updated} updated, ${counts.unchanged} unchanged`;

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source.trim());
}

/** Expands directories (recursively, sorted) to their article files; URLs and plain files stay as they are. */
async function expandSources(sources: readonly string[]): Promise<string[]> {
  const expanded: string[] = [];
  for (const source of sources) {
    if (isUrl(source)) {
      expanded.push(source.trim());
      continue;
    }
    const info = await stat(source).catch(() => undefined);
    if (!info?.isDirectory()) {
      expanded.push(source);
      continue;
    }
    const walk = async (dir: string): Promise<void> => {
      const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile() && ARTICLE_FILE_EXTENSIONS.has(extname(entry.name).toLowerCase())) expanded.push(path);
      }
    };
    await walk(source);
  }
  return expanded;
}

type Parsed = { kind: SourceKind } & ParsedFile;

/** A feed saved to disk (RSS/Atom `.xml`, or a JSON Feed `.json`). */
function readFeedFile(content: string, path: string): Parsed {
  const { articles, problems } = parseFeedDocument(content, { feedUrl: path });
  return { kind: 'feed', articles, problems };
}

async function readFileSource(path: string): Promise<Parsed> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileReadError(error, path);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    throw new IngestError('bad_encoding', `${path} is not a text file (${decoded.reason}); it was not stored.`);
  }
  const content = decoded.text;
  const extension = extname(path).toLowerCase();
  switch (extension) {
    case '.json':
      return looksLikeFeed(content) ? readFeedFile(content, path) : { kind: 'json', ...parseJsonArticles(content, path) };
    case '.xml':
    case '.rss':
    case '.atom':
      return readFeedFile(content, path);
    case '.html':
    case '.htm':
      return { kind: 'html', articles: [parsePage(content, undefined, path)], problems: [] };
    case '.txt':
    case '.text':
    case '.md':
    case '':
      return { kind: 'text', articles: [parseTextArticle(content, path)], problems: [] };
    default:
      throw new IngestError(
        'malformed_file',
        `${path}: unsupported file type "${extension}" (use .txt, .json, .jsonl, .xml or .html).`,
      );
  }
}

/** Fetches a URL and reads it as a feed or as a web page, by content type and, when in doubt, by its body. */
async function readUrlSource(url: string, policy: FetchPolicy): Promise<Parsed> {
  const fetched = await safeFetch(url, policy, { accept: 'feed-or-page' });
  if (fetched.status === 'not_modified') return { kind: 'feed', articles: [], problems: [] };
  const isHtmlType = fetched.contentType === 'text/html' || fetched.contentType === 'application/xhtml+xml';
  const isFeed = isHtmlType ? looksLikeFeed(fetched.body) : !/^\s*<(!doctype html|html)/i.test(fetched.body.slice(0, 512));
  if (isFeed) {
    const feed = parseFeedDocument(fetched.body, { feedUrl: fetched.url });
    return { kind: 'feed', articles: feed.articles, problems: feed.problems };
  }
  return { kind: 'page', articles: [parsePage(fetched.body, fetched.url)], problems: [] };
}

const JSON_LINES_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

/**
 * Streams a JSONL file: lines are read, validated and stored in batches of `UPSERT_BATCH_SIZE` as the file is
 * read, so that a file of any size takes little memory. A bad line is reported by number and the others stored.
 */
async function ingestJsonLines(
  path: string,
  deps: Pick<IngestDeps, 'store' | 'now'>,
  onLines?: (progress: LineProgress) => void,
): Promise<SourceOutcome> {
  const outcome: SourceOutcome = { kind: 'jsonl', inserted: 0, updated: 0, unchanged: 0, problems: [] };
  let batch: NewArticle[] = [];
  for await (const line of readTextLines(path)) {
    if (line.text.trim() === '') continue;
    const parsed = parseJsonLine(line.text, line.number);
    if (parsed.ok) batch.push(parsed.article);
    else outcome.problems.push(parsed.problem);
    if (batch.length >= UPSERT_BATCH_SIZE) {
      await storeArticles(deps.store, batch, deps.now, outcome, null);
      batch = [];
      onLines?.({ lines: line.number, bytesRead: line.bytesRead, totalBytes: line.totalBytes });
    }
  }
  await storeArticles(deps.store, batch, deps.now, outcome, null);
  return outcome;
}

/** Reads one source and stores its articles. */
async function ingestSource(source: string, deps: IngestDeps, onLines: (progress: LineProgress) => void): Promise<SourceOutcome> {
  if (!isUrl(source) && JSON_LINES_EXTENSIONS.has(extname(source).toLowerCase())) return ingestJsonLines(source, deps, onLines);
  const parsed = isUrl(source) ? await readUrlSource(source, deps.policy) : await readFileSource(source);
  return { kind: parsed.kind, problems: parsed.problems, ...(await storeArticles(deps.store, parsed.articles, deps.now)) };
}

/**
 * Fetches one web page within the fetch policy, reads its article as ingestion does, and stores it (an article
 * already stored under its URL or content is updated, keeping its id). Returns the stored article. Every fetch or
 * parse failure is an `IngestError`; a `StoreError` propagates.
 */
export async function ingestPage(url: string, deps: Pick<IngestDeps, 'store' | 'policy' | 'now'>): Promise<Article> {
  const fetched = await safeFetch(url, deps.policy, { accept: 'page' });
  // Only a conditional request (none is sent here) can answer 304.
  if (fetched.status !== 'ok') throw new IngestError('http_status', `${url} answered 304 Not Modified to a plain request.`);
  const [stored] = await storeBatch(deps.store, [parsePage(fetched.body, fetched.url)], deps.now, { inserted: 0, updated: 0, unchanged: 0 });
  const article = stored === undefined ? undefined : await deps.store.articles.get(stored.id);
  if (article === undefined) throw new StoreError(`the page fetched from ${fetched.url} was stored but cannot be read back`);
  return article;
}

function asIngestError(error: unknown, source: string): IngestError {
  if (error instanceof IngestError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new IngestError('malformed_file', `Could not ingest ${source}: ${reason}.`, { cause: error });
}

/**
 * Ingests each source, a file path, a directory (expanded to its .txt/.json/.jsonl files) or an http(s) URL (a
 * feed or a web page). Sources are independent: one that fails is reported and the others go on; within a source,
 * bad items are reported and skipped while good ones are stored. A `StoreError` is not an ingestion failure: it
 * stops the ingest and propagates, its message saying what was stored before it; bad input never throws.
 */
export async function ingestSources(sources: readonly string[], deps: IngestDeps): Promise<IngestReport> {
  const expanded = await expandSources(sources);
  const report: IngestReport = { sources: [], inserted: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, partial: 0 };
  for (const [index, source] of expanded.entries()) {
    const started = deps.now().getTime();
    let entry: SourceReport;
    try {
      const onLines = (progress: LineProgress): void => deps.onLines?.(index, expanded.length, source, progress);
      const { kind, problems, ...counts } = await ingestSource(source, deps, onLines);
      entry = { source, kind, status: problems.length > 0 ? 'partial' : 'ok', ...counts, skipped: problems.length, problems, error: null };
      for (const problem of problems) {
        deps.log.warn({ source, where: problem.where, title: problem.title, link: problem.link, reason: problem.reason }, 'item skipped');
      }
    } catch (error) {
      if (error instanceof StoreError) {
        const earlier = report.sources.length === 0 ? 'no earlier source' : `earlier sources: ${describeCounts(report)}`;
        throw new StoreError(`Ingest stopped at ${source} (source ${index + 1} of ${expanded.length}): ${error.message}; ${earlier}`, {
          cause: error,
        });
      }
      const failure = asIngestError(error, source);
      entry = {
        source,
        kind: null,
        status: 'failed',
        inserted: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        problems: [],
        error: { code: failure.code, message: failure.message },
      };
      deps.log.warn({ source, code: failure.code, reason: failure.message }, 'source failed');
    }
    const ms = deps.now().getTime() - started;
    deps.log.info(
      { source, kind: entry.kind, status: entry.status, inserted: entry.inserted, updated: entry.updated, unchanged: entry.unchanged, skipped: entry.skipped, ms },
      'source ingested',
    );
    report.sources.push(entry);
    report.inserted += entry.inserted;
    report.updated += entry.updated;
    report.unchanged += entry.unchanged;
    report.skipped += entry.skipped;
    if (entry.status === 'failed') report.failed += 1;
    if (entry.status === 'partial') report.partial += 1;
    deps.onProgress?.(index + 1, expanded.length, entry);
  }
  return report;
}
