import { describe, expect, it } from 'vitest';
import { Article } from '../../src/data/schemas.js';
import { renderBrief, renderStoryBrief } from '../../src/render/brief.js';
import { embedLength } from '../../src/render/embed.js';
import {
  EMBED_DESCRIPTION_LIMIT,
  EMBED_FIELD_LIMIT,
  EMBED_FIELD_VALUE_LIMIT,
  EMBED_TITLE_LIMIT,
  EMBED_TOTAL_LIMIT,
} from '../../src/render/limits.js';
import { renderText } from '../../src/render/text.js';
import type { Brief, Quote } from '../../src/services/briefing/types.js';
import type { StoryBrief } from '../../src/services/stories/story-brief.js';

const article = Article.parse({
  id: 'abcdef012345',
  contentHash: 'a'.repeat(64),
  ingestedAt: '2026-11-25T10:00:00Z',
  url: 'https://tidewater.example/a',
  title: 'Night ferry *returns* to the island',
  authors: ['Ines Marlowe', 'Cato Ridley'],
  outlet: 'Tidewater Gazette',
  publishedAt: '2026-11-24T23:30:00Z',
  section: null,
  text: 'Body.',
});

const quote = (text: string, speaker: string | null, speakerRole: string | null = null): Quote => ({
  start: 0,
  end: text.length,
  text,
  parts: [{ start: 0, end: text.length, text }],
  speaker,
  speakerRole,
  canonical: speaker,
  confidence: speaker === null ? 0 : 1,
  kind: 'direct',
  sentenceIndex: 0,
});

