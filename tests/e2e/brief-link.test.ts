import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hugeBody, respond, slow, startTestServer, type TestServer } from '../support/http-server.js';
import { startBotHarness, type BotHarness } from './bot-harness.js';

const page = readFileSync(new URL('../fixtures/ingest/article-page.html', import.meta.url), 'utf8');
const feed = readFileSync(new URL('../fixtures/ingest/good.rss.xml', import.meta.url), 'utf8');
const PAGE_TITLE = 'Harbour bridge reopens after six weeks of repairs';

describe('/brief with a link that is not stored', () => {
  let harness: BotHarness;
  let site: TestServer;
  beforeAll(async () => {
    site = await startTestServer();
    site.route('/story', respond(page, 'text/html; charset=utf-8'));
    site.route('/feed', respond(feed, 'application/rss+xml'));
    site.route('/slow', slow(5_000, 'text/html'));
    site.route('/huge', hugeBody(2_000_000, 'text/html'));
    harness = await startBotHarness({
      env: { FETCH_ALLOW_HOSTS: '127.0.0.1', FETCH_TIMEOUT_MS: '300', FETCH_MAX_BYTES: '500000' },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await site?.close();
  });

  it('defers, fetches and stores the page, and briefs it saying it was fetched just now', async () => {
    const url = site.url('/story');
    const outcome = await harness.discord.slashCommand('brief', { article: url });
    expect(outcome.isDeferred).toBe(true);
    const [message] = outcome.messages;
    expect(message?.via).toBe('edit');
    expect(message?.isEphemeral).toBe(false);
    const embed = message?.body.embeds?.[0];
    expect(embed?.title).toBe(PAGE_TITLE);
    expect(embed?.footer?.text).toMatch(/^Article [0-9a-f]{12} · Fetched just now/);
    expect(message?.body.allowed_mentions).toEqual({ parse: [] });
    // The page names a canonical URL on another site, which is not trusted: the fetched URL is its identity.
    const stored = await harness.store.articles.getByUrl(url);
    expect(stored?.title).toBe(PAGE_TITLE);
  });

  it('briefs a link already stored without fetching it again', async () => {
    const fetches = site.requests.length;
    const outcome = await harness.discord.slashCommand('brief', { article: site.url('/story') });
    expect(outcome.messages[0]?.body.embeds?.[0]?.title).toBe(PAGE_TITLE);
    expect(outcome.messages[0]?.body.embeds?.[0]?.footer?.text).not.toContain('Fetched just now');
    expect(site.requests.length).toBe(fetches);
  });

  it.each([
    ['a host that is not public', () => 'http://127.0.0.2/story', 'newsbrief only fetches public web addresses'],
    ['a feed', () => site.url('/feed'), 'it is not a web page (newsbrief briefs HTML articles)'],
    ['a page over the size limit', () => site.url('/huge'), 'the page is too large to brief'],
    ['a site that does not answer in time', () => site.url('/slow'), 'the site did not answer in time; try again later'],
  ])('answers %s privately in plain words and stores nothing', async (_case, url, reason) => {
    const before = await harness.store.articles.count();
    const outcome = await harness.discord.slashCommand('brief', { article: url() });
    expect(outcome.messages).toHaveLength(1);
    expect(outcome.messages[0]?.isEphemeral).toBe(true);
    expect(outcome.messages[0]?.body.content).toBe(`Could not brief ${url()}: ${reason}. Nothing was stored.`);
    expect(await harness.store.articles.count()).toBe(before);
  });
});

describe('"Brief this link" on a message', () => {
  let harness: BotHarness;
  let site: TestServer;
  beforeAll(async () => {
    site = await startTestServer();
    site.route('/story', respond(page, 'text/html; charset=utf-8'));
    harness = await startBotHarness({ env: { FETCH_ALLOW_HOSTS: '127.0.0.1' } });
  });
  afterAll(async () => {
    await harness?.stop();
    await site?.close();
  });

  it('fetches and briefs the first link in the message', async () => {
    const outcome = await harness.discord.messageCommand('Brief this link', {
      content: `Has anyone read this? (${site.url('/story')}), and also https://elsewhere.example/b`,
    });
    expect(outcome.isDeferred).toBe(true);
    const embed = outcome.messages[0]?.body.embeds?.[0];
    expect(embed?.title).toBe(PAGE_TITLE);
    expect(embed?.footer?.text).toContain('Fetched just now');
    expect(site.requests.map((request) => request.path)).toEqual(['/story']);
  });

  it('briefs a stored article from the link of an embed when the text has none', async () => {
    const outcome = await harness.discord.messageCommand('Brief this link', {
      content: '',
      embeds: [{ title: 'Ferry', url: 'https://tidewater.example/news/2026/11/24/ferry-timetable-winter' }],
    });
    expect(outcome.messages[0]?.body.embeds?.[0]?.footer?.text).toBe(`Article ${harness.ids[0]}`);
  });

  it('says so, privately, when the message has no link', async () => {
    const outcome = await harness.discord.messageCommand('Brief this link', { content: 'No link here, just words.' });
    expect(outcome.messages).toHaveLength(1);
    expect(outcome.messages[0]?.isEphemeral).toBe(true);
    expect(outcome.messages[0]?.body.content).toBe('This message has no link to brief.');
  });
});
