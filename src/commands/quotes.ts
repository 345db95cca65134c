import { ApplicationCommandOptionType as Opt } from 'discord-api-types/v10';
import { z } from 'zod';
import { startsTitleWords, typedWords } from '../data/query-words.js';
import type { Article } from '../data/schemas.js';
import { UserError } from '../errors.js';
import { renderTextChoices } from '../render/choices.js';
import { clip, escapeText } from '../render/embed.js';
import { AUTOCOMPLETE_CHOICES_LIMIT, SPEAKER_LIST_LIMIT } from '../render/limits.js';
import { renderQuoteBank, renderQuotes, renderQuotesPage } from '../render/quotes.js';
import type { Reply } from '../render/reply.js';
import { findArticle } from '../services/article-lookup.js';
import { extractQuotes } from '../services/briefing/index.js';
import type { Quote } from '../services/briefing/types.js';
import { foldForMatching } from '../services/briefing/speaker-identity.js';
import { resolveSpeaker, foldedWords } from '../services/stories/quote-bank.js';
import { articleNotFound, echo, suggestArticles } from './brief.js';
import { defineCommand, type CommandContext } from './command.js';

const QuotesArgs = z.object({
  article: z.string().trim().min(1, { message: 'type a few words of the headline, an id or a URL' }).max(500).optional(),
  speaker: z.string().trim().min(1).max(200).optional(),
  text: z.string().trim().min(1).max(200).optional(),
  private: z.boolean().default(false),
});

export const quotes = defineCommand({
  definition: {
    name: 'quotes',
    description: 'Direct quotes, verbatim, with who said them: of one article, of one speaker, or matching words',
    options: [
      { type: Opt.String, name: 'article', description: 'Search text, article id or URL (leave out to search every article)', autocomplete: true, max_length: 500 },
      { type: Opt.String, name: 'speaker', description: "Only this speaker's quotes", autocomplete: true, max_length: 200 },
      { type: Opt.String, name: 'text', description: 'Words the quote says', max_length: 200 },
      { type: Opt.Boolean, name: 'private', description: 'Show the quotes only to you' },
    ],
  },
  args: QuotesArgs,
  async run(args, ctx) {
    if (args.article === undefined) return quotesAcrossStore(args, ctx);
    const article = await findArticle(ctx.store.articles, args.article);
    if (article === undefined) throw articleNotFound(args.article);
    const all = args.text === undefined ? extractQuotes(article) : quotesSaying(extractQuotes(article), args.text);
    if (all.length === 0) {
      if (args.text !== undefined) throw new UserError('no_quotes', `No quote in "${echo(article.title)}" says "${echo(args.text)}".`);
      throw noQuotes(article);
    }
    // A page button carries no typed words, so turning a page would drop them: a filtered list is answered whole.
    const pager = args.text === undefined ? ctx : {};
    if (args.speaker === undefined) return answerQuotes(article, all, { ephemeral: args.private }, pager);
    const chosen = quotesBy(all, args.speaker);
    if (chosen.length === 0) {
      const speakers = speakersOf(all);
      const known = speakers.length > 0 ? ` Speakers quoted: ${clip(escapeText(speakers.join(', ')), SPEAKER_LIST_LIMIT)}.` : '';
      throw new UserError('unknown_speaker', `No quote in this article is attributed to "${echo(args.speaker)}".${known}`);
    }
    const name = chosen[0]?.speaker ?? args.speaker;
    return answerQuotes(article, chosen, { speaker: { name, index: speakersOf(all).indexOf(name) }, ephemeral: args.private }, pager);
  },
  async autocomplete(focused, ctx) {
    if (focused.name !== 'speaker') return suggestArticles(focused, ctx);
    const articleQuery = focused.options['article'];
    if (typeof articleQuery !== 'string' || articleQuery.trim() === '') {
      const speakers = await ctx.store.quotes.speakers(foldedWords(focused.value), AUTOCOMPLETE_CHOICES_LIMIT);
      return renderTextChoices(speakers.map((speaker) => speaker.speaker));
    }
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

/** Most quotes listed by one answer across the store. */
export const BANK_QUOTES_LIMIT = 25;

/** `/quotes` without an article: one speaker's quotes across the store, or the quotes saying the typed words, or both. */
async function quotesAcrossStore(args: z.output<typeof QuotesArgs>, ctx: CommandContext) {
  if (args.speaker === undefined && args.text === undefined) {
    throw new UserError('bad_option', 'Give an article, a speaker or some words the quote says.');
  }
  const timeZone = ctx.config.timezone;
  const limit = BANK_QUOTES_LIMIT;
  if (args.speaker === undefined) {
    const found = await ctx.store.quotes.search(args.text ?? '', { limit });
    if (found.length === 0) throw new UserError('no_quotes', `No stored quote says "${echo(args.text ?? '')}".`);
    return renderQuoteBank(found, { heading: `Quotes saying “${echo(args.text ?? '')}”`, timeZone, note: 'newest first', ephemeral: args.private });
  }
  const resolved = await resolveSpeaker(ctx.store.quotes, args.speaker);
  if (resolved.speaker === undefined) {
    const names = resolved.candidates.map((candidate) => candidate.speaker);
    const known = names.length > 0 ? ` Did you mean: ${clip(escapeText(names.join(', ')), SPEAKER_LIST_LIMIT)}?` : '';
    throw new UserError('unknown_speaker', `No stored quote is attributed to "${echo(args.speaker)}".${known}`);
  }
  const { speaker } = resolved;
  const found =
    args.text === undefined
      ? await ctx.store.quotes.bySpeaker(speaker.canonical, limit)
      : await ctx.store.quotes.search(args.text, { limit, canonicalSpeaker: speaker.canonical });
  if (found.length === 0) throw new UserError('no_quotes', `No stored quote of ${echo(speaker.speaker)} says "${echo(args.text ?? '')}".`);
  const more = args.text === undefined && speaker.quotes > found.length ? `newest ${found.length} of ${speaker.quotes}` : 'newest first';
  return renderQuoteBank(found, { heading: `Quotes by ${echo(speaker.speaker)}`, timeZone, note: more, ephemeral: args.private });
}

/** The quotes whose text holds every typed word, compared folded (case and accents ignored). */
export function quotesSaying(all: readonly Quote[], typed: string): Quote[] {
  const words = foldedWords(typed);
  return all.filter((quote) => {
    const text = foldForMatching(quote.text);
    return words.every((word) => text.includes(word));
  });
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
