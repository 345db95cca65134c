import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../../src/data/open-store.js';
import type { Feed } from '../../../src/data/schemas.js';
import type { Store } from '../../../src/data/store.js';
import { ConfigError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  backoffDelayMs,
  pollDueFeeds,
  startFeedPoller,
  type PollDeps,
} from '../../../src/services/feeds/feed-poller.js';
import type { FetchPolicy } from '../../../src/services/ingest/safe-fetch.js';
import { respond, startTestServer, type TestServer } from '../../support/http-server.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');
const policy: FetchPolicy = { timeoutMs: 2_000, maxBytes: 2_000_000, maxRedirects: 3, allowHosts: ['127.0.0.1'] };
const START = new Date('2025-06-15T12:00:00Z');

describe('backoffDelayMs', () => {
  it('doubles from one minute, caps at six hours, and adds at most 10 % deterministic jitter', () => {
    for (const failures of [1, 2, 3, 5, 9, 12, 40]) {
      const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
      const delay = backoffDelayMs(7, failures);
      expect(delay).toBeGreaterThanOrEqual(base);
      expect(delay).toBeLessThanOrEqual(base * 1.1);
      expect(backoffDelayMs(7, failures)).toBe(delay);
    }
    expect(backoffDelayMs(1, 3)).not.toBe(backoffDelayMs(2, 3));
  });
});

