import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Article } from '../data/schemas.js';
import type { Brief, Quote } from '../services/briefing/types.js';
import { actionButton, buttonRows, linkButton } from './components.js';
import { clip, escapeText, fitEmbed } from './embed.js';
import { formatDate, formatList } from './format.js';
import { EMBED_FIELD_NAME_LIMIT, EMBED_FIELD_VALUE_LIMIT } from './limits.js';
import { replyWith, type Reply } from './reply.js';

/**
 * The `/brief` answer: one embed with the headline linked to the article, the outlet, byline and date, the bullets,
 * the key quotes (each whole, with its speaker and role; a quote too long for a field is left out and counted),
 * a footer naming the article id, and buttons: `All quotes` (when it has quotes) and `Open article` (when it has a URL).
 */
export function renderBrief(
  article: Article,
  brief: Brief,
  options: {
    timeZone: string;
    ephemeral?: boolean;
    /** The page was fetched for this answer; the footer says so. */
    isFetched?: boolean;
  },
): Reply {
  const quoteFields: APIEmbedField[] = [];
  let leftOut = 0;
  for (const quote of brief.keyQuotes) {
    const value = quoteValue(quote);
    if (value.length > EMBED_FIELD_VALUE_LIMIT) leftOut += 1;
    else quoteFields.push({ name: clip(speakerLabel(quote), EMBED_FIELD_NAME_LIMIT, { note: false }), value });
  }
  const bullets = brief.bullets.map((bullet) => `- ${escapeText(bullet.text)}`).join('\n');
  const description = [articleMeta(article, options.timeZone), bullets].filter((part) => part !== '').join('\n\n');
  const footer = [
    `Article ${article.id}`,
    options.isFetched === true ? 'Fetched just now' : null,
    leftOut > 0 ? `${leftOut} long quote${leftOut === 1 ? '' : 's'} in /quotes` : null,
  ]
    .filter((part): part is string => part !== null)
    .join(' · ');
  const embed: APIEmbed = {
    title: escapeText(article.title),
    ...(article.url !== null ? { url: article.url } : {}),
    ...(article.outlet !== null ? { author: { name: article.outlet } } : {}),
    description,
    ...(quoteFields.length > 0 ? { fields: quoteFields } : {}),
    footer: { text: footer },
  };
  const components = buttonRows([
    brief.keyQuotes.length > 0 ? actionButton('All quotes', { kind: 'quotes', articleId: article.id }) : undefined,
    article.url === null ? undefined : linkButton('Open article', article.url),
  ]);
  return replyWith([{ embeds: [fitEmbed(embed)], components }], { ephemeral: options.ephemeral ?? false });
}

/** `By A and B · 25 Nov 2026 · Section`, with whatever the article has; escaped. */
export function articleMeta(article: Pick<Article, 'authors' | 'publishedAt' | 'section'>, timeZone: string): string {
  return [
    article.authors.length > 0 ? `By ${formatList(article.authors)}` : null,
    article.publishedAt !== null ? formatDate(article.publishedAt, timeZone) : null,
    article.section,
  ]
    .filter((part): part is string => part !== null)
    .map(escapeText)
    .join(' · ');
}

/**
 * `Speaker, role` as the article gives them, or `Speaker unclear` when the article names no one or the attribution is
 * not confident enough to show. Plain text (field names render no markdown).
 */
export function speakerLabel(quote: Pick<Quote, 'speaker' | 'speakerRole'>): string {
  if (quote.speaker === null) return 'Speaker unclear';
  return quote.speakerRole === null ? quote.speaker : `${quote.speaker}, ${quote.speakerRole}`;
}

/** The quote verbatim inside typographic quotation marks, escaped for markdown. */
export function quoteValue(quote: Pick<Quote, 'text' | 'kind'>): string {
  return `“${escapeText(quote.text)}”${quote.kind === 'partial' ? ' (partial)' : ''}`;
}
