import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Article, Story } from '../data/schemas.js';
import type { Brief, Quote } from '../services/briefing/types.js';
import { localTimeOf } from '../services/local-time.js';
import type { StoryBrief, StorySource } from '../services/stories/story-brief.js';
import { actionButton, buttonRows, linkButton } from './components.js';
import { clip, escapeText, fitEmbed, linkTarget, linkText } from './embed.js';
import { formatDate, formatList } from './format.js';
import {
  EMBED_AUTHOR_NAME_LIMIT,
  EMBED_DESCRIPTION_LIMIT,
  EMBED_FIELD_NAME_LIMIT,
  EMBED_FIELD_VALUE_LIMIT,
  EMBED_TITLE_LIMIT,
} from './limits.js';
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

/** Sources listed by name in a story brief; the rest are counted. */
const STORY_SOURCES_SHOWN = 10;
/** Longest source name (an outlet, or a headline for an article without one). */
const SOURCE_NAME_LIMIT = 60;

/** How a story brief names an article: its outlet, else its headline, cut short. */
const sourceName = (source: StorySource): string => clip(source.outlet ?? source.title, SOURCE_NAME_LIMIT, { note: false });

/** The article's name linked to it (plain when it has no URL), escaped. */
const sourceLink = (source: StorySource): string =>
  source.url === '' ? escapeText(sourceName(source)) : `[${linkText(sourceName(source))}](${linkTarget(source.url)})`;

/**
 * The `/brief` answer for a story of several articles: the freshest headline linked to its article, the story's
 * article count and outlets, the bullets from across the sources each naming (and linking) the article it comes
 * from, what is new in the latest article, key quotes of different speakers with their source, and the sources with
 * links and local times (the first ten; the rest counted). Within every embed limit; a footer names the story id.
 */
export function renderStoryBrief(story: Story, brief: StoryBrief, options: { timeZone: string; ephemeral?: boolean }): Reply {
  const sources = new Map(brief.sources.map((source) => [source.articleId, source]));
  const from = (articleId: string): string => {
    const source = sources.get(articleId);
    return source === undefined ? '' : ` (${sourceLink(source)})`;
  };
  const bullets = brief.bullets.map((bullet) => `- ${escapeText(bullet.text)}${from(bullet.articleId)}`).join('\n');
  const whatsNew = brief.whatsNew === null ? null : `**What's new:** ${escapeText(brief.whatsNew.text)}${from(brief.whatsNew.articleId)}`;
  const quoteFields: APIEmbedField[] = [];
  for (const quote of brief.quotes) {
    const value = quoteValue(quote);
    const source = sources.get(quote.articleId);
    const name = `${speakerLabel(quote)}${source === undefined ? '' : ` · ${sourceName(source)}`}`;
    if (value.length <= EMBED_FIELD_VALUE_LIMIT) quoteFields.push({ name: clip(name, EMBED_FIELD_NAME_LIMIT, { note: false }), value });
  }
  const listed = brief.sources.slice(0, STORY_SOURCES_SHOWN).map((source) => {
    const when = `${formatDate(source.publishedAt.toISOString(), options.timeZone)} ${localTimeOf(source.publishedAt, options.timeZone)}`;
    return `${sourceLink(source)} · ${escapeText(clip(source.title, SOURCE_NAME_LIMIT, { note: false }))} · ${when}`;
  });
  // Source lines are kept whole: the field takes as many as fit beside the count of the rest.
  const fitted: string[] = [];
  for (const line of listed) {
    const rest = brief.sources.length - fitted.length - 1;
    const count = rest > 0 ? `\n+${rest} more` : '';
    if ([...fitted, line].join('\n').length + count.length > EMBED_FIELD_VALUE_LIMIT) break;
    fitted.push(line);
  }
  const unlisted = brief.sources.length - fitted.length;
  if (unlisted > 0) fitted.push(`+${unlisted} more`);
  const outlets = story.outlets.length > 0 ? ` · ${formatList(story.outlets)}` : '';
  const freshest = sources.get(brief.headlineArticleId);
  const embed: APIEmbed = {
    title: clip(escapeText(brief.headline), EMBED_TITLE_LIMIT, { note: false }),
    ...(freshest !== undefined && freshest.url !== '' ? { url: freshest.url } : {}),
    author: { name: clip(`Story · ${story.articleCount} articles${outlets}`, EMBED_AUTHOR_NAME_LIMIT, { note: false }) },
    description: clip([bullets, whatsNew].filter((part): part is string => part !== null && part !== '').join('\n\n'), EMBED_DESCRIPTION_LIMIT),
    // Sources before quotes: if the embed is too long, fitEmbed drops trailing fields, and quotes can go first.
    fields: [{ name: 'Sources', value: fitted.join('\n') }, ...quoteFields],
    footer: { text: `Story ${story.id}` },
  };
  return replyWith([{ embeds: [fitEmbed(embed)] }], { ephemeral: options.ephemeral ?? false });
}
