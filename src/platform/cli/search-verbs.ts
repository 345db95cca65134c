import type { Command } from 'commander';
import { z } from 'zod';
import { IsoDateTime, LocalDate, type Article, type ArticleSummary, type SearchHit } from '../../data/schemas.js';
import type { Store } from '../../data/store.js';
import { UsageError } from '../../errors.js';
import { addDays, startOfLocalDay } from '../../services/local-time.js';
import { EXIT_OK, EXIT_PARTIAL, type CliApp, type RegisterVerbs } from './cli-app.js';

const Limit = (max: number) => z.coerce.number().int().min(1).max(max);
const ID_PREFIX = /^[0-9a-f]{4,12}$/i;

/**
 * A `--from`/`--to` value as an instant: a full ISO timestamp with offset as given, or a `YYYY-MM-DD` day in the
 * newsroom's timezone (its start for `--from`; for `--to` the start of the next day, so the day itself is included).
 */
export function resolveDateBound(value: string, bound: 'from' | 'to', timeZone: string): string {
  const trimmed = value.trim();
  if (IsoDateTime.safeParse(trimmed).success) return trimmed;
  if (LocalDate.safeParse(trimmed).success) {
    const day = bound === 'from' ? trimmed : addDays(trimmed, 1);
    return startOfLocalDay(day, timeZone).toISOString();
  }
  throw new UsageError(`--${bound} "${value}" is not a date: use YYYY-MM-DD or an ISO timestamp with offset (2026-11-24T09:00:00+01:00).`);
}

/** `--limit` as a whole number from 1 to `max`, `fallback` when not given; anything else is a usage error. */
export function parseLimit(value: string | undefined, fallback: number, max = 100): number {
  if (value === undefined) return fallback;
  const parsed = Limit(max).safeParse(value);
  if (!parsed.success) throw new UsageError(`--limit "${value}" must be a whole number from 1 to ${max}.`);
  return parsed.data;
}

function day(iso: string | null): string {
  return iso === null ? 'undated   ' : iso.slice(0, 10);
}

function summaryLine(item: ArticleSummary): string {
  const where = [item.outlet, item.section].filter((part) => part !== null).join(' / ');
  return `${item.id}  ${day(item.publishedAt)}  ${item.title}${where === '' ? '' : `  (${where})`}`;
}

function jsonLine(item: ArticleSummary | SearchHit | Article): string {
  return JSON.stringify(item);
}

/** The article as a person reads it: headline, byline, outlet, date, link and id, then the text. */
export function formatArticle(article: Article): string {
  const lines = [article.title];
  if (article.authors.length > 0) lines.push(`By ${article.authors.join(', ')}`);
  const where = [article.outlet, article.section].filter((part) => part !== null).join(' / ');
  if (where !== '') lines.push(where);
  lines.push(article.publishedAt === null ? 'Publication date unknown' : `Published ${article.publishedAt}`);
  if (article.url !== null) lines.push(article.url);
  lines.push(`id ${article.id}`, '', article.text);
  return lines.join('\n');
}

type Lookup = { article: Article } | { candidates: ArticleSummary[] };

/** The article a `show` argument names: a URL, a full id, or an id prefix of at least four characters. */
export async function lookUpArticle(store: Store, reference: string): Promise<Lookup> {
  const trimmed = reference.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    const article = await store.articles.getByUrl(trimmed);
    return article === undefined ? { candidates: [] } : { article };
  }
  if (!ID_PREFIX.test(trimmed)) return { candidates: [] };
  const exact = await store.articles.get(trimmed.toLowerCase());
  if (exact !== undefined) return { article: exact };
  const candidates = await store.articles.getByIdPrefix(trimmed, 10);
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only === undefined) return { candidates };
  const article = await store.articles.get(only.id);
  return article === undefined ? { candidates: [] } : { article };
}

/** Why a `show` or `delete` reference found nothing, with what to try: a short hex word is an id prefix too short. */
export function notFoundText(reference: string): string {
  if (/^[0-9a-f]{1,3}$/i.test(reference.trim())) {
    return `"${reference}" is too short for an id: an id prefix needs at least 4 characters (see newsbrief search WORDS or newsbrief list).`;
  }
  return `No stored article has the id or URL "${reference}" (try: newsbrief search WORDS).`;
}

type SearchFlags = { limit?: string; from?: string; to?: string; outlet?: string; section?: string; json?: boolean };

async function runSearch(app: CliApp, query: string, flags: SearchFlags): Promise<void> {
  if (query.trim() === '') throw new UsageError('search needs some words to look for, e.g. newsbrief search "budget vote".');
  const options = {
    limit: parseLimit(flags.limit, 10),
    from: flags.from === undefined ? undefined : resolveDateBound(flags.from, 'from', app.config.timezone),
    to: flags.to === undefined ? undefined : resolveDateBound(flags.to, 'to', app.config.timezone),
    outlet: flags.outlet,
    section: flags.section,
  };
  if (options.from !== undefined && options.to !== undefined && Date.parse(options.from) >= Date.parse(options.to)) {
    throw new UsageError(`--from ${flags.from ?? ''} is after --to ${flags.to ?? ''}: nothing can be published in between; swap them.`);
  }
  const hits = await app.withStore((store) => store.articles.search(query, options), { seedSamples: true });
  if (flags.json) {
    for (const hit of hits) app.print(jsonLine(hit));
  } else if (hits.length === 0) {
    app.print(`No stored article matches "${query}".`);
  } else {
    for (const hit of hits) {
      app.print(summaryLine(hit));
      if (hit.snippet !== '') app.print(`    ${hit.snippet}`);
    }
  }
  process.exitCode = EXIT_OK;
}

