import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFeed } from '../../../src/services/feeds/feed-check.js';
import type { FetchPolicy } from '../../../src/services/ingest/safe-fetch.js';
import { respond, startTestServer, type TestServer } from '../../support/http-server.js';

const policy: FetchPolicy = { timeoutMs: 2_000, maxBytes: 2_000_000, maxRedirects: 3, allowHosts: ['127.0.0.1'] };
const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url));

describe('checkFeed', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/rss', respond(fixture('good.rss.xml'), 'application/rss+xml'));
    server.route('/page', respond(fixture('article-page.html'), 'text/html'));
    server.route('/bad.xml', respond(fixture('malformed.xml'), 'application/rss+xml'));
  });
  afterAll(() => server.close());

  it('says what a feed holds', async () => {
    expect(await checkFeed(server.url('/rss'), policy)).toMatchObject({ ok: true, format: 'rss', title: expect.any(String), items: expect.any(Number) });
  });

  it('says why a web page, a broken document or a refused host is not a feed', async () => {
    for (const path of ['/page', '/bad.xml']) {
      const check = await checkFeed(server.url(path), policy);
      expect(check.ok, path).toBe(false);
    }
    const refused = await checkFeed(server.url('/rss'), { ...policy, allowHosts: [] });
    expect(refused).toMatchObject({ ok: false, reason: expect.any(String) });
  });
});
