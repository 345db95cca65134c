import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/data/open-store.js';
import type { Store } from '../../../src/data/store.js';
import { silentLogger } from '../../../src/log.js';
import { ingestSources, type IngestDeps } from '../../../src/services/ingest/ingest.js';
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

    it('reports an unsupported file type', async () => {
      const path = join(dir, 'image.png');
      writeFileSync(path, 'not an article');
      const report = await ingestSources([path], deps);
      expect(report.sources[0]?.error).toMatchObject({ code: 'malformed_file', message: expect.stringContaining('image.png') });
    });
  });
});
