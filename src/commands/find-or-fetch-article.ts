import type { Article } from '../data/schemas.js';
import { IngestError, UserError, type IngestErrorCode } from '../errors.js';
import { findArticle, findByUrl, isUrl } from '../services/article-lookup.js';
import { ingestPage } from '../services/ingest/ingest.js';
import { echo } from './brief.js';
import type { CommandContext } from './command.js';

/** The article a person means, and whether newsbrief fetched it for this answer. */
export type FoundArticle = { article: Article; isFetched: boolean };

/**
 * The article for `/brief` and "Brief this link": for a URL, the article stored under it, else the page fetched
 * (with ingestion's safe fetch, after asking the platform to defer its reply) and stored just now; for anything
 * else, `findArticle`. `undefined` when words or an id match nothing. A failed fetch is a `UserError` in plain
 * words and stores nothing.
 */
export async function findOrFetchArticle(query: string, ctx: CommandContext): Promise<FoundArticle | undefined> {
  if (!isUrl(query)) {
    const article = await findArticle(ctx.store.articles, query);
    return article === undefined ? undefined : { article, isFetched: false };
  }
  const stored = await findByUrl(ctx.store.articles, query);
  if (stored !== undefined) return { article: stored, isFetched: false };
  await ctx.deferReply?.();
  try {
    const article = await ingestPage(query.trim(), { store: ctx.store, policy: ctx.config.fetch, now: ctx.now });
    ctx.log.info({ articleId: article.id }, 'page fetched for brief');
    return { article, isFetched: true };
  } catch (error) {
    if (error instanceof IngestError) throw fetchFailed(query, error);
    throw error;
  }
}

/** Why a link could not be briefed, for a newsroom reader rather than an operator (no setting names, no limits). */
const FETCH_FAILURES: Record<IngestErrorCode, string> = {
  address_refused: 'newsbrief only fetches public web addresses',
  too_large: 'the page is too large to brief',
  bad_content_type: 'it is not a web page (newsbrief briefs HTML articles)',
  timeout: 'the site did not answer in time; try again later',
  http_status: 'the site answered with an error',
  too_many_redirects: 'the site redirects too many times',
  network: 'the site could not be reached',
  empty_article: 'no article text was found on the page',
  malformed_feed: 'the page could not be read',
  malformed_file: 'the page could not be read',
  not_found: 'the site answered that the page does not exist',
  bad_encoding: 'the page is not readable text',
  too_complex: 'the page is built too deeply to read',
};

/** The user error for a link that could not be fetched or read. */
export function fetchFailed(url: string, error: IngestError): UserError {
  return new UserError('fetch_failed', `Could not brief ${echo(url)}: ${FETCH_FAILURES[error.code]}. Nothing was stored.`, {
    cause: error,
  });
}
