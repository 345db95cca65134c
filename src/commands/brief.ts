import { ApplicationCommandOptionType as Opt } from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { renderBrief } from '../render/brief.js';
import { renderArticleChoices } from '../render/choices.js';
import { clip, escapeText } from '../render/embed.js';
import { AUTOCOMPLETE_CHOICES_LIMIT, ECHO_LIMIT } from '../render/limits.js';
import { buildBrief } from '../services/briefing/index.js';
import { defineCommand, type Choice, type CommandContext } from './command.js';
import { findOrFetchArticle } from './find-or-fetch-article.js';

export const brief = defineCommand({
  definition: {
    name: 'brief',
    description: 'Bulleted brief of an article (stored, or any link), with its key quotes',
    options: [
      { type: Opt.String, name: 'article', description: 'Search text, article id, or any article link', required: true, autocomplete: true, max_length: 500 },
      { type: Opt.Integer, name: 'bullets', description: 'Number of bullets, 3-6 (default: at least 3, more while the brief stays short)', min_value: 3, max_value: 6 },
      { type: Opt.Boolean, name: 'private', description: 'Show the brief only to you' },
    ],
  },
  args: z.object({
    article: z.string().trim().min(1, { message: 'type a few words of the headline, an id or a URL' }).max(500),
    bullets: z.number().int().min(3, { message: 'must be 3 to 6' }).max(6, { message: 'must be 3 to 6' }).optional(),
    private: z.boolean().default(false),
  }),
  async run(args, ctx) {
    const found = await findOrFetchArticle(args.article, ctx);
    if (found === undefined) throw articleNotFound(args.article);
    return renderBrief(found.article, buildBrief(found.article, { bullets: args.bullets }), {
      timeZone: ctx.config.timezone,
      ephemeral: args.private,
      isFetched: found.isFetched,
    });
  },
  autocomplete: suggestArticles,
  isPrivate: (args) => args.private,
});

/**
 * Articles for the `article` option: titles starting with the typed words, newest first (the newest articles when
 * nothing is typed), else the best text matches, the last word as a prefix (see `ArticleStore.autocomplete`).
 */
export async function suggestArticles(focused: { value: string }, ctx: CommandContext): Promise<Choice[]> {
  const found = await ctx.store.articles.autocomplete(focused.value.trim(), AUTOCOMPLETE_CHOICES_LIMIT);
  return renderArticleChoices(found, ctx.config.timezone);
}

/** The user error for a query that matches nothing. */
export function articleNotFound(query: string): UserError {
  return new UserError(
    'article_not_found',
    `No stored article matches "${echo(query)}". Try /search with other words, an article id or its URL.`,
  );
}

/** Typed text or a headline repeated back in an answer: one line, markdown made inert, cut to a short length. */
export function echo(text: string): string {
  return clip(escapeText(text.replace(/\s+/g, ' ').trim()), ECHO_LIMIT, { note: false });
}
