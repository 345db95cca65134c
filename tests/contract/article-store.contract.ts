import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NewArticle, type Article, type NewArticleInput } from '../../src/data/schemas.js';
import type { Store } from '../../src/data/store.js';

/** A valid article; every call without overrides gives a different URL and text so nothing dedupes by accident. */
let serial = 0;
export function makeArticle(overrides: Partial<NewArticleInput> = {}): NewArticle {
  serial += 1;
  return NewArticle.parse({
    url: `https://news.example.com/stories/${serial}`,
    title: `Harbour authority reviews ferry timetable ${serial}`,
    authors: ['Maria Lindqvist'],
    outlet: 'Example Daily',
    publishedAt: '2026-11-20T09:00:00Z',
    section: 'Local',
    tags: ['transport'],
    language: 'en',
    text: `The harbour authority met on Tuesday, item ${serial}.\n\n"We listen to passengers," said the chair.`,
    ...overrides,
  });
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The ArticleStore contract. `open` must give a new, empty store each time. */
export function describeArticleStore(backend: string, open: () => Promise<Store>): void {
  describe(`${backend}: ArticleStore`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('upsert', () => {
      it('stores an article and reads it back by id and by URL', async () => {
        const input = makeArticle({ authors: ['Ana Ruiz', 'Tom Berg'], tags: ['port', 'budget'] });
        const [result] = await store.articles.upsert([input]);
        expect(result?.outcome).toBe('inserted');
        expect(result?.id).toMatch(/^[0-9a-f]{12}$/);
        const stored = await store.articles.get(result?.id ?? '');
        expect(stored).toMatchObject({ ...input, id: result?.id });
        expect(stored?.contentHash).toMatch(/^[0-9a-f]{64}$/);
        expect(Number.isNaN(Date.parse(stored?.ingestedAt ?? ''))).toBe(false);
        expect((await store.articles.getByUrl(input.url ?? ''))?.id).toBe(result?.id);
      });

      it('keeps paragraphs of the text as written', async () => {
        const input = makeArticle({ text: 'First paragraph.\n\nSecond paragraph.\n\nThird.' });
        const [result] = await store.articles.upsert([input]);
        expect((await store.articles.get(result?.id ?? ''))?.text).toBe('First paragraph.\n\nSecond paragraph.\n\nThird.');
      });

      it('returns undefined for an unknown id or URL', async () => {
        await store.articles.upsert([makeArticle()]);
        expect(await store.articles.get('000000000000')).toBeUndefined();
        expect(await store.articles.getByUrl('https://elsewhere.example.org/none')).toBeUndefined();
        expect(await store.articles.getByUrl('not a url')).toBeUndefined();
      });

      it('dedupes by canonical URL when tracking parameters and fragment differ', async () => {
        const first = makeArticle({ url: 'https://news.example.com/port/ferry?page=2' });
        const [a] = await store.articles.upsert([first]);
        const [b] = await store.articles.upsert([
          { ...first, url: 'https://NEWS.example.com/port/ferry/?utm_source=x&page=2&fbclid=abc#comments' },
        ]);
        expect(b).toEqual({ id: a?.id, outcome: 'unchanged' });
        expect(await store.articles.count()).toBe(1);
        expect((await store.articles.getByUrl('https://news.example.com/port/ferry?page=2&utm_medium=mail'))?.id).toBe(a?.id);
      });

      it('updates a re-ingested article in place, keeping its id', async () => {
        const first = makeArticle();
        const [a] = await store.articles.upsert([first]);
        const [b] = await store.articles.upsert([{ ...first, title: 'Harbour authority drops ferry cuts', section: 'Politics' }]);
        expect(b).toEqual({ id: a?.id, outcome: 'updated' });
        expect(await store.articles.count()).toBe(1);
        const stored = await store.articles.get(a?.id ?? '');
        expect(stored?.title).toBe('Harbour authority drops ferry cuts');
        expect(stored?.section).toBe('Politics');
        expect((await store.articles.search('drops'))[0]?.id).toBe(a?.id);
        expect(await store.articles.search('timetable')).toEqual([]);
      });

      it('dedupes by content hash when there is no URL', async () => {
        const first = makeArticle({ url: null, title: 'Library Hours Extended', text: 'The city library will open late.' });
        const [a] = await store.articles.upsert([first]);
        const [b] = await store.articles.upsert([
          { ...first, title: 'library hours  extended', text: '  The city   library will open late. ' },
        ]);
        expect(b?.id).toBe(a?.id);
        expect(b?.outcome).not.toBe('inserted');
        expect(await store.articles.count()).toBe(1);
      });

      it('gives a URL-less article its URL when the same story arrives with one', async () => {
        const first = makeArticle({ url: null });
        const [a] = await store.articles.upsert([first]);
        const [b] = await store.articles.upsert([{ ...first, url: 'https://news.example.com/found-it' }]);
        expect(b).toEqual({ id: a?.id, outcome: 'updated' });
        expect(await store.articles.count()).toBe(1);
        expect((await store.articles.getByUrl('https://news.example.com/found-it'))?.id).toBe(a?.id);
      });

      it('reports each result in input order, deduping inside one batch', async () => {
        const one = makeArticle();
        const two = makeArticle();
        const results = await store.articles.upsert([one, two, { ...one, url: `${one.url ?? ''}?utm_campaign=z` }]);
        expect(results.map((r) => r.outcome)).toEqual(['inserted', 'inserted', 'unchanged']);
        expect(results[2]?.id).toBe(results[0]?.id);
        expect(results[1]?.id).not.toBe(results[0]?.id);
        expect(await store.articles.count()).toBe(2);
        expect(await store.articles.upsert([])).toEqual([]);
      });
    });

    describe('search', () => {
      it('matches the last word as a prefix only when asked', async () => {
        const [a] = await store.articles.upsert([makeArticle({ title: 'Talks resume', text: 'The envoy Oskar Vellamaa spoke.' })]);
        expect(await store.articles.search('envoy vella')).toEqual([]);
        expect((await store.articles.search('envoy vella', { prefix: true })).map((hit) => hit.id)).toEqual([a?.id]);
        expect(await store.articles.search('vella envoy', { prefix: true })).toEqual([]);
      });

      it('ranks a title match above a passing mention in the text', async () => {
        const [mention] = await store.articles.upsert([
          makeArticle({
            title: 'Council meets on Thursday',
            text: 'Several items were discussed, among them the budget and a new playground.',
            publishedAt: '2026-11-22T09:00:00Z',
          }),
        ]);
        const [titled] = await store.articles.upsert([
          makeArticle({
            title: 'Budget vote delayed',
            text: 'The vote was delayed by a week after a long debate.',
            publishedAt: '2026-11-01T09:00:00Z',
          }),
        ]);
        await store.articles.upsert([makeArticle({ title: 'Ferry strike ends', text: 'Crews returned to work.' })]);
        const hits = await store.articles.search('budget');
        expect(hits.map((hit) => hit.id)).toEqual([titled?.id, mention?.id]);
        expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Number.POSITIVE_INFINITY);
        expect(hits[0]).toMatchObject({ title: 'Budget vote delayed', publishedAt: '2026-11-01T09:00:00Z' });
        expect(typeof hits[0]?.snippet).toBe('string');
      });

      it('breaks equal relevance by recency, newest first', async () => {
        const text = (day: string) => `The mayor opened the new bridge on ${day}.`;
        const [newer] = await store.articles.upsert([
          makeArticle({ title: 'Bridge opens', text: text('Monday'), publishedAt: '2026-11-23T09:00:00Z' }),
        ]);
        const [older] = await store.articles.upsert([
          makeArticle({ title: 'Bridge opens', text: text('Sunday'), publishedAt: '2026-11-02T09:00:00Z' }),
        ]);
        const hits = await store.articles.search('bridge');
        expect(hits.map((hit) => hit.id)).toEqual([newer?.id, older?.id]);
      });

      it('matches word forms and ignores case and diacritics', async () => {
        const [a] = await store.articles.upsert([
          makeArticle({ title: 'Café owners protest', text: 'Elections were held in the district.' }),
        ]);
        expect((await store.articles.search('CAFE')).map((hit) => hit.id)).toEqual([a?.id]);
        expect((await store.articles.search('election')).map((hit) => hit.id)).toEqual([a?.id]);
      });

      it('requires every searchable word', async () => {
        const [both] = await store.articles.upsert([makeArticle({ title: 'Tram and ferry fares rise', text: 'Fares rise.' })]);
        await store.articles.upsert([makeArticle({ title: 'Tram line closes', text: 'Works begin.' })]);
        expect((await store.articles.search('tram ferry')).map((hit) => hit.id)).toEqual([both?.id]);
      });

      it('filters by outlet, section and publication date range', async () => {
        const [a] = await store.articles.upsert([
          makeArticle({ title: 'Port strike', outlet: 'Harbour Post', section: 'Business', publishedAt: '2026-11-10T08:00:00Z' }),
        ]);
        const [b] = await store.articles.upsert([
          makeArticle({ title: 'Port strike talks', outlet: 'City Wire', section: 'Politics', publishedAt: '2026-11-12T08:00:00Z' }),
        ]);
        const [c] = await store.articles.upsert([
          makeArticle({ title: 'Port strike ends', outlet: 'City Wire', section: 'Business', publishedAt: '2026-11-14T08:00:00Z' }),
        ]);
        const ids = async (options: Parameters<Store['articles']['search']>[1]) =>
          (await store.articles.search('port strike', options)).map((hit) => hit.id).sort();
        expect(await ids({ outlet: 'City Wire' })).toEqual([b?.id, c?.id].sort());
        expect(await ids({ section: 'Business' })).toEqual([a?.id, c?.id].sort());
        expect(await ids({ outlet: 'City Wire', section: 'Business' })).toEqual([c?.id]);
        expect(await ids({ from: '2026-11-12T08:00:00Z' })).toEqual([b?.id, c?.id].sort());
        expect(await ids({ to: '2026-11-12T08:00:00Z' })).toEqual([a?.id]);
        expect(await ids({ from: '2026-11-11T00:00:00+01:00', to: '2026-11-13T00:00:00-05:00' })).toEqual([b?.id]);
        expect(await ids({ outlet: 'Nobody Times' })).toEqual([]);
      });

      it('honours the limit', async () => {
        await store.articles.upsert([1, 2, 3, 4, 5].map(() => makeArticle({ title: 'Snow closes schools' })));
        expect(await store.articles.search('snow', { limit: 3 })).toHaveLength(3);
        expect(await store.articles.search('snow')).toHaveLength(5);
      });

      it('never throws on query syntax and returns [] for queries without searchable words', async () => {
        const [a] = await store.articles.upsert([makeArticle({ title: 'Budget approved', text: 'The council approved it.' })]);
        const hostile = ['"', 'AND(', '*', '-', 'budget"', '"budget', 'NEAR(budget', 'title:budget', 'budget*', '-budget',
          '(budget OR', '^budget', 'budget AND', '{title}: x', "o'brien", 'budget\u0000', '💥 budget', '+-*/'];
        for (const query of hostile) {
          const hits = await store.articles.search(query);
          expect(Array.isArray(hits), query).toBe(true);
        }
        expect((await store.articles.search('budget*')).map((hit) => hit.id)).toEqual([a?.id]);
        expect((await store.articles.search('title:budget')).map((hit) => hit.id)).toEqual([]);
        for (const empty of ['', '   ', '"', 'AND(', '*', '-', '"the" and', 'of the', '?!...']) {
          expect(await store.articles.search(empty), empty).toEqual([]);
        }
      });
    });

    describe('listPublished', () => {
      it('lists articles by instant across offsets, newest first, in [from, to)', async () => {
        // 2026-11-25T04:30Z, 2026-11-24T23:00Z, 2026-11-25T01:00Z, 2026-11-25T02:00Z, 2026-11-26T00:00Z
        const [late] = await store.articles.upsert([makeArticle({ publishedAt: '2026-11-24T23:30:00-05:00' })]);
        const [plusTwo] = await store.articles.upsert([makeArticle({ publishedAt: '2026-11-25T01:00:00+02:00' })]);
        const [tokyo] = await store.articles.upsert([makeArticle({ publishedAt: '2026-11-25T10:00:00+09:00' })]);
        const [utc] = await store.articles.upsert([makeArticle({ publishedAt: '2026-11-25T02:00:00Z' })]);
        await store.articles.upsert([makeArticle({ publishedAt: '2026-11-26T00:00:00Z' })]);
        await store.articles.upsert([makeArticle({ publishedAt: null })]);
        const day = await store.articles.listPublished({ from: '2026-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z' });
        expect(day.map((article) => article.id)).toEqual([late?.id, utc?.id, tokyo?.id]);
        const localDay = await store.articles.listPublished({ from: '2026-11-25T00:00:00+09:00', to: '2026-11-26T00:00:00+09:00' });
        expect(localDay.map((article) => article.id)).toEqual([late?.id, utc?.id, tokyo?.id, plusTwo?.id]);
      });

      it('filters by sections and honours the limit', async () => {
        const [a] = await store.articles.upsert([makeArticle({ section: 'Sport', publishedAt: '2026-11-25T08:00:00Z' })]);
        const [b] = await store.articles.upsert([makeArticle({ section: 'Culture', publishedAt: '2026-11-25T09:00:00Z' })]);
        await store.articles.upsert([makeArticle({ section: 'Business', publishedAt: '2026-11-25T10:00:00Z' })]);
        const range = { from: '2026-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z' };
        const some = await store.articles.listPublished({ ...range, sections: ['Sport', 'Culture'] });
        expect(some.map((article) => article.id)).toEqual([b?.id, a?.id]);
        expect(await store.articles.listPublished({ ...range, sections: [] })).toHaveLength(3);
        expect(await store.articles.listPublished({ ...range, limit: 2 })).toHaveLength(2);
        expect(some[0]?.text).toContain('harbour authority');
      });

      it('with ingestedBy, leaves out articles ingested after that instant before applying the limit', async () => {
        // Imported, so the ingested times are set exactly; the articles ingested late are also the newest published.
        const stored = (n: number, publishedAt: string, ingestedAt: string): Article => ({
          ...makeArticle({ publishedAt }),
          id: n.toString(16).padStart(12, '0'),
          contentHash: n.toString(16).padStart(64, '0'),
          ingestedAt,
        });
        const early = stored(1, '2026-11-25T06:00:00Z', '2026-11-25T06:30:00Z');
        const atBound = stored(2, '2026-11-25T06:45:00Z', '2026-11-25T07:00:00.000Z');
        const lateOne = stored(3, '2026-11-25T06:50:00Z', '2026-11-25T07:00:00.001Z');
        const lateTwo = stored(4, '2026-11-25T06:55:00Z', '2026-11-25T09:40:00+02:00');
        await store.articles.importArticles([early, atBound, lateOne, lateTwo]);
        const range = { from: '2026-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z', limit: 2 };
        const bounded = await store.articles.listPublished({ ...range, ingestedBy: '2026-11-25T09:00:00+02:00' });
        expect(bounded.map((article) => article.id)).toEqual([atBound.id, early.id]);
        const unbounded = await store.articles.listPublished(range);
        expect(unbounded.map((article) => article.id)).toEqual([lateTwo.id, lateOne.id]);
      });
    });

    describe('autocomplete', () => {
      it('finds titles by the prefix of a word', async () => {
        const [a] = await store.articles.upsert([makeArticle({ title: 'Budget talks collapse' })]);
        await store.articles.upsert([makeArticle({ title: 'Ferry timetable changes' })]);
        expect((await store.articles.autocomplete('bud', 10)).map((s) => s.id)).toEqual([a?.id]);
        expect((await store.articles.autocomplete('Colla', 10)).map((s) => s.id)).toEqual([a?.id]);
        expect(await store.articles.autocomplete('zzq', 10)).toEqual([]);
      });

      it('matches several typed words, the last as a prefix', async () => {
        const [a] = await store.articles.upsert([makeArticle({ title: 'City budget talks collapse' })]);
        await store.articles.upsert([makeArticle({ title: 'City ferry timetable' })]);
        await store.articles.upsert([makeArticle({ title: 'Budget for schools' })]);
        expect((await store.articles.autocomplete('city bud', 10)).map((s) => s.id)).toEqual([a?.id]);
        expect((await store.articles.autocomplete('budget talks col', 10)).map((s) => s.id)).toEqual([a?.id]);
      });

      it('lists matches newest first, at most limit', async () => {
        const [old] = await store.articles.upsert([makeArticle({ title: 'Storm warning', publishedAt: '2026-11-01T09:00:00Z' })]);
        const [mid] = await store.articles.upsert([makeArticle({ title: 'Storm damage', publishedAt: '2026-11-10T09:00:00Z' })]);
        const [neu] = await store.articles.upsert([makeArticle({ title: 'Storm clean-up', publishedAt: '2026-11-20T09:00:00Z' })]);
        expect((await store.articles.autocomplete('sto', 10)).map((s) => s.id)).toEqual([neu?.id, mid?.id, old?.id]);
        expect((await store.articles.autocomplete('storm', 2)).map((s) => s.id)).toEqual([neu?.id, mid?.id]);
      });

      it('gives the newest articles for empty input', async () => {
        const [old] = await store.articles.upsert([makeArticle({ publishedAt: '2026-10-01T09:00:00Z' })]);
        const [neu] = await store.articles.upsert([makeArticle({ publishedAt: '2026-11-20T09:00:00Z' })]);
        const [mid] = await store.articles.upsert([makeArticle({ publishedAt: '2026-11-01T09:00:00+05:00' })]);
        const newest = await store.articles.autocomplete('', 2);
        expect(newest.map((s) => s.id)).toEqual([neu?.id, mid?.id]);
        expect((await store.articles.autocomplete('  ', 5)).map((s) => s.id)).toEqual([neu?.id, mid?.id, old?.id]);
        expect(newest[0]).toMatchObject({ title: expect.any(String), url: expect.any(String) });
      });

      it('falls back to the text, the last typed word as a prefix, when no title matches', async () => {
        const [quoted] = await store.articles.upsert([
          makeArticle({ title: 'Ministers meet in Tallinn', text: 'The envoy Oskar Vellamaa warned that talks may stall.' }),
        ]);
        await store.articles.upsert([makeArticle({ title: 'Harbour dues rise', text: 'Fees go up in spring.' })]);
        expect((await store.articles.autocomplete('Vella', 10)).map((s) => s.id)).toEqual([quoted?.id]);
        expect((await store.articles.autocomplete('envoy vel', 10)).map((s) => s.id)).toEqual([quoted?.id]);
        expect(await store.articles.autocomplete('Vellx', 10)).toEqual([]);
        const [hit] = await store.articles.autocomplete('Vella', 10);
        expect(Object.keys(hit ?? {}).sort()).toEqual(['id', 'outlet', 'publishedAt', 'section', 'title', 'url']);
      });

      it('never throws on punctuation', async () => {
        await store.articles.upsert([makeArticle({ title: 'Budget talks' })]);
        for (const typed of ['"', '*', 'AND(', '-bud', 'bud"', '(']) {
          expect(Array.isArray(await store.articles.autocomplete(typed, 5)), typed).toBe(true);
        }
        expect(await store.articles.autocomplete('bud"', 5)).toHaveLength(1);
      });
    });

    describe('ids, count and delete', () => {
      it('finds articles by an id prefix of at least four characters', async () => {
        const [a] = await store.articles.upsert([makeArticle()]);
        await store.articles.upsert([makeArticle(), makeArticle()]);
        const id = a?.id ?? '';
        expect((await store.articles.getByIdPrefix(id.slice(0, 8), 5)).map((s) => s.id)).toEqual([id]);
        expect((await store.articles.getByIdPrefix(id.toUpperCase(), 5)).map((s) => s.id)).toEqual([id]);
        expect((await store.articles.getByIdPrefix(id.slice(0, 4), 5)).map((s) => s.id)).toContain(id);
        expect(await store.articles.getByIdPrefix(id.slice(0, 3), 5)).toEqual([]);
        expect(await store.articles.getByIdPrefix('zzzz', 5)).toEqual([]);
        expect(await store.articles.getByIdPrefix('%%%%', 5)).toEqual([]);
      });

      it('lists the most recently ingested first, since an instant and up to a limit', async () => {
        const stored = (n: number, ingestedAt: string): Article => ({
          ...makeArticle(),
          id: n.toString(16).padStart(12, '0'),
          contentHash: n.toString(16).padStart(64, '0'),
          ingestedAt,
        });
        const old = stored(1, '2026-11-20T06:00:00Z');
        const atBound = stored(2, '2026-11-25T07:00:00.000Z');
        const late = stored(3, '2026-11-25T09:40:00+02:00');
        await store.articles.importArticles([old, atBound, late]);
        const ids = (list: { id: string }[]): string[] => list.map((article) => article.id);
        expect(ids(await store.articles.listIngested({ limit: 10 }))).toEqual([late.id, atBound.id, old.id]);
        expect(ids(await store.articles.listIngested({ ingestedSince: '2026-11-25T09:00:00+02:00', limit: 10 }))).toEqual([late.id, atBound.id]);
        expect(ids(await store.articles.listIngested({ limit: 1 }))).toEqual([late.id]);
      });

      it('counts and deletes', async () => {
        expect(await store.articles.count()).toBe(0);
        const [a, b] = await store.articles.upsert([makeArticle({ title: 'Glacier retreat' }), makeArticle()]);
        expect(await store.articles.count()).toBe(2);
        expect(await store.articles.delete(a?.id ?? '')).toBe(true);
        expect(await store.articles.delete(a?.id ?? '')).toBe(false);
        expect(await store.articles.count()).toBe(1);
        expect(await store.articles.get(a?.id ?? '')).toBeUndefined();
        expect(await store.articles.search('glacier')).toEqual([]);
        expect(await store.articles.autocomplete('glac', 5)).toEqual([]);
        expect(await store.articles.get(b?.id ?? '')).toBeDefined();
      });
    });

    describe('export and import', () => {
      it('round-trips every article with its id and timestamps', async () => {
        await store.articles.upsert([
          makeArticle({ title: 'Museum reopens' }),
          makeArticle({ url: null, publishedAt: null, section: null, outlet: null, authors: [], tags: [] }),
          makeArticle({ publishedAt: '2026-11-25T10:00:00+09:00' }),
        ]);
        const exported = await collect(store.articles.exportAll());
        expect(exported).toHaveLength(3);
        const target = await open();
        try {
          expect(await target.articles.importArticles(exported)).toBe(3);
          expect(await collect(target.articles.exportAll())).toEqual(exported);
          const hits = await target.articles.search('museum');
          expect(hits.map((hit) => hit.title)).toEqual(['Museum reopens']);
          // Importing again replaces rather than duplicates.
          await target.articles.importArticles(exported);
          expect(await target.articles.count()).toBe(3);
          expect((await target.articles.upsert([{ ...exported[0]! }]))[0]).toEqual({ id: exported[0]?.id, outcome: 'unchanged' });
        } finally {
          await target.close();
        }
      });
    });
  });
}
