import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../../src/errors.js';
import { looksLikeFeed, parseFeedDocument } from '../../../src/services/ingest/feed.js';
import type { CpuBudget } from '../../../src/services/ingest/html-limits.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');

describe('parseFeedDocument', () => {
  it('reads an RSS 2.0 feed with full content, creators and categories', () => {
    const feed = parseFeedDocument(fixture('good.rss.xml'), { feedUrl: 'https://courier.example/feed.xml' });
    expect(feed.format).toBe('rss');
    expect(feed.problems).toEqual([]);
    expect(feed.articles).toHaveLength(2);
    expect(feed.articles[0]).toMatchObject({
      url: 'https://courier.example/2025/06/school-calendar',
      title: 'School board delays vote on new calendar',
      authors: ['Ravi Patel'],
      outlet: 'Valley Courier',
      section: 'Education',
      publishedAt: '2025-06-10T21:45:00.000Z',
      language: 'en-us',
      text: 'The county school board postponed its vote on a four-day week until July.\n\n"We need more time to hear from parents," said board chair Linda Moreau.',
    });
    expect(feed.articles[1]).toMatchObject({
      url: 'https://courier.example/2025/06/farmers-market',
      text: 'The Saturday market will run from the riverside park from next week.\n\nStall holders said the new site has more shade.',
    });
  });

  it('reports the items left once the CPU budget is spent, keeping those read before', () => {
    let checks = 0;
    const budget: CpuBudget = {
      limitMs: 50,
      isSpent: () => (checks += 1) > 1,
      check: () => undefined,
    };
    const feed = parseFeedDocument(fixture('good.rss.xml'), { feedUrl: 'https://courier.example/feed.xml', budget });
    expect(feed.articles.map((article) => article.title)).toEqual(['School board delays vote on new calendar']);
    expect(feed.problems).toEqual([
      { where: 'item 2', title: null, link: 'https://courier.example/2025/06/farmers-market', reason: 'not read: the feed had used up its 50 ms of CPU time' },
    ]);
  });

  it('reads an Atom feed, with HTML titles turned into text', () => {
    const feed = parseFeedDocument(fixture('good.atom.xml'));
    expect(feed.format).toBe('atom');
    expect(feed.articles).toEqual([
      expect.objectContaining({
        url: 'https://wire.example/rail-strike',
        title: 'Rail strike called off after talks',
        authors: ['Sofia Marin', 'Ken Ito'],
        outlet: 'Northern Wire',
        section: 'Business',
        publishedAt: '2025-06-12T08:15:00.000Z',
        text: 'The rail union called off next week\'s strike after overnight talks.\n\n"This is a fair deal," the union\'s general secretary said.',
      }),
    ]);
  });

  it('reads a JSON Feed, keeping the paragraphs of content_text', () => {
    const feed = parseFeedDocument(fixture('good.feed.json'));
    expect(feed.format).toBe('json');
    expect(feed.articles.map((article) => article.title)).toEqual(['Storm warning issued for the coast', 'Pier repairs finish early']);
    expect(feed.articles[0]).toMatchObject({
      authors: ['Dana Wells'],
      section: 'Weather',
      tags: ['Weather', 'Coast'],
      publishedAt: '2025-06-13T14:00:00.000Z',
      text: 'Forecasters issued an amber warning for high winds on Thursday.\n\nResidents were told to secure loose objects.',
    });
  });

  it('lets the registered feed set outlet and section', () => {
    const feed = parseFeedDocument(fixture('good.rss.xml'), { outlet: 'The Courier', section: 'Local' });
    expect(feed.articles.every((article) => article.outlet === 'The Courier' && article.section === 'Local')).toBe(true);
  });

  it('reports a broken item and keeps the others', () => {
    const feed = parseFeedDocument(fixture('one-bad-item.rss.xml'));
    expect(feed.articles.map((article) => article.url)).toEqual([
      'https://harbor.example/ferry-summer',
      'https://harbor.example/fish-prices',
    ]);
    expect(feed.problems).toEqual([
      {
        where: 'item 2',
        title: 'Broken item without any text',
        link: 'https://harbor.example/broken',
        reason: expect.stringContaining('article text is empty'),
      },
    ]);
  });

  it('rejects an item whose link is not http(s)', () => {
    const rss = `<rss version="2.0"><channel><title>X</title><link>https://x.example/</link><description>d</description>
      <item><title>Bad link</title><link>javascript:alert(1)</link><description>Text.</description></item></channel></rss>`;
    const feed = parseFeedDocument(rss);
    expect(feed.articles).toEqual([]);
    expect(feed.problems[0]?.reason).toMatch(/^url:/);
  });

  it.each([
    ['malformed XML', fixture('malformed.xml')],
    ['an HTML page', '<!doctype html><html><body><p>Hello</p></body></html>'],
    ['plain text', 'this is not a feed'],
  ])('throws malformed_feed for %s', (_name, body) => {
    let caught: unknown;
    try {
      parseFeedDocument(body, { feedUrl: 'https://x.example/feed' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IngestError);
    expect((caught as IngestError).code).toBe('malformed_feed');
    expect((caught as IngestError).message).toContain('https://x.example/feed');
  });
});

describe('looksLikeFeed', () => {
  it('tells feeds from pages', () => {
    expect(looksLikeFeed(fixture('good.rss.xml'))).toBe(true);
    expect(looksLikeFeed(fixture('good.atom.xml'))).toBe(true);
    expect(looksLikeFeed(fixture('good.feed.json'))).toBe(true);
    expect(looksLikeFeed(fixture('article-page.html'))).toBe(false);
  });
});
