import { describe, expect, it } from 'vitest';
import { embedLength, messageEmbedsLength } from '../../src/render/embed.js';
import { renderDigest, renderDigestMessages, renderDigestText } from '../../src/render/digest.js';
import { EMBED_DESCRIPTION_LIMIT, EMBED_TITLE_LIMIT, EMBED_TOTAL_LIMIT, EMBEDS_PER_MESSAGE, MESSAGE_CONTENT_LIMIT } from '../../src/render/limits.js';
import { buildDigest, type DigestLiner } from '../../src/services/digest/build-digest.js';
import { makeArticle } from '../services/digest/digest-test-kit.js';

const window = { from: '2026-06-14T07:00:00.000Z', to: '2026-06-15T07:00:00.000Z' };
const words = (count: number, word: string): string => Array.from({ length: count }, () => word).join(' ');

const loudLines: DigestLiner = (article) => ({
  summary: `Summary of ${article.id} ${words(10, 'council')} @everyone *bold*`,
  quote: { text: `We said [this](https://evil.example) to <@&123> ${words(20, 'harbour')}`, speaker: 'Ana Lopez' },
});

function busyDigest(count: number, maxStories: number) {
  const articles = Array.from({ length: count }, (_, index) =>
    makeArticle({
      title: `Story ${index} ${words(12, 'headline')} [bracket] (paren)`,
      section: ['World', 'City', 'Sport', null][index % 4] ?? null,
      url: `https://news.example/a_(${index})`,
      publishedAt: new Date(Date.parse('2026-06-15T06:00:00Z') - index * 60_000).toISOString(),
    }),
  );
  return buildDigest({ localDate: '2026-06-15', timezone: 'Europe/London', window, articles, maxStories, lines: loudLines });
}

/** A digest of one story whose lines are a short summary and `quote`. */
function oneStoryDigest(quote: { text: string; speaker: string | null }) {
  return buildDigest({
    localDate: '2026-06-15',
    timezone: 'UTC',
    window,
    articles: [makeArticle({ publishedAt: '2026-06-15T06:00:00.000Z' })],
    maxStories: 5,
    lines: () => ({ summary: 'Short.', quote }),
  });
}

describe('renderDigestMessages', () => {
  it('keeps every message of a busy day within Discord\'s limits and mentioning no one', () => {
    const messages = renderDigestMessages(busyDigest(60, 50));
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(message.content?.length ?? 0).toBeLessThanOrEqual(MESSAGE_CONTENT_LIMIT);
      const embeds = message.embeds ?? [];
      expect(embeds.length).toBeLessThanOrEqual(EMBEDS_PER_MESSAGE);
      expect(messageEmbedsLength(embeds)).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
      for (const embed of embeds) {
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(EMBED_TITLE_LIMIT);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_DESCRIPTION_LIMIT);
        expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
      }
    }
  });

  it('shows every chosen story and says how many more there were', () => {
    const messages = renderDigestMessages(busyDigest(60, 50));
    const descriptions = messages.flatMap((message) => message.embeds ?? []).map((embed) => embed.description ?? '').join('\n');
    for (let index = 0; index < 50; index += 1) expect(descriptions).toContain(`Story ${index} headline`);
    expect(descriptions).not.toContain('Story 50 headline');
    expect(messages[0]?.content).toBe('**Daily digest · 15 Jun 2026** · 50 of 60 stories');
    const lastEmbed = messages.at(-1)?.embeds?.at(-1);
    expect(lastEmbed?.footer?.text).toBe("+10 more not shown (this server's digest shows at most 50 stories)");
  });

  it('escapes article markdown and keeps links whole', () => {
    const [first] = renderDigestMessages(busyDigest(1, 5));
    const description = first?.embeds?.[0]?.description ?? '';
    expect(description).toContain('\\*bold\\*');
    expect(description).toContain('\\[bracket\\]');
    expect(description).toContain('(https://news.example/a_%280%29)');
    expect(description).toContain('— Ana Lopez');
  });

  it('groups stories under section titles, section-less last', () => {
    const [first] = renderDigestMessages(busyDigest(4, 10));
    expect(first?.embeds?.map((embed) => embed.title)).toEqual(['World', 'City', 'Sport', 'Other stories']);
  });

  it('leaves out a quote too long to show whole', () => {
    const digest = oneStoryDigest({ text: words(200, 'long'), speaker: 'A' });
    expect(renderDigestMessages(digest)[0]?.embeds?.[0]?.description).not.toContain('long long');
  });

  it('says the speaker is unclear, as a brief does, for a quote whose speaker is withheld', () => {
    const digest = oneStoryDigest({ text: 'The pier will open in May', speaker: null });
    expect(renderDigestMessages(digest)[0]?.embeds?.[0]?.description).toContain('“The pier will open in May” — speaker unclear');
    expect(renderDigestText(digest)).toContain('“The pier will open in May” — speaker unclear');
  });
});

