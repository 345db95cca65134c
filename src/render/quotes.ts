import type { APIEmbed } from 'discord-api-types/v10';
import type { Article } from '../data/schemas.js';
import type { Quote } from '../services/briefing/types.js';
import { quoteValue, speakerLabel } from './brief.js';
import { chunkBlocks, clip, escapeText, packEmbeds } from './embed.js';
import { EMBED_TITLE_LIMIT, QUOTES_PAGE_TARGET } from './limits.js';
import { replyWith, type Reply } from './reply.js';

/**
 * The `/quotes` answer: every given quote verbatim, in article order, each with its speaker and role.
 * Long lists are split into pages (embeds) at quote boundaries (a single huge quote is split at words and marked
 * continued), and the pages into as many messages as Discord's per-message limits need.
 */
export function renderQuotes(article: Article, quotes: readonly Quote[], options: { speaker?: string; ephemeral?: boolean } = {}): Reply {
  const blocks = quotes.map((quote) => `${quoteValue(quote)}\n— **${escapeText(speakerLabel(quote))}**`);
  const pages = chunkBlocks(blocks, QUOTES_PAGE_TARGET);
  const heading = options.speaker === undefined ? 'Quotes' : `Quotes by ${options.speaker}`;
  const count = `${quotes.length} quote${quotes.length === 1 ? '' : 's'}`;
  const embeds: APIEmbed[] = pages.map((page, index) => ({
    title: clip(`${index === 0 ? heading : `${heading} (continued)`}: ${escapeText(article.title)}`, EMBED_TITLE_LIMIT, { note: false }),
    ...(article.url !== null ? { url: article.url } : {}),
    description: page,
    footer: { text: `Article ${article.id} · ${count}${pages.length > 1 ? ` · page ${index + 1} of ${pages.length}` : ''}` },
  }));
  return replyWith(
    packEmbeds(embeds).map((group) => ({ embeds: group })),
    { ephemeral: options.ephemeral ?? false },
  );
}