async function runShow(app: CliApp, reference: string, flags: { json?: boolean }): Promise<void> {
  const found = await app.withStore((store) => lookUpArticle(store, reference), { seedSamples: true });
  if ('article' in found) {
    app.print(flags.json ? jsonLine(found.article) : formatArticle(found.article));
    process.exitCode = EXIT_OK;
    return;
  }
  reportNotFound(reference, found.candidates);
}

type ListFlags = { since?: string; limit?: string; json?: boolean };

async function runList(app: CliApp, flags: ListFlags): Promise<void> {
  const since = flags.since === undefined ? undefined : resolveDateBound(flags.since, 'from', app.config.timezone);
  const limit = parseLimit(flags.limit, 50, 10_000);
  const listed = await app.withStore(
    (store) => store.articles.listIngested({ limit, ...(since === undefined ? {} : { ingestedSince: since }) }),
    { seedSamples: true },
  );
  if (flags.json) for (const item of listed) app.print(jsonLine(item));
  else if (listed.length === 0) app.print(`No stored articles${flags.since === undefined ? '' : ` ingested since ${flags.since}`}.`);
  else for (const item of listed) app.print(summaryLine(item));
  process.exitCode = EXIT_OK;
}

async function runDelete(app: CliApp, reference: string): Promise<void> {
  const outcome = await app.withStore(async (store) => {
    const found = await lookUpArticle(store, reference);
    if (!('article' in found)) return found;
    return { deleted: (await store.articles.delete(found.article.id)) ? found.article : undefined };
  });
  if ('deleted' in outcome && outcome.deleted !== undefined) {
    app.print(`Deleted ${outcome.deleted.id}: ${outcome.deleted.title}`);
    process.exitCode = EXIT_OK;
    return;
  }
  reportNotFound(reference, 'candidates' in outcome ? outcome.candidates : []);
}

function reportNotFound(reference: string, candidates: readonly ArticleSummary[]): void {
  if (candidates.length > 1) {
    process.stderr.write(`✖ "${reference}" matches several articles; use more of the id:\n`);
    for (const candidate of candidates) process.stderr.write(`  ${summaryLine(candidate)}\n`);
  } else {
    process.stderr.write(`✖ ${notFoundText(reference)}\n`);
  }
  process.exitCode = EXIT_PARTIAL;
}

/** `newsbrief search <query>`, `show <id|url>`, `list` and `delete <id|url>`. */
export const registerSearchVerbs: RegisterVerbs = (program: Command, app) => {
  program
    .command('search')
    .description('Full-text search of stored articles, best match first (newer first on ties)')
    .argument('<query...>', 'words to look for (punctuation and operators are ignored)')
    .option('--limit <n>', 'at most this many results (1-100)', '10')
    .option('--from <date>', 'published on or after: YYYY-MM-DD (newsroom timezone) or an ISO timestamp')
    .option('--to <date>', 'published up to: YYYY-MM-DD includes that day; an ISO timestamp is exclusive')
    .option('--outlet <name>', 'only this outlet (case-insensitive)')
    .option('--section <name>', 'only this section (case-insensitive)')
    .option('--json', 'one JSON object per article per line (id, title, url, publishedAt, score, snippet, ...)')
    .action(async (words: string[], flags: SearchFlags) => {
      await runSearch(app(), words.join(' '), flags);
    });
  program
    .command('show')
    .description('Print one stored article: headline, byline, outlet, date, link, id, then the text')
    .argument('<id|url>', 'the article id (or its first 4+ characters) or its URL')
    .option('--json', 'the whole article as one JSON object')
    .action(async (reference: string, flags: { json?: boolean }) => {
      await runShow(app(), reference, flags);
    });
  program
    .command('list')
    .description('List stored articles, the most recently ingested first: id, date, title, outlet')
    .option('--since <date>', 'only those ingested since: YYYY-MM-DD (newsroom timezone) or an ISO timestamp')
    .option('--limit <n>', 'at most this many (1-10000)', '50')
    .option('--json', 'one JSON object per article per line (id, title, url, outlet, section, publishedAt)')
    .action(async (flags: ListFlags) => {
      await runList(app(), flags);
    });
  program
    .command('delete')
    .description('Delete one stored article (a feed that still carries it may store it again)')
    .argument('<id|url>', 'the article id (or its first 4+ characters) or its URL')
    .action(async (reference: string) => {
      await runDelete(app(), reference);
    });
};