describe('renderBrief', () => {
  const brief: Brief = {
    headline: article.title,
    bullets: [{ start: 0, end: 5, text: 'The **late** ferry is back.', sentenceIndex: 0 }],
    keyQuotes: [quote('It is back @everyone', 'Odile Ferrant', 'chair of the harbour board'), quote('Fine by me', null)],
  };

  it('shows speakers with their roles, quotes verbatim and escaped, and the date in the newsroom zone', () => {
    const reply = renderBrief(article, brief, { timeZone: 'Europe/Helsinki' });
    const embed = reply.embeds?.[0];
    expect(embed?.title).toBe('Night ferry \\*returns\\* to the island');
    expect(embed?.description).toBe('By Ines Marlowe and Cato Ridley · 25 Nov 2026\n\n- The \\*\\*late\\*\\* ferry is back.');
    expect(embed?.fields).toEqual([
      { name: 'Odile Ferrant, chair of the harbour board', value: '“It is back @\u200beveryone”' },
      { name: 'Speaker unclear', value: '“Fine by me”' },
    ]);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  it('renders as readable text for the console', () => {
    const text = renderText(renderBrief(article, brief, { timeZone: 'UTC' }));
    expect(text).toContain('== Night ferry *returns* to the island ==');
    expect(text).toContain('- The **late** ferry is back.');
    expect(text).toContain('Odile Ferrant, chair of the harbour board\n  “It is back @everyone”');
    expect(text).toContain('-- Article abcdef012345');
  });

  it('keeps a huge brief within every embed limit and leaves out quotes too long for a field', () => {
    const huge: Brief = {
      headline: 'x',
      bullets: Array.from({ length: 6 }, (_, i) => ({ start: 0, end: 1, text: `Sentence ${i} ${'word '.repeat(300)}`, sentenceIndex: i })),
      keyQuotes: [
        ...Array.from({ length: 30 }, (_, i) => quote(`Quote ${i} ${'said '.repeat(150)}`, `Speaker ${i} ${'name '.repeat(80)}`)),
        quote('long '.repeat(400), 'Windy Talker'),
      ],
    };
    const embed = renderBrief({ ...article, title: 'Headline '.repeat(60) }, huge, { timeZone: 'UTC' }).embeds?.[0];
    expect(embed).toBeDefined();
    if (embed === undefined) return;
    expect(embed.title?.length).toBeLessThanOrEqual(EMBED_TITLE_LIMIT);
    expect(embed.description?.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_LIMIT);
    expect(embed.fields?.length).toBeLessThanOrEqual(EMBED_FIELD_LIMIT);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_LIMIT);
    expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
    expect(embed.description).toMatch(/… \(cut\)$/);
    expect(embed.fields?.some((field) => field.name === 'Windy Talker')).toBe(false);
    expect(embed.footer?.text).toMatch(/^Article abcdef012345 · 1 long quote in \/quotes · \d+ more not shown/);
  });

  it('carries All quotes and Open article buttons, each only when it has something to show', () => {
    const labels = (reply: ReturnType<typeof renderBrief>): (string | undefined)[] =>
      reply.components?.flatMap((row) => row.components.map((button) => ('label' in button ? button.label : undefined))) ?? [];
    expect(labels(renderBrief(article, brief, { timeZone: 'UTC' }))).toEqual(['All quotes', 'Open article']);
    expect(labels(renderBrief({ ...article, url: null }, { ...brief, keyQuotes: [] }, { timeZone: 'UTC' }))).toEqual([]);
    expect(renderBrief(article, brief, { timeZone: 'UTC' }).components?.[0]?.components[0]).toMatchObject({ custom_id: 'quotes:abcdef012345' });
  });

  it('says in the footer when the page was fetched for this brief', () => {
    expect(renderBrief(article, brief, { timeZone: 'UTC', isFetched: true }).embeds?.[0]?.footer?.text).toBe('Article abcdef012345 · Fetched just now');
  });
});

describe('renderStoryBrief', () => {
  const sources = Array.from({ length: 40 }, (_, i) => ({
    articleId: `a${String(i).padStart(11, '0')}`,
    title: `${'Very long headline about the harbour '.repeat(8)}${i}`,
    outlet: i % 2 === 0 ? `Outlet ${i} [with brackets] (and parentheses)` : null,
    url: `https://news.example/${i}/(story)`,
    publishedAt: new Date(Date.UTC(2026, 10, 24, 8, i)),
  }));
  const sourced = (text: string, index: number) => ({ start: 0, end: text.length, text, sentenceIndex: index, articleId: sources[index]?.articleId ?? '' });
  const story = { id: 'story-1', headline: 'h', firstSeenAt: '2026-11-24T08:00:00.000Z', lastSeenAt: '2026-11-24T08:39:00.000Z', articleCount: 40, outlets: sources.flatMap((s) => (s.outlet === null ? [] : [s.outlet])) };
  const huge: StoryBrief = {
    headline: `**${'Headline '.repeat(60)}**`,
    headlineArticleId: sources[0]?.articleId ?? '',
    bullets: Array.from({ length: 5 }, (_, i) => sourced(`Bullet ${i} ${'with many words in it '.repeat(40)}`, i)),
    whatsNew: sourced(`New: ${'something else happened '.repeat(40)}`, 1),
    quotes: Array.from({ length: 5 }, (_, i) => ({ ...quote(`Quote ${i} ${'said at length '.repeat(i === 4 ? 200 : 50)}`, `Speaker ${i}`), articleId: sources[i]?.articleId ?? '' })),
    sources,
  };

  it('keeps a story of many long sources within every embed limit and counts the sources it leaves out', () => {
    const embed = renderStoryBrief(story, huge, { timeZone: 'UTC' }).embeds?.[0];
    expect(embed).toBeDefined();
    expect(embed?.title?.length).toBeLessThanOrEqual(EMBED_TITLE_LIMIT);
    expect(embed?.description?.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_LIMIT);
    expect(embed?.fields?.length).toBeLessThanOrEqual(EMBED_FIELD_LIMIT);
    for (const field of embed?.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_LIMIT);
    expect(embedLength(embed ?? {})).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
    const listed = embed?.fields?.find((field) => field.name === 'Sources')?.value ?? '';
    expect(listed).toContain('%28story%29');
    expect(listed).toContain('\\[with brackets\\]');
    const lines = listed.split('\n');
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.at(-1)).toBe(`+${40 - (lines.length - 1)} more`);
  });
});
