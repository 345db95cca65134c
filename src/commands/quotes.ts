import { ApplicationCommandOptionType as Opt } from 'discord-api-types/v10';
import { z } from 'zod';
import { startsTitleWords, typedWords } from '../data/query-words.js';
import type { Article } from '../data/schemas.js';
import { UserError } from '../errors.js';
import { renderTextChoices } from '../render/choices.js';
import { clip, escapeText } from '../render/embed.js';
import { SPEAKER_LIST_LIMIT } from '../render/limits.js';
import { renderQuotes, renderQuotesPage } from '../render/quotes.js';
import type { Reply } from '../render/reply.js';
import { findArticle } from '../services/article-lookup.js';
import { extractQuotes } from '../services/briefing/index.js';
import type { Quote } from '../services/briefing/types.js';
import { articleNotFound, echo, suggestArticles } from './brief.js';
import { defineCommand, type CommandContext } from './command.js';

export const quotes = defineCommand({
  definition: {
    name: 'quotes',
    description: "Every direct quote in a stored article, verbatim, with who said it",
    options: [
      { type: Opt.String, name: 'article', description: 'Search text, article id or URL', required: true, autocomplete: true, max_length: 500 },
      { type: Opt.String, name: 'speaker', description: "Only this speaker's quotes", autocomplete: true, max_length: 200 },
      { type: Opt.Boolean, name: 'private', description: 'Show the quotes only to you' },
    ],
  },
  args: z.object({
    article: z.string().trim().min(1, { message: 'type a few words of the headline, an id or a URL' }).max(500),
    speaker: z.string().trim().min(1).max(200).optional(),
    private: z.boolean().default(false),
  }),
  async run(args, ctx) {
    const article = await findArticle(ctx.store.articles, args.article);
    if (article === undefined) throw articleNotFound(args.article);
    const all = extractQuotes(article);
    if (all.length === 0) throw noQuotes(article);
    if (args.speaker === undefined) return answerQuotes(article, all, { ephemeral: args.private }, ctx);
    const chosen = quotesBy(all, args.speaker);
    if (chosen.length === 0) {
      const speakers = speakersOf(all);
      const known = speakers.length > 0 ? ` Speakers quoted: ${clip(escapeText(speakers.join(', ')), SPEAKER_LIST_LIMIT)}.` : '';
      throw new UserError('unknown_speaker', `No quote in this article is attributed to "${echo(args.speaker)}".${known}`);
    }
    const name = chosen[0]?.speaker ?? args.speaker;
    return answerQuotes(article, chosen, { speaker: { name, index: speakersOf(all).indexOf(name) }, ephemeral: args.private }, ctx);
  },
  async autocomplete(focused, ctx) {
    if (focused.name !== 'speaker') return suggestArticles(focused, ctx);
    const articleQuery = focused.options['article'];
    if (typeof articleQuery !== 'string' || articleQuery.trim() === '') return [];
    const article = await findArticle(ctx.store.articles, articleQuery);
    if (article === undefined) return [];
    // Each typed word starts a word of the name, the last one possibly unfinished: `oskar vel` offers Oskar Vellamaa.
    const isTyped = startsTitleWords(typedWords(focused.value));
    return renderTextChoices(speakersOf(extractQuotes(article)).filter(isTyped));
  },
  isPrivate: (args) => args.private,
});

/**
 * The quotes as an answer: where the platform has buttons, the first page with page buttons (no follow-up flood);
 * elsewhere (the console) every page.
 */
function answerQuotes(
  article: Article,
  chosen: readonly Quote[],
  options: { speaker?: { name: string; index: number }; ephemeral: boolean },
  ctx: Pick<CommandContext, 'supportsButtons'>,
): Reply {
  const paged = ctx.supportsButtons === true ? renderQuotesPage(article, chosen, { ...options, page: 0 }) : undefined;
  return paged ?? renderQuotes(article, chosen, { ...(options.speaker === undefined ? {} : { speaker: options.speaker.name }), ephemeral: options.ephemeral });
}

/** The user error for an article without a direct quote. */
export function noQuotes(article: Pick<Article, 'title'>): UserError {
  return new UserError('no_quotes', `"${echo(article.title)}" has no direct quotes.`);
}

/** Distinct named speakers in order of first quote. */
export function speakersOf(all: readonly Quote[]): string[] {
  return [...new Set(all.flatMap((quote) => (quote.speaker === null ? [] : [quote.speaker])))];
}

/**
 * The quotes of the speaker a person typed: the exact name (any case) if a speaker has it, else every speaker whose
 * name contains each typed word (`Kallas` finds `Kaja Kallas`), as long as that is one speaker.
 */
export function quotesBy(all: readonly Quote[], typed: string): Quote[] {
  const wanted = typed.trim().toLowerCase();
  const speakers = speakersOf(all);
  const exact = speakers.find((speaker) => speaker.toLowerCase() === wanted);
  const words = wanted.split(/\s+/);
  const partial = speakers.filter((speaker) => {
    const name = speaker.toLowerCase().split(/\s+/);
    return words.every((word) => name.includes(word));
  });
  const speaker = exact ?? (partial.length === 1 ? partial[0] : undefined);
  return speaker === undefined ? [] : all.filter((quote) => quote.speaker === speaker);
}
