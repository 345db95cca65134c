import type { APIEmbed } from 'discord-api-types/v10';
import { replyMessages, type Reply } from './reply.js';

/**
 * Any reply as readable terminal text, for the local console: the same answer a Discord user sees, with the
 * markdown we add (bold, links) and the escapes we put on article text removed.
 */
export function renderText(reply: Reply): string {
  const blocks: string[] = [];
  for (const message of replyMessages(reply)) {
    if (message.content !== undefined && message.content !== '') blocks.push(markdownToText(message.content));
    for (const embed of message.embeds ?? []) blocks.push(renderEmbedText(embed));
  }
  return blocks.join('\n\n');
}

function renderEmbedText(embed: APIEmbed): string {
  const lines: string[] = [];
  if (embed.author?.name !== undefined) lines.push(markdownToText(embed.author.name));
  if (embed.title !== undefined) lines.push(`== ${markdownToText(embed.title)} ==`);
  if (embed.url !== undefined) lines.push(embed.url);
  if (embed.description !== undefined && embed.description !== '') {
    if (lines.length > 0) lines.push('');
    lines.push(markdownToText(embed.description));
  }
  for (const field of embed.fields ?? []) {
    lines.push('', markdownToText(field.name), indent(markdownToText(field.value)));
  }
  if (embed.footer?.text !== undefined) lines.push('', `-- ${markdownToText(embed.footer.text)}`);
  return lines.join('\n');
}

const indent = (text: string): string => text.replace(/^/gm, '  ');

/**
 * Discord markup as a terminal shows it: bold and inline code marks dropped, `<https://…>` (a link without preview)
 * as the bare URL, a masked link as `text (url)`, headings and `-#` small text as plain lines, `<#id>` as `#id`, block
 * quotes indented; then the escapes `escapeText` put on article text are undone. Escaped characters are never markup.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/(?<!\\)\*\*/g, '')
    .replace(/(?<!\\)`([^`\n]+?)(?<!\\)`/g, '$1')
    .replace(/(?<!\\)\[([^\]\n]+)\]\((https?:[^)\s]+)\)/g, '$1 ($2)')
    .replace(/(?<!\\)<(https?:[^>\s]+)>/g, '$1')
    .replace(/(?<!\\)<#(\d+)>/g, '#$1')
    .replace(/^(?:-#|#{1,3}) /gm, '')
    .replace(/^> /gm, '  ')
    .replace(/\\([\\*_~`|#\-.[\]()<>:])/g, '$1');
}
