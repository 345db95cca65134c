import { ApplicationCommandOptionType as Opt } from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { renderBrief, renderStoryBrief } from '../render/brief.js';
import { renderArticleChoices, renderTextChoices } from '../render/choices.js';
import { clip, escapeText } from '../render/embed.js';
import { AUTOCOMPLETE_CHOICES_LIMIT, ECHO_LIMIT } from '../render/limits.js';
import { buildBrief } from '../services/briefing/index.js';
import { findStory, storyBriefOf } from '../services/stories/story-lookup.js';
import { defineCommand, type Choice, type CommandContext } from './command.js';
import { findOrFetchArticle } from './find-or-fetch-article.js';

export const brief = defineCommand({
  definition: {
    name: 'brief',
    description: 'Bulleted brief of an article (stored, or any link), with its key quotes',
    options: [
      { type: Opt.String, name: 'article', description: 'Search text, article id, or any article link', autocomplete: true, max_length: 500 },
      { type: Opt.String, name: 'story', description: 'A story: its id, or words of one of its headlines', autocomplete: true, max_length: 500 },
      { type: Opt.Integer, name: 'bullets', description: 'Number of bullets, 3-6 (default: at least 3, more while the brief stays short)', min_value: 3, max_value: 6 },
      { type: Opt.Boolean, name: 'article_only', description: "Brief only the matched article, not the story it belongs to" },
      { type: Opt.Boolean, name: 'private', description: 'Show the brief only to you' },
    ],
  },
  args: z.object({
    article: z.string().trim().min(1, { message: 'type a few words of the headline, an id or a URL' }).max(500).optional(),
    story: z.string().trim().min(1, { message: 'type a story id or words of a headline' }).max(500).optional(),
    bullets: z.number().int().min(3, { message: 'must be 3 to 6' }).max(6, { message: 'must be 3 to 6' }).optional(),
    article_only: z.boolean().default(false),
    private: z.boolean().default(false),
  }),
  async run(args, ctx) {
    const options = { timeZone: ctx.config.timezone, ephemeral: args.private };
    if (args.story !== undefined) {
      const story = await findStory(ctx.store, args.story);
      if (story === undefined) {
        throw new UserError('article_not_found', `No story matches "${echo(args.story)}". Try a story id from \`newsbrief stories\` or other words.`);
      }
      const briefed = await storyBriefOf(ctx.store, story, { bullets: args.bullets });
      return renderStoryBrief(briefed.story, briefed.brief, options);
    }
    if (args.article === undefined) throw new UserError('bad_option', 'Give an article (search text, id or URL) or a story.');
    const found = await findOrFetchArticle(args.article, ctx);
    if (found === undefined) throw articleNotFound(args.article);
    const { article } = found;
    // An article covered by other outlets too is briefed as its story, unless only the article is asked for.
    const story = args.article_only ? undefined : await ctx.store.stories.ofArticle(article.id);
    if (story !== undefined && story.articleCount > 1) {
      const briefed = await storyBriefOf(ctx.store, story, { bullets: args.bullets });
      return renderStoryBrief(briefed.story, briefed.brief, options);
    }
    return renderBrief(article, buildBrief(article, { bullets: args.bullets }), { ...options, isFetched: found.isFetched });
  },
  async autocomplete(focused, ctx) {
    if (focused.name !== 'story') return suggestArticles(focused, ctx);
    return suggestStories(focused, ctx);
  },
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

/** Stories for the `story` option: those of the articles `suggestArticles` finds, each once, value the story id. */
async function suggestStories(focused: { value: string }, ctx: CommandContext): Promise<Choice[]> {
  const typed = focused.value.trim();
  let found = await ctx.store.articles.autocomplete(typed, AUTOCOMPLETE_CHOICES_LIMIT);
  if (found.length === 0 && typed !== '') found = await ctx.store.articles.search(typed, { limit: AUTOCOMPLETE_CHOICES_LIMIT });
  const storyIds = await ctx.store.stories.storyIdsOf(found.map((article) => article.id));
  const seen = new Set<string>();
  const choices: Choice[] = [];
  for (const article of found) {
    const storyId = storyIds.get(article.id);
    if (storyId === undefined || seen.has(storyId)) continue;
    seen.add(storyId);
    const [choice] = renderTextChoices([article.title]);
    if (choice !== undefined) choices.push({ name: choice.name, value: storyId });
  }
  return choices;
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
