import type { APIEmbedField } from 'discord-api-types/v10';
import type { SearchHit } from '../data/schemas.js';
import { clip, escapeText, fitEmbed } from './embed.js';
import { formatDate } from './format.js';
import { EMBED_FIELD_NAME_LIMIT, EMBED_TITLE_LIMIT } from './limits.js';
import { replyWith, type Reply } from './reply.js';

/** The `/search` answer: the matches in order, each with outlet, date, id (to pass to `/brief`) and an excerpt. */
export function renderSearch(query: string, hits: readonly SearchHit[], options: { timeZone: string; days?: number }): Reply {
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
  const embed = {
    title: clip(`Search: ${escapeText(query.replace(/\s+/g, ' '))}${scope}`, EMBED_TITLE_LIMIT, { note: false }),
    description: `${hits.length} match${hits.length === 1 ? '' : 'es'}, best first. Use /brief article:<id> to brief one.`,
    fields,
  };
  return replyWith([{ embeds: [fitEmbed(embed)] }]);
}
