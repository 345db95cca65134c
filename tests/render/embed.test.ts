import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { chunkBlocks, clip, CUT_NOTE, embedLength, escapeText, fitEmbed, messageEmbedsLength, packEmbeds } from '../../src/render/embed.js';
import {
  EMBED_DESCRIPTION_LIMIT,
  EMBED_FIELD_LIMIT,
  EMBED_FIELD_VALUE_LIMIT,
  EMBED_TITLE_LIMIT,
  EMBED_TOTAL_LIMIT,
  EMBEDS_PER_MESSAGE,
} from '../../src/render/limits.js';
import { markdownToText } from '../../src/render/text.js';

const words = (count: number): string => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');

describe('clip', () => {
  it('returns text that fits unchanged', () => {
    expect(clip('short text', 20)).toBe('short text');
  });

  it('cuts at a word boundary and says so', () => {
    const clipped = clip('alpha beta gamma delta epsilon', 20);
    expect(clipped.length).toBeLessThanOrEqual(20);
    expect(clipped).toBe(`alpha beta${CUT_NOTE}`);
  });

  it('uses a bare ellipsis when asked for no note', () => {
    expect(clip('alpha beta gamma delta', 12, { note: false })).toBe('alpha beta…');
  });

  it('never leaves a dangling escape or half a surrogate pair', () => {
    expect(clip(`${'a'.repeat(9)}\\*bcdefghij`, 10 + CUT_NOTE.length)).toBe(`${'a'.repeat(9)}${CUT_NOTE}`);
    const emoji = `${'a'.repeat(9)}😀😀😀😀😀😀`;
    const clipped = clip(emoji, 10 + CUT_NOTE.length);
    expect(clipped).toBe(`${'a'.repeat(9)}${CUT_NOTE}`);
  });
});

describe('escapeText', () => {
  it('makes markdown inert and round-trips through markdownToText', () => {
    const raw = '**bold** _it_ `code` ||spoiler|| [link](https://x.test) > quote\n# heading\n- item';
    const escaped = escapeText(raw);
    expect(escaped).not.toContain(' **bold**');
    expect(escaped).toContain('\\*\\*bold\\*\\*');
    expect(markdownToText(escaped)).toBe(raw);
  });
});

describe('fitEmbed', () => {
  it('keeps every part of a huge embed within the limits', () => {
    const huge: APIEmbed = {
      title: words(200),
      description: words(2_000),
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `field ${i} ${words(60)}`, value: words(400) })),
      footer: { text: 'article 0123456789ab' },
    };
    const fitted = fitEmbed(huge);
    expect(fitted.title?.length).toBeLessThanOrEqual(EMBED_TITLE_LIMIT);
    expect(fitted.description?.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_LIMIT);
    expect(fitted.fields?.length).toBeLessThanOrEqual(EMBED_FIELD_LIMIT);
    for (const field of fitted.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_LIMIT);
    expect(embedLength(fitted)).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
    expect(fitted.footer?.text).toMatch(/^article 0123456789ab · \d+ more not shown/);
  });

  it('leaves an embed within the limits untouched', () => {
    const small: APIEmbed = { title: 'T', description: 'D', fields: [{ name: 'n', value: 'v' }], footer: { text: 'f' } };
    expect(fitEmbed(small)).toEqual(small);
  });
});

describe('packEmbeds', () => {
  it('groups embeds into messages of at most 10 embeds and 6000 characters', () => {
    const embeds = Array.from({ length: 23 }, (_, i) => ({ title: `page ${i}`, description: words(i % 3 === 0 ? 600 : 40) }));
    const messages = packEmbeds(embeds);
    expect(messages.flat().map((embed) => embed.title)).toEqual(embeds.map((embed) => embed.title));
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(EMBEDS_PER_MESSAGE);
      expect(messageEmbedsLength(message)).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
    }
    expect(messages.length).toBeGreaterThan(2);
  });
});

describe('chunkBlocks', () => {
  it('packs blocks in order within the limit without losing text', () => {
    const blocks = Array.from({ length: 30 }, (_, i) => `block ${i}: ${words(20)}`);
    const chunks = chunkBlocks(blocks, 700);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(700);
    expect(chunks.join('\n\n')).toBe(blocks.join('\n\n'));
  });

  it('splits one over-long block at words, marking each piece continued', () => {
    const block = words(500);
    const chunks = chunkBlocks([block], 1_000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(1_000);
    expect(chunks[0]).toMatch(/ \(continued\)$/);
    expect(chunks[1]).toMatch(/^\(continued\) /);
    const rejoined = chunks.map((chunk) => chunk.replace(/^\(continued\) /, '').replace(/ \(continued\)$/, '')).join(' ');
    expect(rejoined).toBe(block);
  });
});
