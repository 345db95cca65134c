import { UserError } from '../errors.js';
import { parseButtonId } from '../render/components.js';
import { renderQuotesPage } from '../render/quotes.js';
import type { Reply } from '../render/reply.js';
import { renderSearch } from '../render/search.js';
import { extractQuotes } from '../services/briefing/index.js';
import type { CommandContext } from './command.js';
import { noQuotes, speakersOf } from './quotes.js';
import { findSearchPage } from './search.js';

/** What a button press answers: a new message, or the pressed message redrawn in place (a page turn). */
export type ButtonAnswer = { reply: Reply; isUpdate: boolean };

const expired = (command: string): UserError => new UserError('page_expired', `This page has expired; run /${command} again.`);

/**
 * Answers a press of a button newsbrief made (`render/components.ts`). The custom id is parsed, never trusted: an id
 * that does not parse, an article no longer stored, a speaker or page that no longer exists is a `page_expired`
 * `UserError` saying which command to run again. `All quotes` answers with a new private message; `Previous` and
 * `Next` redraw their own message.
 */
export async function pressButton(customId: string, ctx: CommandContext): Promise<ButtonAnswer> {
  const action = parseButtonId(customId);
  if (action === undefined) throw new UserError('page_expired', 'This button has expired; run the command again.');
  if (action.kind === 'search-page') {
    const { hits, hasMore } = await findSearchPage(action.query, action.days ?? undefined, action.page, ctx);
    if (hits.length === 0) throw expired('search');
    const days = action.days === null ? {} : { days: action.days };
    return { reply: renderSearch(action.query, hits, { timeZone: ctx.config.timezone, ...days, page: action.page, hasMore }), isUpdate: true };
  }
  const article = await ctx.store.articles.get(action.articleId);
  if (article === undefined) throw new UserError('page_expired', 'This article is no longer stored; run /brief again.');
  const all = extractQuotes(article);
  if (action.kind === 'quotes') {
    const reply = renderQuotesPage(article, all, { page: 0, ephemeral: true });
    if (reply === undefined) throw noQuotes(article);
    return { reply, isUpdate: false };
  }
  const name = action.speaker === null ? undefined : speakersOf(all)[action.speaker];
  if (action.speaker !== null && name === undefined) throw expired('quotes');
  const chosen = name === undefined ? all : all.filter((quote) => quote.speaker === name);
  const speaker = name === undefined || action.speaker === null ? {} : { speaker: { name, index: action.speaker } };
  const reply = renderQuotesPage(article, chosen, { page: action.page, ...speaker });
  if (reply === undefined) throw expired('quotes');
  return { reply, isUpdate: true };
}
