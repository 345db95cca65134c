import { describe, expect, it } from 'vitest';
import { contentWords } from '../../../src/services/briefing/rank.js';
import { buildStoryBrief, type StoryArticle } from '../../../src/services/stories/story-brief.js';

// Three invented reports of one invented event, the second and third repeating a wire sentence of the first.
const WIRE = 'The Kestrel Bridge was closed to all traffic on Monday after engineers found cracks in its main span.';
const ARTICLES: StoryArticle[] = [
  {
    id: 'a1',
    title: 'Kestrel Bridge closed after cracks found',
    url: 'https://example.org/a1',
    outlet: 'Harbour Gazette',
    publishedAt: new Date('2026-11-02T08:00:00Z'),
    text: [
      WIRE,
      'About 40,000 vehicles cross the bridge each day, according to the city transport office.',
      '"We will not reopen the bridge until we are certain it is safe," said Mayor Ilse Varga.',
      'Buses are being diverted through the old harbour tunnel, adding twenty minutes to most journeys.',
      'The bridge opened in 1968 and was last inspected two years ago.',
    ].join('\n\n'),
  },
  {
    id: 'a2',
    title: 'Commuters face long delays as Kestrel Bridge shuts',
    url: 'https://example.org/a2',
    outlet: 'Metro Wire',
    publishedAt: new Date('2026-11-02T11:30:00Z'),
    text: [
      WIRE,
      'Queues stretched for three kilometres on the coast road by mid-morning as drivers looked for another way across.',
      '"The cracks are serious, but they were caught early," said Tomas Brandt, the engineer who led the inspection.',
      'Mayor Ilse Varga said the bridge would stay shut.',
      '"We will not reopen the bridge until we are certain it is safe," Varga said.',
      'Ferry operators added extra crossings for foot passengers.',
    ].join('\n\n'),
  },
  {
    id: 'a3',
    title: 'Kestrel Bridge to stay shut for at least six weeks',
    url: 'https://example.org/a3',
    outlet: 'Coast Herald',
    publishedAt: new Date('2026-11-03T07:15:00Z'),
    text: [
      'Repairs to the Kestrel Bridge will take at least six weeks, the city council announced on Tuesday.',
      WIRE,
      'The council has set aside 12 million euros for steel supports beneath the main span.',
      '"Six weeks is the honest estimate, and we will publish every inspection report," said council leader Petra Holm.',
      '"The cracks are serious, but they were caught early," said Tomas Brandt.',
    ].join('\n\n'),
  },
];

const byId = new Map(ARTICLES.map((a) => [a.id, a]));

describe('buildStoryBrief', () => {
  const brief = buildStoryBrief(ARTICLES);

  it('takes the headline of the freshest article', () => {
    expect(brief.headline).toBe('Kestrel Bridge to stay shut for at least six weeks');
    expect(brief.headlineArticleId).toBe('a3');
  });

  it('returns every bullet and quote as a verbatim span of the article it names', () => {
    expect(brief.bullets.length).toBeGreaterThanOrEqual(3);
    expect(brief.bullets.length).toBeLessThanOrEqual(5);
    for (const bullet of [...brief.bullets, ...(brief.whatsNew === null ? [] : [brief.whatsNew])]) {
      expect(byId.get(bullet.articleId)?.text.slice(bullet.start, bullet.end)).toBe(bullet.text);
    }
    for (const quote of brief.quotes) {
      for (const part of quote.parts) expect(byId.get(quote.articleId)?.text.slice(part.start, part.end)).toBeTruthy();
      expect(byId.get(quote.articleId)?.text.slice(quote.start, quote.end)).toContain(quote.text.split(' … ')[0]);
    }
  });

  it('draws bullets from more than one source and never repeats the shared wire sentence', () => {
    expect(new Set(brief.bullets.map((b) => b.articleId)).size).toBeGreaterThan(1);
    expect(brief.bullets.filter((b) => b.text.includes('found cracks in its main span')).length).toBeLessThanOrEqual(1);
  });

  it('has no two bullets that share most of their words', () => {
    const words = brief.bullets.map((b) => new Set(contentWords(b.text)));
    for (let i = 0; i < words.length; i += 1) {
      for (let j = i + 1; j < words.length; j += 1) {
        const a = words[i] as Set<string>;
        const b = words[j] as Set<string>;
        const shared = [...a].filter((w) => b.has(w)).length;
        expect(shared / Math.min(a.size, b.size)).toBeLessThan(0.6);
      }
    }
  });

  it('says what the latest article adds that the earlier ones do not', () => {
    expect(brief.whatsNew?.articleId).toBe('a3');
    expect(brief.whatsNew?.text).not.toContain('found cracks');
    expect(brief.bullets.map((b) => b.text)).not.toContain(brief.whatsNew?.text);
  });

  it('gives key quotes from different speakers, each quote once', () => {
    const speakers = brief.quotes.map((q) => q.speaker);
    expect(speakers.length).toBeGreaterThanOrEqual(2);
    expect(speakers).not.toContain(null);
    expect(new Set(speakers).size).toBe(speakers.length);
    expect(speakers.filter((s) => s?.includes('Brandt'))).toHaveLength(1);
  });

  it('lists every source with its link and time, freshest first', () => {
    expect(brief.sources.map((s) => s.articleId)).toEqual(['a3', 'a2', 'a1']);
    expect(brief.sources[2]).toEqual({ articleId: 'a1', title: 'Kestrel Bridge closed after cracks found', outlet: 'Harbour Gazette', url: 'https://example.org/a1', publishedAt: new Date('2026-11-02T08:00:00Z') });
  });

  it('has nothing new to say for a story of one article', () => {
    const single = buildStoryBrief([ARTICLES[0] as StoryArticle]);
    expect(single.whatsNew).toBeNull();
    expect(single.headlineArticleId).toBe('a1');
  });
});

describe('buildStoryBrief on a widely covered story', () => {
  it('reads the freshest articles and lists every source', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...(ARTICLES[i % 3] as StoryArticle), id: `m${i}`, publishedAt: new Date(Date.UTC(2026, 10, 2, i)) }));
    const brief = buildStoryBrief(many);
    expect(brief.sources).toHaveLength(12);
    expect(brief.headlineArticleId).toBe('m11');
    const read = new Set(many.slice(4).map((a) => a.id));
    for (const item of [...brief.bullets, ...brief.quotes]) expect(read.has(item.articleId)).toBe(true);
  });
});

describe('buildStoryBrief on long articles', () => {
  it('reads each article to the end of its lead, with offsets into the whole text', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} adds routine detail about the inspection schedule of the harbour district.`);
    const long = ARTICLES.map((a) => ({ ...a, text: `${a.text}\n\n${filler.join('\n\n')}\n\nA closing line says "We are done," said Jonas Pell.` }));
    const brief = buildStoryBrief(long);
    for (const bullet of brief.bullets) {
      expect(long.find((a) => a.id === bullet.articleId)?.text.slice(bullet.start, bullet.end)).toBe(bullet.text);
      expect(bullet.end).toBeLessThan(3_000);
    }
    expect(brief.quotes.map((q) => q.speaker)).not.toContain('Jonas Pell');
  });
});
