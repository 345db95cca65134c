import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/data/open-store.js';
import type { Store } from '../../../src/data/store.js';
import { StoreError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import { ingestPage, ingestSources, type IngestDeps } from '../../../src/services/ingest/ingest.js';
import type { FetchPolicy } from '../../../src/services/ingest/safe-fetch.js';
import { hugeBody, redirect, respond, slow, startTestServer, type TestServer } from '../../support/http-server.js';

const fixturePath = (name: string): string => new URL(`../../fixtures/ingest/${name}`, import.meta.url).pathname;
const fixture = (name: string): string => readFileSync(fixturePath(name), 'utf8');

const policy: FetchPolicy = { timeoutMs: 2_000, maxBytes: 2_000_000, maxRedirects: 3, allowHosts: ['127.0.0.1'] };

describe('ingestSources', () => {
  let store: Store;
  let server: TestServer;
  let deps: IngestDeps;

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', path: ':memory:' }, { log: silentLogger });
    server = await startTestServer();
    deps = { store, policy, log: silentLogger, now: () => new Date('2025-06-15T12:00:00Z') };
  });
  afterEach(async () => {
    await server.close();
    await store.close();
  });

  it('stores every item of a good RSS feed, and re-ingesting changes nothing', async () => {
    server.route('/rss', respond(fixture('good.rss.xml'), 'application/rss+xml'));
    const first = await ingestSources([server.url('/rss')], deps);
    expect(first.sources[0]).toMatchObject({ kind: 'feed', status: 'ok', inserted: 2, skipped: 0 });
    expect(await store.articles.count()).toBe(2);
    const stored = await store.articles.getByUrl('https://courier.example/2025/06/school-calendar');
    expect(stored?.authors).toEqual(['Ravi Patel']);
    const second = await ingestSources([server.url('/rss')], deps);
    expect(second).toMatchObject({ inserted: 0, unchanged: 2 });
    expect(await store.articles.count()).toBe(2);
  });

  it('stores the items of a gzipped feed', async () => {
    server.route('/rss', respond(gzipSync(fixture('good.rss.xml')), 'application/rss+xml', { headers: { 'content-encoding': 'gzip' } }));
    const report = await ingestSources([server.url('/rss')], deps);
    expect(report.sources[0]).toMatchObject({ kind: 'feed', status: 'ok', inserted: 2 });
  });

  it('stores Atom and JSON feeds', async () => {
    server.route('/atom', respond(fixture('good.atom.xml'), 'application/atom+xml'));
    server.route('/json', respond(fixture('good.feed.json'), 'application/feed+json'));
    const report = await ingestSources([server.url('/atom'), server.url('/json')], deps);
    expect(report).toMatchObject({ inserted: 3, failed: 0 });
    expect((await store.articles.getByUrl('https://wire.example/rail-strike'))?.title).toBe('Rail strike called off after talks');
  });

  it('stores the good items of a feed with one bad item and reports the bad one', async () => {
    server.route('/feed', respond(fixture('one-bad-item.rss.xml'), 'text/xml'));
    const report = await ingestSources([server.url('/feed')], deps);
    expect(report.sources[0]).toMatchObject({ status: 'partial', inserted: 2, skipped: 1 });
    expect(report.sources[0]?.problems[0]).toMatchObject({ title: 'Broken item without any text' });
    expect(await store.articles.getByUrl('https://harbor.example/broken')).toBeUndefined();
    expect(await store.articles.count()).toBe(2);
  });

  it('reads a web page with readability, following a redirect', async () => {
    server.route('/story', redirect('/news/harbour-bridge'));
    server.route('/news/harbour-bridge', respond(fixture('article-page.html'), 'text/html; charset=utf-8'));
    const report = await ingestSources([server.url('/story')], deps);
    expect(report.sources[0]).toMatchObject({ kind: 'page', status: 'ok', inserted: 1 });
    const [hit] = await store.articles.search('corroded bolts');
    expect(hit?.title).toBe('Harbour bridge reopens after six weeks of repairs');
  });

  it("does not let a page's canonical URL on another site replace that site's article", async () => {
    const victimUrl = 'https://victim.example/news/ferry';
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-canonical-'));
    const victimFile = join(dir, 'victim.json');
    writeFileSync(victimFile, JSON.stringify({ url: victimUrl, title: 'Ferry timetable changes', outlet: 'Victim Daily', text: 'The winter ferry timetable starts on Monday. '.repeat(8) }));
    await ingestSources([victimFile], deps);
    rmSync(dir, { recursive: true, force: true });
    const planted = `<html><head><title>Planted story</title><meta property="og:site_name" content="Other Site">
      <link rel="canonical" href="${victimUrl}"></head><body><article>
      <p>${'A different story planted under the name of another site. '.repeat(8)}</p></article></body></html>`;
    server.route('/planted', respond(planted, 'text/html'));
    const report = await ingestSources([server.url('/planted')], deps);
    expect(report.sources[0]).toMatchObject({ status: 'ok', inserted: 1, updated: 0 });
    expect(await store.articles.getByUrl(victimUrl)).toMatchObject({ title: 'Ferry timetable changes', outlet: 'Victim Daily' });
    expect(await store.articles.getByUrl(server.url('/planted'))).toMatchObject({ title: 'Planted story', outlet: 'Other Site' });
  });

  it('refuses a page of deeply nested divs with a clear message, storing nothing', async () => {
    server.route('/deep', respond(`<html><body>${'<div>'.repeat(20_000)}<p>deep</p>${'</div>'.repeat(20_000)}</body></html>`, 'text/html'));
    const report = await ingestSources([server.url('/deep')], deps);
    expect(report.sources[0]).toMatchObject({ status: 'failed', error: { code: 'too_complex' } });
    expect(report.sources[0]?.error?.message).toContain(`${server.url('/deep')} nests its HTML more than`);
    expect(await store.articles.count()).toBe(0);
  });

  it('stores the other items of a feed with one deeply nested item and reports that item', async () => {
    const item = (n: number, html: string): string =>
      `<item><title>Item ${n}</title><link>https://deep.example/${n}</link><description><![CDATA[${html}]]></description></item>`;
    const good = '<p>An ordinary item body with enough words to be stored as text.</p>';
    const deep = `${'<div>'.repeat(20_000)}${good}${'</div>'.repeat(20_000)}`;
    server.route('/feed', respond(`<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title>${item(1, good)}${item(2, deep)}${item(3, good)}</channel></rss>`, 'application/rss+xml'));
    const report = await ingestSources([server.url('/feed')], deps);
    expect(report.sources[0]).toMatchObject({ status: 'partial', inserted: 2, skipped: 1 });
    expect(report.sources[0]?.problems[0]).toMatchObject({ where: 'item 2', title: 'Item 2', reason: expect.stringContaining('nests its HTML more than') });
  });

  it('loads no scripts, styles, images or frames of a page', async () => {
    const body = `<html><head><title>t</title><script src="/evil.js"></script><link rel="stylesheet" href="/s.css"></head>
      <body><img src="/i.png"><iframe src="/frame"></iframe><article>
      <p>${'The river festival drew record crowds to the old town on Sunday afternoon. '.repeat(8)}</p>
      <p>${'Organisers said next year the parade would start an hour earlier. '.repeat(8)}</p></article></body></html>`;
    server.route('/page', respond(body, 'text/html'));
    const report = await ingestSources([server.url('/page')], deps);
    expect(report.sources[0]).toMatchObject({ status: 'ok', inserted: 1 });
    // Give a subresource request, had one been started, the time to reach the server.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.requests.map((request) => request.path)).toEqual(['/page']);
  });

  it.each([
    ['malformed XML', '/bad', () => respond(fixture('malformed.xml'), 'application/rss+xml'), 'malformed_feed'],
    ['an empty page', '/empty', () => respond(fixture('empty-page.html'), 'text/html'), 'empty_article'],
    ['a non-HTML body', '/pdf', () => respond('%PDF-1.7', 'application/pdf'), 'bad_content_type'],
    ['a redirect loop', '/loop', () => redirect('/loop'), 'too_many_redirects'],
    ['a slow server', '/slow', () => slow(10_000), 'timeout'],
  ] as const)('fails cleanly on %s and stores nothing', async (_name, path, handler, code) => {
    server.route(path, handler());
    const report = await ingestSources([server.url(path)], { ...deps, policy: { ...policy, timeoutMs: 500 } });
    expect(report.failed).toBe(1);
    expect(report.sources[0]?.error?.code).toBe(code);
    expect(report.sources[0]?.error?.message).toContain(server.url(path));
    expect(await store.articles.count()).toBe(0);
  });

  it('aborts a 50 MB response early and stores nothing', async () => {
    const huge = hugeBody(50 * 1024 * 1024);
    server.route('/huge', huge);
    const report = await ingestSources([server.url('/huge')], deps);
    expect(report.sources[0]?.error?.code).toBe('too_large');
    expect(huge.written()).toBeLessThan(20 * 1024 * 1024);
    expect(await store.articles.count()).toBe(0);
  });

  it('refuses 127.0.0.1 when the allow list does not name it', async () => {
    server.route('/rss', respond(fixture('good.rss.xml'), 'application/rss+xml'));
    const report = await ingestSources([server.url('/rss')], { ...deps, policy: { ...policy, allowHosts: [] } });
    expect(report.sources[0]?.error?.code).toBe('address_refused');
    expect(server.requests).toHaveLength(0);
  });

  it('keeps going after a failed source', async () => {
    server.route('/rss', respond(fixture('good.rss.xml'), 'application/rss+xml'));
    const report = await ingestSources(['/no/such/file.txt', server.url('/rss')], deps);
    expect(report.sources.map((source) => source.status)).toEqual(['failed', 'ok']);
    expect(report.sources[0]?.error?.code).toBe('not_found');
    expect(report.inserted).toBe(2);
  });

  describe('encodings', () => {
    // “Prices rose – again €5 a loaf,” in windows-1252: 0x93 and 0x94 quotes, 0x96 dash, 0x80 euro.
    const quoted = Buffer.concat([Buffer.from([0x93]), Buffer.from('Prices rose '), Buffer.from([0x96]), Buffer.from(' again '), Buffer.from([0x80]), Buffer.from('5 a loaf,'), Buffer.from([0x94])]);
    const QUOTED = '“Prices rose – again €5 a loaf,”';
    const pageBytes = (head: string): Buffer =>
      Buffer.concat([
        Buffer.from(`<html><head>${head}<title>Bread prices</title></head><body><article><p>`),
        quoted,
        Buffer.from(` the baker said. ${'The market hall was busy all morning with shoppers from the valley. '.repeat(6)}</p></article></body></html>`),
      ]);

    it.each([
      ['the Content-Type header says windows-1252', 'text/html; charset=windows-1252', ''],
      ['the Content-Type header says ISO-8859-1', 'text/html; charset=ISO-8859-1', ''],
      ['the page declares windows-1252 in a meta tag', 'text/html', '<meta charset="windows-1252">'],
    ])('decodes a windows-1252 page when %s', async (_name, contentType, head) => {
      server.route('/page', respond(pageBytes(head), contentType));
      const report = await ingestSources([server.url('/page')], deps);
      expect(report.sources[0]).toMatchObject({ status: 'ok', inserted: 1 });
      expect((await store.articles.getByUrl(server.url('/page')))?.text).toContain(`${QUOTED} the baker said.`);
    });

    it('decodes a windows-1252 feed from its XML declaration', async () => {
      const feed = Buffer.concat([
        Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Valley</title><item><title>Bread '),
        Buffer.from([0x96]),
        Buffer.from(' dearer</title><link>https://valley.example/bread</link><description>'),
        quoted,
        Buffer.from(' the baker said on Monday.</description></item></channel></rss>'),
      ]);
      server.route('/feed', respond(feed, 'application/rss+xml'));
      await ingestSources([server.url('/feed')], deps);
      const stored = await store.articles.getByUrl('https://valley.example/bread');
      expect(stored).toMatchObject({ title: 'Bread – dearer', text: `${QUOTED} the baker said on Monday.` });
    });
  });

  describe('files', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'newsbrief-ingest-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('expands a directory to its text, JSON and JSONL files and reports progress', async () => {
      mkdirSync(join(dir, 'nested'));
      copyFileSync(fixturePath('seed-format.txt'), join(dir, 'a-story.txt'));
      copyFileSync(fixturePath('articles.json'), join(dir, 'nested', 'b.json'));
      copyFileSync(fixturePath('articles.jsonl'), join(dir, 'c.jsonl'));
      writeFileSync(join(dir, 'notes.csv'), 'ignored,file\n');
      const progress: [number, number][] = [];
      const report = await ingestSources([dir], { ...deps, onProgress: (done, total) => progress.push([done, total]) });
      expect(report.sources.map((source) => [source.kind, source.status])).toEqual([
        ['text', 'ok'],
        ['jsonl', 'partial'],
        ['json', 'partial'],
      ]);
      expect(report).toMatchObject({ inserted: 4, skipped: 3, failed: 0, partial: 2 });
      expect(progress).toEqual([
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
      const [hit] = await store.articles.search('library petition');
      expect(hit).toMatchObject({ title: 'Town council votes to keep the old library open', outlet: 'The Millbrook Gazette' });
    });

    it('reads saved feeds: RSS as .xml and a JSON Feed as .json', async () => {
      const report = await ingestSources([fixturePath('good.rss.xml'), fixturePath('good.feed.json')], deps);
      expect(report.sources.map((source) => [source.kind, source.inserted])).toEqual([
        ['feed', 2],
        ['feed', 2],
      ]);
    });

    it.each([
      ['windows-1252', (text: string) => Buffer.from(text.replace(/[“”–€]/g, (c) => String.fromCharCode({ '“': 0x93, '”': 0x94, '–': 0x96, '€': 0x80 }[c] ?? 0)), 'latin1')],
      ['UTF-16LE with a BOM', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le')],
      ['UTF-16BE with a BOM', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf16le').swap16()],
      ['UTF-16LE without a BOM', (text: string) => Buffer.from(text, 'utf16le')],
      ['UTF-8 with a BOM', (text: string) => Buffer.from(`\uFEFF${text}`, 'utf8')],
    ])('reads a %s text file', async (_name, encode) => {
      const path = join(dir, 'story.txt');
      writeFileSync(path, encode('Café – reopened\nBy Ann Lee\n“We are back,” the owner said on the first morning, €3 a coffee.\n'));
      const report = await ingestSources([path], deps);
      expect(report.sources[0]).toMatchObject({ status: 'ok', inserted: 1 });
      const [hit] = await store.articles.search('owner');
      expect(hit?.title).toBe('Café – reopened');
      expect((await store.articles.get(hit?.id ?? ''))?.text).toBe('“We are back,” the owner said on the first morning, €3 a coffee.');
    });

    it.each([
      ['random bytes without NULs', Buffer.concat([Buffer.from('Photo\n'), Buffer.from(Array.from({ length: 4_096 }, (_, i) => 1 + ((i * 7_919) % 255)))])],
      ['bytes with NULs', Buffer.concat([Buffer.from('Archive\n'), Buffer.alloc(64), Buffer.from('rest of the data')])],
    ])('refuses a binary file (%s), naming it', async (_name, bytes) => {
      const path = join(dir, 'picture.txt');
      writeFileSync(path, bytes);
      const report = await ingestSources([path], deps);
      expect(report.sources[0]).toMatchObject({ status: 'failed', error: { code: 'bad_encoding', message: expect.stringContaining('picture.txt is not a text file') } });
      expect(await store.articles.count()).toBe(0);
    });

    it('streams a JSONL file, storing batches before it is read to the end, and reports a bad line by number', async () => {
      const path = join(dir, 'bulk.jsonl');
      const lines = Array.from({ length: 3_000 }, (_, i) =>
        i === 1_233 ? '{"title": broken' : JSON.stringify({ url: `https://bulk.example/${i}`, title: `Bulk story ${i}`, text: `Body of bulk story ${i}. `.repeat(40) }),
      );
      writeFileSync(path, `${lines.join('\r\n')}\r\n`);
      const seen: { lines: number; bytesRead: number; totalBytes: number }[] = [];
      const report = await ingestSources([path], { ...deps, onLines: (_done, _total, _source, progress) => seen.push(progress) });
      expect(report.sources[0]).toMatchObject({ kind: 'jsonl', status: 'partial', inserted: 2_999, skipped: 1 });
      expect(report.sources[0]?.problems[0]).toMatchObject({ where: 'line 1234', reason: expect.stringContaining('not valid JSON') });
      expect(seen[0]?.lines).toBeLessThan(1_000);
      expect(seen[0]?.bytesRead).toBeLessThan((seen[0]?.totalBytes ?? 0) / 2);
      expect(seen.map((progress) => progress.lines)).toEqual([...seen.map((progress) => progress.lines)].sort((a, b) => a - b));
      expect((await store.articles.getByUrl('https://bulk.example/2999'))?.title).toBe('Bulk story 2999');
    });

    it('reads a UTF-16 JSONL file and refuses a binary one, naming it', async () => {
      const text = join(dir, 'wide.jsonl');
      writeFileSync(text, Buffer.from(`\uFEFF${JSON.stringify({ title: 'Café reopens', text: 'The café reopened on Monday.' })}\n`, 'utf16le'));
      const binary = join(dir, 'blob.jsonl');
      writeFileSync(binary, Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x00, 0xff, 0x00, 0x10]));
      const report = await ingestSources([text, binary], deps);
      expect(report.sources.map((source) => source.status)).toEqual(['ok', 'failed']);
      expect(report.sources[1]?.error).toMatchObject({ code: 'bad_encoding', message: expect.stringContaining('blob.jsonl is not a text file') });
      const [hit] = await store.articles.search('reopened');
      expect(hit?.title).toBe('Café reopens');
    });

    it('reports an unsupported file type', async () => {
      const path = join(dir, 'image.png');
      writeFileSync(path, 'not an article');
      const report = await ingestSources([path], deps);
      expect(report.sources[0]?.error).toMatchObject({ code: 'malformed_file', message: expect.stringContaining('image.png') });
    });
  });

  describe('ingestPage', () => {
    it('stores a fetched page and returns it, and fetching it again keeps its id', async () => {
      server.route('/story', respond(fixture('article-page.html'), 'text/html; charset=utf-8'));
      const article = await ingestPage(server.url('/story'), deps);
      expect(article.title).toBe('Harbour bridge reopens after six weeks of repairs');
      expect(await store.articles.get(article.id)).toMatchObject({ title: article.title });
      expect((await ingestPage(server.url('/story'), deps)).id).toBe(article.id);
      expect(await store.articles.count()).toBe(1);
    });

    it('refuses a feed, which is not a page', async () => {
      server.route('/rss', respond(fixture('good.rss.xml'), 'application/rss+xml'));
      await expect(ingestPage(server.url('/rss'), deps)).rejects.toMatchObject({ name: 'IngestError', code: 'bad_content_type' });
      expect(await store.articles.count()).toBe(0);
    });
  });
});

