import { ApplicationCommandOptionType as Opt } from 'discord-api-types/v10';
import { z } from 'zod';
import type { SearchHit } from '../data/schemas.js';
import { UserError } from '../errors.js';
import { SEARCH_PAGES_LIMIT, SEARCH_RESULTS_LIMIT } from '../render/limits.js';
import { renderSearch } from '../render/search.js';
import { echo } from './brief.js';
import { defineCommand, type CommandContext } from './command.js';

const DAY_MS = 86_400_000;

export const search = defineCommand({
  definition: {
    name: 'search',
    description: 'Find stored articles: the best matches with dates and ids',
    options: [
      { type: Opt.String, name: 'query', description: 'Words to look for in headlines and text', required: true, max_length: 200 },
      { type: Opt.Integer, name: 'days', description: 'Only articles published in the last N days', min_value: 1, max_value: 3_650 },
    ],
  },
  args: z.object({
    query: z.string().trim().min(1, { message: 'type at least one word' }).max(200),
    days: z.number().int().min(1, { message: 'must be 1 or more' }).max(3_650, { message: 'must be at most 3650' }).optional(),
  }),
  async run(args, ctx) {
    const { hits, hasMore } = await findSearchPage(args.query, args.days, 0, ctx);
    if (hits.length === 0) {
      const scope = args.days === undefined ? '' : ` from the last ${args.days} day${args.days === 1 ? '' : 's'}`;
      throw new UserError('article_not_found', `No stored article${scope} matches "${echo(args.query)}".`);
    }
    return renderSearch(args.query, hits, {
      timeZone: ctx.config.timezone,
      ...(args.days === undefined ? {} : { days: args.days }),
      page: 0,
      hasMore,
    });
  },
});

/**
 * Page `page` (from 0) of a search's matches, `SEARCH_RESULTS_LIMIT` a page and at most `SEARCH_PAGES_LIMIT` pages,
 * and whether a further page exists. `/search` and its page buttons share it; a page past the end is empty.
 */
export async function findSearchPage(
  query: string,
  days: number | undefined,
  page: number,
  ctx: CommandContext,
): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
  const from = days === undefined ? undefined : new Date(ctx.now().getTime() - days * DAY_MS).toISOString();
  const start = page * SEARCH_RESULTS_LIMIT;
  const end = start + SEARCH_RESULTS_LIMIT;
  if (start >= SEARCH_RESULTS_LIMIT * SEARCH_PAGES_LIMIT) return { hits: [], hasMore: false };
  const limit = Math.min(end + 1, SEARCH_RESULTS_LIMIT * SEARCH_PAGES_LIMIT);
  const found = await ctx.store.articles.search(query, { limit, ...(from === undefined ? {} : { from }) });
  return { hits: found.slice(start, end), hasMore: found.length > end };
}
