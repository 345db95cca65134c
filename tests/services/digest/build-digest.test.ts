import { describe, expect, it } from 'vitest';
import { buildDigest, isEmptyDigest } from '../../../src/services/digest/build-digest.js';
import { makeArticle, titleLines } from './digest-test-kit.js';

const window = { from: '2026-06-14T07:00:00.000Z', to: '2026-06-15T07:00:00.000Z' };

describe('buildDigest', () => {
  const articles = [
    makeArticle({ title: 'Old world', section: 'World', publishedAt: '2026-06-14T08:00:00.000Z' }),
    makeArticle({ title: 'New sport', section: 'Sport', publishedAt: '2026-06-15T06:00:00.000Z' }),
    makeArticle({ title: 'No section', section: null, publishedAt: '2026-06-15T06:30:00.000Z' }),
    makeArticle({ title: 'New world', section: 'World', publishedAt: '2026-06-15T05:00:00.000Z' }),
  ];

  it('groups by section, sections by their newest story, stories newest first, section-less last', () => {
    const digest = buildDigest({ localDate: '2026-06-15', timezone: 'UTC', window, articles, maxStories: 10, lines: titleLines });
    expect(digest.sections.map((section) => section.name)).toEqual(['Sport', 'World', null]);
    expect(digest.sections[1]?.stories.map((story) => story.title)).toEqual(['New world', 'Old world']);
    expect(digest.shown).toBe(4);
    expect(digest.more).toBe(0);
  });

  it('keeps the newest stories up to the maximum and counts the rest', () => {
    const digest = buildDigest({ localDate: '2026-06-15', timezone: 'UTC', window, articles, maxStories: 2, lines: titleLines });
    expect(digest.sections.flatMap((section) => section.stories.map((story) => story.title))).toEqual(['New sport', 'No section']);
    expect(digest.shown).toBe(2);
    expect(digest.more).toBe(2);
  });

  it('carries each story\'s lines from the liner', () => {
    const digest = buildDigest({
      localDate: '2026-06-15',
      timezone: 'UTC',
      window,
      articles: articles.slice(0, 1),
      maxStories: 5,
      lines: () => ({ summary: 'One line.', quote: { text: 'We will.', speaker: 'Ana Lopez' } }),
    });
    expect(digest.sections[0]?.stories[0]).toMatchObject({ summary: 'One line.', quote: { text: 'We will.', speaker: 'Ana Lopez' } });
  });

  it('is empty without articles', () => {
    const digest = buildDigest({ localDate: '2026-06-15', timezone: 'UTC', window, articles: [], maxStories: 5, lines: titleLines });
    expect(isEmptyDigest(digest)).toBe(true);
    expect(digest.sections).toEqual([]);
  });

  describe('by story', () => {
    const fire = [
      makeArticle({ title: 'Fire at the glassworks', outlet: 'Valley Courier', section: 'Local', publishedAt: '2026-06-14T09:00:00.000Z' }),
      makeArticle({ title: 'Glassworks fire: homes evacuated', outlet: 'Millbrook Echo', section: 'Local', publishedAt: '2026-06-14T11:00:00.000Z' }),
      makeArticle({ title: 'Glassworks fire put out', outlet: 'Valley Courier', section: 'Local', publishedAt: '2026-06-14T15:00:00.000Z' }),
    ];
    const choir = makeArticle({ title: 'Choir wins contest', outlet: 'Valley Courier', section: 'Local', publishedAt: '2026-06-14T12:00:00.000Z' });
    const storyOf = new Map(fire.map((article) => [article.id, 'story-fire']));

    it('gives one entry per story: the freshest headline, its outlets counted, stories ordered by their freshest article', () => {
      const digest = buildDigest({ localDate: '2026-06-15', timezone: 'UTC', window, articles: [...fire, choir], storyOf, maxStories: 10, lines: titleLines });
      expect(digest.shown).toBe(2);
      expect(digest.sections[0]?.stories.map((story) => [story.title, story.articleCount, story.outlets])).toEqual([
        ['Glassworks fire put out', 3, ['Millbrook Echo', 'Valley Courier']],
        ['Choir wins contest', 1, ['Valley Courier']],
      ]);
    });

    it('counts stories, not articles, against the maximum', () => {
      const digest = buildDigest({ localDate: '2026-06-15', timezone: 'UTC', window, articles: [...fire, choir], storyOf, maxStories: 1, lines: titleLines });
      expect(digest.shown).toBe(1);
      expect(digest.more).toBe(1);
    });

    it("takes the strongest quote from the story's next freshest article when the freshest has none", () => {
      const digest = buildDigest({
        localDate: '2026-06-15',
        timezone: 'UTC',
        window,
        articles: fire,
        storyOf,
        maxStories: 5,
        lines: (article) => ({
          summary: article.title,
          quote: article.title === 'Glassworks fire: homes evacuated' ? { text: 'We got out in time.', speaker: 'Petra Haldane' } : null,
        }),
      });
      expect(digest.sections[0]?.stories[0]).toMatchObject({ summary: 'Glassworks fire put out', quote: { text: 'We got out in time.', speaker: 'Petra Haldane' } });
    });
  });
});
