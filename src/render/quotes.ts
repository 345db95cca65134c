import type { APIEmbed } from 'discord-api-types/v10';
import type { Article, BankedQuote } from '../data/schemas.js';
import type { Quote } from '../services/briefing/types.js';
import { quoteValue, speakerLabel } from './brief.js';
import { buttonRows, linkButton, pageButtons, type ButtonAction } from './components.js';
import { chunkBlocks, clip, escapeText, fitEmbed, linkTarget, linkText, packEmbeds } from './embed.js';
import { formatDate } from './format.js';
import { EMBED_TITLE_LIMIT, QUOTES_PAGE_TARGET } from './limits.js';
import { replyWith, type Reply } from './reply.js';

/**
 * The `/quotes` answer: every given quote verbatim, in article order, each with its speaker and role.
 * Long lists are split into pages (embeds) at quote boundaries (a single huge quote is split at words and marked
 * continued), and the pages into as many messages as Discord's per-message limits need.
 */
export function renderQuotes(article: Article, quotes: readonly Quote[], options: { speaker?: string; ephemeral?: boolean } = {}): Reply {
  return replyWith(
    packEmbeds(quotePages(article, quotes, options.speaker)).map((group) => ({ embeds: group })),
    { ephemeral: options.ephemeral ?? false },
  );
}

/**
 * One page (from 0) of the `/quotes` answer as a single message, with `Previous`/`Next` buttons that turn it in
 * place and an `Open article` link; `speaker` is the filter's name and its index among the article's speakers.
 * `undefined` when there is no such page (the list is shorter than when the button was made).
 */
export function renderQuotesPage(
  article: Article,
  quotes: readonly Quote[],
  options: { page: number; speaker?: { name: string; index: number }; ephemeral?: boolean },
): Reply | undefined {
  const pages = quotePages(article, quotes, options.speaker?.name);
  const page = pages[options.page];
  if (page === undefined) return undefined;
  const turnTo = (index: number): ButtonAction => ({
    kind: 'quotes-page',
    articleId: article.id,
    page: index,
    speaker: options.speaker?.index ?? null,
  });
  const components = buttonRows([
    ...pageButtons(options.page, pages.length, turnTo),
    article.url === null ? undefined : linkButton('Open article', article.url),
  ]);
  return replyWith([{ embeds: [fitEmbed(page)], components }], { ephemeral: options.ephemeral ?? false });
}

/** The quotes as page embeds of about `QUOTES_PAGE_TARGET` characters, each titled and numbered. */
function quotePages(article: Article, quotes: readonly Quote[], speaker: string | undefined): APIEmbed[] {
  const blocks = quotes.map((quote) => `${quoteValue(quote)}\n— **${escapeText(speakerLabel(quote))}**`);
  const pages = chunkBlocks(blocks, QUOTES_PAGE_TARGET);
  const heading = speaker === undefined ? 'Quotes' : `Quotes by ${speaker}`;
  const count = `${quotes.length} quote${quotes.length === 1 ? '' : 's'}`;
  return pages.map((page, index) => ({
    title: clip(`${index === 0 ? heading : `${heading} (continued)`}: ${escapeText(article.title)}`, EMBED_TITLE_LIMIT, { note: false }),
    ...(article.url !== null ? { url: article.url } : {}),
    description: page,
    footer: { text: `Article ${article.id} · ${count}${pages.length > 1 ? ` · page ${index + 1} of ${pages.length}` : ''}` },
  }));
}

/** Longest article title shown under a quote of the bank; the quote itself is never cut. */
const SOURCE_TITLE_LIMIT = 120;

/** `[Title](url) · Outlet · 25 Nov 2026`: where a banked quote comes from, linked when the article has a URL. */
function quoteSource(quote: BankedQuote, timeZone: string): string {
  const title = clip(quote.articleTitle, SOURCE_TITLE_LIMIT, { note: false });
  const link = quote.articleUrl === null ? escapeText(title) : `[${linkText(title)}](${linkTarget(quote.articleUrl)})`;
  const meta = [quote.outlet, formatDate(quote.publishedAt, timeZone)].filter((part): part is string => part !== null).map(escapeText);
  return [link, ...meta].join(' · ');
}

/**
 * The `/quotes` answer across the store: each quote verbatim with its speaker and role, and the article it comes
 * from (linked, with outlet and date), in the given order (newest first). `heading` says what was asked, `note`
 * (optional) closes the footer. Pages and messages are split as in `renderQuotes`.
 */
export function renderQuoteBank(
  quotes: readonly BankedQuote[],
  options: { heading: string; timeZone: string; note?: string; ephemeral?: boolean },
): Reply {
  const blocks = quotes.map(
    (quote) => `${quoteValue(quote)}\n— **${escapeText(speakerLabel(quote))}** · ${quoteSource(quote, options.timeZone)}`,
  );
  const pages = chunkBlocks(blocks, QUOTES_PAGE_TARGET);
  const articles = new Set(quotes.map((quote) => quote.articleId)).size;
  const count = `${quotes.length} quote${quotes.length === 1 ? '' : 's'} from ${articles} article${articles === 1 ? '' : 's'}`;
  const embeds: APIEmbed[] = pages.map((page, index) => ({
    title: clip(index === 0 ? options.heading : `${options.heading} (continued)`, EMBED_TITLE_LIMIT, { note: false }),
    description: page,
    footer: {
      text: [count, pages.length > 1 ? `page ${index + 1} of ${pages.length}` : null, options.note ?? null]
        .filter((part): part is string => part !== null)
        .join(' · '),
    },
  }));
  return replyWith(
    packEmbeds(embeds).map((group) => ({ embeds: group })),
    { ephemeral: options.ephemeral ?? false },
  );
}