describe('renderDigest', () => {
  it('is a short note on an empty day', () => {
    const empty = buildDigest({ localDate: '2026-06-15', timezone: 'UTC', window, articles: [], maxStories: 5, lines: loudLines });
    expect(renderDigest(empty, { ephemeral: true })).toEqual({
      content: '**Daily digest · 15 Jun 2026** · No new stories since the last digest.',
      allowed_mentions: { parse: [] },
      ephemeral: true,
    });
  });
});

describe('a story of several articles in the digest', () => {
  const outlets = ['Valley Courier', 'Millbrook Echo', 'Harbour Post', 'Coast Times', 'Island Wire'];
  const articles = outlets.map((outlet, index) =>
    makeArticle({ title: `Glassworks fire ${index}`, outlet, section: 'Local', publishedAt: `2026-06-14T1${index}:00:00.000Z` }),
  );
  const digest = buildDigest({
    localDate: '2026-06-15',
    timezone: 'UTC',
    window,
    articles,
    storyOf: new Map(articles.map((article) => [article.id, 'story-fire'])),
    maxStories: 5,
    lines: loudLines,
  });

  it('is one entry naming a few outlets and counting the rest and the articles', () => {
    const description = renderDigest(digest).embeds?.[0]?.description ?? '';
    expect(description.match(/Glassworks fire/g)).toHaveLength(1);
    expect(description).toContain('**[Glassworks fire 4]');
    expect(description).toContain('Coast Times, Harbour Post, Island Wire and 2 more · 5 articles · 14 Jun 14:00');
    expect(renderDigestText(digest)).toContain('* Glassworks fire 4 (Coast Times, Harbour Post, Island Wire and 2 more · 5 articles · 14 Jun 14:00)');
  });
});

describe('renderDigestText', () => {
  it('prints stories with full URLs and no markdown', () => {
    const text = renderDigestText(busyDigest(2, 5));
    expect(text).toContain('== World ==');
    expect(text).toContain('https://news.example/a_(0)');
    expect(text).not.toContain('**');
  });
});

describe('digest dates', () => {
  const digestIn = (timezone: string, follows: 'last-digest' | 'no-digest', articles = [makeArticle({ publishedAt: '2026-06-15T06:00:00.000Z' })]) =>
    buildDigest({ localDate: '2026-06-15', timezone, window: { ...window, follows }, articles, maxStories: 5, lines: loudLines });

  it('shows the window in the digest\'s own time zone', () => {
    expect(renderDigestText(digestIn('Europe/London', 'last-digest'))).toContain('Stories published 14 Jun 08:00 to 15 Jun 08:00');
    expect(renderDigestText(digestIn('America/New_York', 'last-digest'))).toContain('Stories published 14 Jun 03:00 to 15 Jun 03:00');
  });

  it('dates each story with its day as well as its time', () => {
    expect(renderDigestText(digestIn('Europe/London', 'last-digest'))).toContain(' · 15 Jun 07:00)');
    expect(renderDigestMessages(digestIn('Asia/Tokyo', 'last-digest'))[0]?.embeds?.[0]?.description).toContain(' · 15 Jun 15:00');
  });

  it('says a first digest has no digest before it rather than "since the last digest"', () => {
    const first = digestIn('UTC', 'no-digest', []);
    expect(renderDigest(first).content).toBe(
      '**Daily digest · 15 Jun 2026** · No digest was posted before this one, and no stories were published in the day before it.',
    );
    expect(renderDigestText(first)).not.toContain('since the last digest');
  });
});