describe('ingestSources when the store fails part-way', () => {
  it('stops, saying how many articles of which source were stored before the failure', async () => {
    const store = await openStore({ kind: 'sqlite', path: ':memory:' }, { log: silentLogger });
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-ingest-stop-'));
    try {
      const first = join(dir, 'first.txt');
      writeFileSync(first, 'Harbour dues rise\nThe harbour board raised mooring dues on Monday.\n');
      const big = join(dir, 'big.jsonl');
      const line = (n: number) => JSON.stringify({ url: `https://harbour.example/notice-${n}`, title: `Notice ${n}`, text: `Mooring notice number ${n} was posted.` });
      writeFileSync(big, `${Array.from({ length: 1_200 }, (_, n) => line(n)).join('\n')}\n`);
      let upserts = 0;
      // The third write transaction (the second batch of big.jsonl) fails, as a store that stays locked would.
      const failing = new Proxy(store.articles, {
        get(target, property) {
          if (property === 'upsert') {
            return async (batch: Parameters<typeof target.upsert>[0]) => {
              upserts += 1;
              if (upserts === 3) throw new StoreError('SQLite store could not store articles: the database stayed locked');
              return target.upsert(batch);
            };
          }
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const failingStore = new Proxy(store, { get: (target, property) => (property === 'articles' ? failing : Reflect.get(target, property)) });
      const deps = { store: failingStore, policy, log: silentLogger, now: () => new Date('2025-06-15T12:00:00Z') };
      const error = await ingestSources([first, big, join(dir, 'never-read.txt')], deps).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toBe(
        `Ingest stopped at ${big} (source 2 of 3): SQLite store could not store articles: the database stayed locked; ` +
          '500 of the articles read so far were stored (500 new, 0 updated, 0 unchanged); earlier sources: 1 new, 0 updated, 0 unchanged',
      );
      expect(await store.articles.count()).toBe(501);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await store.close();
    }
  });
});
