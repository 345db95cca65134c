import type { APIEmbedField } from 'discord-api-types/v10';
import type { SearchHit } from '../data/schemas.js';
import { buttonRows, pageButtons, type ButtonAction } from './components.js';
import { clip, escapeText, fitEmbed } from './embed.js';
import { formatDate } from './format.js';
import { EMBED_FIELD_NAME_LIMIT, EMBED_TITLE_LIMIT, SEARCH_RESULTS_LIMIT } from './limits.js';
import { replyWith, type Reply } from './reply.js';

/**
 * The `/search` answer: the matches in order, each with outlet, date, id (to pass to `/brief`) and an excerpt.
 * With `page` (from 0), the hits are that page of results and `Previous`/`Next` buttons turn it in place; `hasMore`
 * says a further page exists.
 */
export function renderSearch(
  query: string,
  hits: readonly SearchHit[],
  options: { timeZone: string; days?: number; page?: number; hasMore?: boolean },
): Reply {
  const fields: APIEmbedField[] = hits.map((hit) => {
    const meta = [hit.outlet, hit.publishedAt === null ? null : formatDate(hit.publishedAt, options.timeZone)]
      .filter((part): part is string => part !== null)
      .map(escapeText);
    const line = [...meta, `id \`${hit.id}\``].join(' · ');
    const link = hit.url === null ? '' : `\n<${hit.url}>`;
    return {
      name: clip(hit.title.replace(/\s+/g, ' '), EMBED_FIELD_NAME_LIMIT, { note: false }),
      value: `${line}${link}\n${escapeText(hit.snippet.replace(/\s+/g, ' '))}`,
    };
  });
  const scope = options.days === undefined ? '' : ` (last ${options.days} day${options.days === 1 ? '' : 's'})`;
  const page = options.page ?? 0;
  const pageCount = page + (options.hasMore === true ? 2 : 1);
  const first = page * SEARCH_RESULTS_LIMIT + 1;
  const count =
    pageCount > 1
      ? `Matches ${first} to ${first + hits.length - 1}, best first.`
      : `${hits.length} match${hits.length === 1 ? '' : 'es'}, best first.`;
  const embed = {
    title: clip(`Search: ${escapeText(query.replace(/\s+/g, ' '))}${scope}`, EMBED_TITLE_LIMIT, { note: false }),
    description: `${count} Use /brief article:<id> to brief one.`,
    fields,
  };
  const turnTo = (index: number): ButtonAction => ({ kind: 'search-page', page: index, days: options.days ?? null, query });
  return replyWith([{ embeds: [fitEmbed(embed)], components: buttonRows(pageButtons(page, pageCount, turnTo)) }]);
}
