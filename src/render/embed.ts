import { escapeMarkdown } from '@discordjs/formatters';
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import {
  EMBED_AUTHOR_NAME_LIMIT,
  EMBED_DESCRIPTION_LIMIT,
  EMBED_FIELD_LIMIT,
  EMBED_FIELD_NAME_LIMIT,
  EMBED_FIELD_VALUE_LIMIT,
  EMBED_FOOTER_LIMIT,
  EMBED_TITLE_LIMIT,
  EMBED_TOTAL_LIMIT,
  EMBEDS_PER_MESSAGE,
} from './limits.js';
import { escapeMentions, escapePings } from './mentions.js';

/** Appended where `clip` cut text, so a reader knows more existed. */
export const CUT_NOTE = '… (cut)';
const ELLIPSIS = '…';

/**
 * `text` if it fits in `limit` characters (UTF-16 units, which Discord never undercounts), else cut at the last word
 * boundary that fits and marked: `… (cut)` by default, a bare `…` with `{ note: false }` (titles, names).
 * A word longer than half the room is cut mid-word. Never splits a surrogate pair or leaves a dangling escape.
 */
export function clip(text: string, limit: number, options: { note?: boolean } = {}): string {
  if (text.length <= limit) return text;
  const mark = options.note === false ? ELLIPSIS : CUT_NOTE;
  if (limit <= mark.length) return ELLIPSIS.slice(0, limit);
  return `${cutAtWord(text, limit - mark.length)}${mark}`;
}

/**
 * Article text made inert for Discord markdown: emphasis, code, spoilers, headings, lists, masked links and
 * block quotes show as typed, and so do mentions of people, roles and channels (`escapeMentions`).
 */
export function escapeText(text: string): string {
  // escapeMarkdown leaves a line's `>` (block quote) and `-#` (small text) alone.
  return escapeMarkdown(escapeMentions(text), { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    .replace(/^(\s*)>/gm, '$1\\>')
    .replace(/^(\s*)-#/gm, '$1\\-#');
}

/** Link text may not hold an unescaped bracket; `escapeText` escapes a bracket only where it opens a masked link. */
export const linkText = (text: string): string => escapeText(text).replace(/(?<!\\)[[\]]/g, (bracket) => `\\${bracket}`);

/** Parentheses close a masked link's target early; percent-encoding keeps the same URL. */
export const linkTarget = (url: string): string => url.replace(/\(/g, '%28').replace(/\)/g, '%29');

/** Characters Discord counts towards an embed's 6,000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Characters Discord counts towards one message's 6,000 total: all its embeds together. */
export function messageEmbedsLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
}

/**
 * The embed with every part inside Discord's limits: each text's pings escaped (`escapePings`) and clipped, at most 25
 * fields, and, while the total is over 6,000, trailing fields dropped (the footer then says how many), then the
 * description clipped.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = clip(escapePings(fitted.title), EMBED_TITLE_LIMIT, { note: false });
  if (fitted.description !== undefined) fitted.description = clip(escapePings(fitted.description), EMBED_DESCRIPTION_LIMIT);
  if (fitted.author !== undefined) {
    fitted.author = { ...fitted.author, name: clip(escapePings(fitted.author.name), EMBED_AUTHOR_NAME_LIMIT, { note: false }) };
  }
  const footerText = fitted.footer === undefined ? undefined : escapePings(fitted.footer.text);
  const allFields: APIEmbedField[] = (fitted.fields ?? []).map((field) => ({
    ...field,
    name: clip(escapePings(field.name), EMBED_FIELD_NAME_LIMIT, { note: false }),
    value: clip(escapePings(field.value), EMBED_FIELD_VALUE_LIMIT),
  }));
  let kept = allFields.slice(0, EMBED_FIELD_LIMIT);
  const withFooter = (dropped: number): APIEmbed => {
    const note = dropped > 0 ? `${dropped} more not shown (message too long)` : undefined;
    const text = [footerText, note].filter((part) => part !== undefined && part !== '').join(' · ');
    const next: APIEmbed = { ...fitted };
    if (embed.fields !== undefined) next.fields = kept;
    if (text !== '') next.footer = { ...fitted.footer, text: clip(text, EMBED_FOOTER_LIMIT) };
    return next;
  };
  let result = withFooter(allFields.length - kept.length);
  while (embedLength(result) > EMBED_TOTAL_LIMIT && kept.length > 0) {
    kept = kept.slice(0, -1);
    result = withFooter(allFields.length - kept.length);
  }
  const excess = embedLength(result) - EMBED_TOTAL_LIMIT;
  if (excess > 0 && result.description !== undefined) {
    result.description = clip(result.description, Math.max(0, result.description.length - excess));
  }
  return result;
}

/**
 * Groups embeds into messages in order: at most 10 embeds and 6,000 counted characters per message.
 * Each embed is fitted first, so every group is sendable as it is.
 */
export function packEmbeds(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let length = 0;
  for (const raw of embeds) {
    const embed = fitEmbed(raw);
    const size = embedLength(embed);
    if (current.length > 0 && (current.length >= EMBEDS_PER_MESSAGE || length + size > EMBED_TOTAL_LIMIT)) {
      messages.push(current);
      current = [];
      length = 0;
    }
    current.push(embed);
    length += size;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/**
 * Packs text blocks, in order and separated by a blank line, into chunks of at most `limit` characters.
 * A block longer than `limit` is split at word boundaries over several chunks, each piece marked `(continued)`,
 * so no text is lost or changed.
 */
export function chunkBlocks(blocks: readonly string[], limit: number): string[] {
  const chunks: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current !== '') chunks.push(current);
    current = '';
  };
  for (const block of blocks) {
    const joined = current === '' ? block : `${current}\n\n${block}`;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    flush();
    if (block.length <= limit) {
      current = block;
      continue;
    }
    for (const piece of splitLongBlock(block, limit)) chunks.push(piece);
  }
  flush();
  return chunks;
}

const CONTINUED = '(continued)';

function splitLongBlock(block: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = block;
  for (;;) {
    const prefix = pieces.length === 0 ? '' : `${CONTINUED} `;
    if (prefix.length + rest.length <= limit) {
      pieces.push(prefix + rest);
      return pieces;
    }
    const room = Math.max(1, limit - prefix.length - CONTINUED.length - 1);
    const cut = cutAtWord(rest, room);
    pieces.push(`${prefix}${cut} ${CONTINUED}`);
    rest = rest.slice(cut.length).trimStart();
  }
}

/**
 * The longest start of `text` within `room` characters that ends at a word boundary (mid-word when the last word
 * would take more than half the room), without a split surrogate pair or an odd trailing backslash. Never empty
 * when `text` is not.
 */
function cutAtWord(text: string, room: number): string {
  let cut = text.slice(0, room);
  const boundary = cut.search(/\s\S*$/);
  if (boundary >= room / 2) cut = cut.slice(0, boundary);
  cut = cut.replace(/\s+$/, '');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const backslashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (backslashes % 2 === 1) cut = cut.slice(0, -1);
  return cut === '' ? text.slice(0, Math.max(1, Math.min(room, text.length))) : cut;
}