describe('pollDueFeeds', () => {
  let store: Store;
  let server: TestServer;
  let now: Date;
  let deps: PollDeps;

  const feedRow = async (id: number): Promise<Feed> => {
    const feed = (await store.feeds.listFeeds()).find((candidate) => candidate.id === id);
    if (!feed) throw new Error(`feed ${id} missing`);
    return feed;
  };

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', path: ':memory:' }, { log: silentLogger });
    server = await startTestServer();
    now = START;
    deps = { store, policy, log: silentLogger, now: () => now, instanceId: 'test-1' };
  });
  afterEach(async () => {
    await server.close();
    await store.close();
  });

  it('stores the other items of a feed with one deeply nested item and reports that item', async () => {
    const item = (n: number, html: string): string =>
      `<item><title>Item ${n}</title><link>https://deep.example/${n}</link><description><![CDATA[${html}]]></description></item>`;
    const good = '<p>An ordinary item body with enough words to be stored as text.</p>';
    const deep = `${'<div>'.repeat(20_000)}${good}${'</div>'.repeat(20_000)}`;
    server.route('/feed.xml', respond(`<rss version="2.0"><channel><title>Deep</title>${item(1, deep)}${item(2, good)}</channel></rss>`, 'application/rss+xml'));
    await store.feeds.addFeed({ url: server.url('/feed.xml'), outlet: null, section: null }, START.toISOString());
    const report = await pollDueFeeds(deps);
    expect(report.feeds[0]).toMatchObject({ status: 'ok', inserted: 1, skipped: 1 });
    expect(report.feeds[0]?.problems[0]).toMatchObject({ where: 'item 1', reason: expect.stringContaining('nests its HTML more than') });
    expect(await store.articles.getByUrl('https://deep.example/2')).toBeDefined();
  });

  it('stores items with the registered outlet and section, then uses a conditional GET', async () => {
    let served = 0;
    server.route('/feed.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"r1"') {
        res.writeHead(304).end();
        return;
      }
      served += 1;
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"r1"' }).end(fixture('good.rss.xml'));
    });
    const feed = await store.feeds.addFeed({ url: server.url('/feed.xml'), outlet: 'Courier', section: 'Local' }, START.toISOString());

    const first = await pollDueFeeds(deps);
    expect(first.feeds[0]).toMatchObject({ status: 'ok', inserted: 2 });
    const stored = await store.articles.getByUrl('https://courier.example/2025/06/school-calendar');
    expect(stored).toMatchObject({ outlet: 'Courier', section: 'Local' });
    expect(await feedRow(feed.id)).toMatchObject({ etag: '"r1"', lastSuccessAt: START.toISOString(), consecutiveFailures: 0 });

    now = new Date(START.getTime() + 15 * 60_000);
    const second = await pollDueFeeds(deps);
    expect(second.feeds[0]).toMatchObject({ status: 'not_modified', inserted: 0, unchanged: 0 });
    expect(served).toBe(1);
    expect(server.requests[1]?.headers['if-none-match']).toBe('"r1"');
    expect(await store.articles.count()).toBe(2);
  });

  it('backs off after failures and resets on success', async () => {
    let healthy = false;
    server.route('/flaky.xml', (_req, res) => {
      if (healthy) res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('good.atom.xml'));
      else res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
    });
    const feed = await store.feeds.addFeed({ url: server.url('/flaky.xml') }, START.toISOString());

    const first = await pollDueFeeds(deps);
    expect(first).toMatchObject({ failed: 1 });
    const afterOne = await feedRow(feed.id);
    expect(afterOne.consecutiveFailures).toBe(1);
    expect(afterOne.lastError).toContain('503');
    expect(afterOne.nextPollAt).toBe(new Date(START.getTime() + backoffDelayMs(feed.id, 1)).toISOString());

    // Not due yet: nothing is claimed, nothing is fetched.
    now = new Date(START.getTime() + 30_000);
    expect((await pollDueFeeds(deps)).feeds).toEqual([]);
    expect(server.requests).toHaveLength(1);

    now = new Date(afterOne.nextPollAt ?? '');
    await pollDueFeeds(deps);
    const afterTwo = await feedRow(feed.id);
    expect(afterTwo.consecutiveFailures).toBe(2);
    const secondWait = new Date(afterTwo.nextPollAt ?? '').getTime() - now.getTime();
    expect(secondWait).toBe(backoffDelayMs(feed.id, 2));
    expect(secondWait).toBeGreaterThanOrEqual(2 * BACKOFF_BASE_MS);

    healthy = true;
    now = new Date(afterTwo.nextPollAt ?? '');
    const recovered = await pollDueFeeds(deps);
    expect(recovered.feeds[0]).toMatchObject({ status: 'ok', inserted: 1 });
    expect(await feedRow(feed.id)).toMatchObject({ consecutiveFailures: 0, lastError: null, nextPollAt: null });
  });

  it('records a malformed feed as a failure and stores nothing', async () => {
    server.route('/bad.xml', respond(fixture('malformed.xml'), 'application/rss+xml'));
    const feed = await store.feeds.addFeed({ url: server.url('/bad.xml') }, START.toISOString());
    const report = await pollDueFeeds(deps);
    expect(report.feeds[0]?.status).toBe('failed');
    expect((await feedRow(feed.id)).lastError).toContain(server.url('/bad.xml'));
    expect(await store.articles.count()).toBe(0);
  });

  it('does not poll a feed another instance has claimed', async () => {
    server.route('/feed.xml', respond(fixture('good.rss.xml'), 'application/rss+xml'));
    await store.feeds.addFeed({ url: server.url('/feed.xml') }, START.toISOString());
    await store.feeds.claimDueFeeds('other-instance', START.toISOString(), 60_000, 10);
    expect((await pollDueFeeds(deps)).feeds).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('startFeedPoller', () => {
  let store: Store;
  let server: TestServer;
  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', path: ':memory:' }, { log: silentLogger });
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
    await store.close();
  });

  it('polls on its schedule and stops cleanly', async () => {
    server.route('/feed.xml', respond(fixture('good.rss.xml'), 'application/rss+xml'));
    await store.feeds.addFeed({ url: server.url('/feed.xml') }, new Date().toISOString());
    const poller = startFeedPoller({ store, policy, log: silentLogger, now: () => new Date(), instanceId: 'cron-1', cron: '* * * * * *' });
    await vi.waitFor(async () => expect(await store.articles.count()).toBe(2), { timeout: 5_000, interval: 100 });
    await poller.stop();
    const seen = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(server.requests.length).toBe(seen);
  });

  it('rejects an invalid cron expression', () => {
    expect(() =>
      startFeedPoller({ store, policy, log: silentLogger, now: () => new Date(), instanceId: 'x', cron: 'every minute' }),
    ).toThrow(ConfigError);
  });
});
