import { ApplicationCommandOptionType, DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { NewArticle } from '../../src/data/schemas.js';
import { openStore } from '../../src/data/open-store.js';
import type { Store } from '../../src/data/store.js';
import { silentLogger } from '../../src/log.js';
import { startDiscordBot, type DiscordBot } from '../../src/platform/discord/client.js';
import {
  classifyPostError,
  createDigestJob,
  createDigestPoster,
  createRestChannelPoster,
} from '../../src/platform/discord/digest-poster.js';
import { rawOptions } from '../../src/platform/discord/options.js';
import { renderDigestMessages } from '../../src/render/digest.js';
import { safeDigestLines } from '../../src/services/digest/digest-lines.js';
import { runDigestSlot } from '../../src/services/digest/digest-runner.js';
import { makeSettings } from '../services/digest/digest-test-kit.js';
import { FakeDiscord, type SentBody } from '../support/fake-discord.js';

/** Text written for this test; it carries markdown and a mass mention that must reach no one. */
const STORY = {
  url: 'https://harbour.example/city/ferry-terminal',
  title: 'Harbour council *approves* the ferry terminal',
  outlet: 'Harbour Gazette',
  section: 'City',
  publishedAt: '2026-11-25T06:15:00.000Z',
  text: [
    'The harbour council approved the new ferry terminal on Tuesday after a two-year review of the plans.',
    '"This terminal will carry a million passengers a year, @everyone will feel it," said Mayor Ana Lopez.',
    'Opponents said the cost had doubled since the first estimate was published.',
  ].join('\n\n'),
};

describe('daily digest through a fake Discord', () => {
  let fake: FakeDiscord;
  let store: Store;
  let config: Config;
  let bot: DiscordBot;
  const slotDay = '2026-11-25';
  // Ten minutes after the 07:00 UTC slot: the job's catch-up on start posts it.
  const now = (): Date => new Date('2026-11-25T07:10:00.000Z');

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'silent', INSTANCE_ID: 'e2e' });
    store = await openStore({ kind: 'sqlite', path: ':memory:' }, { log: silentLogger });
    await store.articles.upsert([NewArticle.parse(STORY)]);
    await store.digests.saveSettings(makeSettings({ guildId: fake.guildId, channelId: fake.channelId }));
    bot = await startDiscordBot({ config, store, log: silentLogger });
  });

  afterAll(async () => {
    await bot?.stop();
    await store?.close();
    await fake?.close();
  });

  const digestPosts = () =>
    fake.requests.filter((request) => request.method === 'POST' && request.path === `/channels/${fake.channelId}/messages`);

  it('posts the digest to the channel as embeds that mention no one, once', async () => {
    const job = createDigestJob({ sleep: async () => undefined });
    const running = await job.start({ store, log: silentLogger, config, now, discord: bot.poster });
    const request = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages` && r.status === 200);
    const body = request.body as SentBody;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toBe('**Daily digest · 25 Nov 2026** · 1 story');
    expect(body.embeds).toHaveLength(1);
    const [embed] = body.embeds ?? [];
    expect(embed?.title).toBe('City');
    expect(embed?.description).toContain('**[Harbour council \\*approves\\* the ferry terminal](https://harbour.example/city/ferry-terminal)**');
    expect(embed?.description).toContain('Harbour Gazette · 25 Nov 06:15');
    expect(embed?.description).toContain('The harbour council approved the new ferry terminal on Tuesday');
    expect(embed?.description).toContain('— Ana Lopez');
    const record = await store.digests.getRecord(fake.guildId, slotDay);
    expect(record).toMatchObject({ status: 'posted', instanceId: 'e2e' });

    // A second instance starting on the same store finds the day posted and sends nothing.
    const again = await createDigestJob({ sleep: async () => undefined }).start({ store, log: silentLogger, config, now, discord: bot.poster });
    await again.stop();
    await running.stop();
    expect(digestPosts()).toHaveLength(1);
  });

  it('posts through REST alone (the CLI path), retrying a 500 from Discord', async () => {
    const guildId = '1300000000000000099';
    const settings = makeSettings({ guildId, channelId: fake.channelId });
    fake.failNext('POST', new RegExp(`^/channels/${fake.channelId}/messages$`), 500);
    const before = digestPosts().length;
    const waits: number[] = [];
    const outcome = await runDigestSlot(settings, slotDay, {
      store,
      log: silentLogger,
      now,
      instanceId: 'cli',
      poster: createDigestPoster(createRestChannelPoster({ token: fake.token, apiUrl: fake.apiUrl })),
      render: renderDigestMessages,
      lines: safeDigestLines(silentLogger),
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(outcome).toMatchObject({ status: 'posted', stories: 1 });
    expect(waits).toEqual([5_000]);
    const attempts = digestPosts().slice(before);
    expect(attempts.map((request) => request.status)).toEqual([500, 200]);
    expect(attempts[1]?.headers.authorization).toBe(`Bot ${fake.token}`);
  });

  it('reports a throttled post as retryable with Discord\'s wait', async () => {
    fake.failNext('POST', new RegExp(`^/channels/${fake.channelId}/messages$`), 429);
    const poster = createDigestPoster(createRestChannelPoster({ token: fake.token, apiUrl: fake.apiUrl }));
    const outcome = await poster.post(fake.channelId, { content: 'x', allowed_mentions: { parse: [] } });
    expect(outcome).toMatchObject({ ok: false, retryable: true, reason: 'Discord rate limit (429)' });
  });
});

describe('classifyPostError', () => {
  const apiError = (code: number, status: number): DiscordAPIError =>
    new DiscordAPIError({ code, message: 'refused' }, code, status, 'POST', 'https://discord.test/api/v10/channels/1/messages', {});

  it('gives up at once on a channel the bot cannot use', () => {
    expect(classifyPostError(apiError(50001, 403))).toEqual({ ok: false, retryable: false, reason: 'Missing Access (50001): the bot cannot see the channel' });
    expect(classifyPostError(apiError(10003, 404))).toMatchObject({ retryable: false, reason: 'Unknown Channel (10003): the channel was deleted' });
    expect(classifyPostError(apiError(50013, 403))).toMatchObject({ retryable: false, reason: expect.stringContaining('Missing Permissions (50013)') });
  });

  it('retries Discord\'s own failures, throttling and the network', () => {
    expect(classifyPostError(new HTTPError(502, 'Bad Gateway', 'POST', 'https://discord.test', {}))).toMatchObject({ retryable: true });
    expect(classifyPostError(apiError(0, 503))).toMatchObject({ retryable: true, reason: 'Discord server error (503)' });
    const throttled = new RateLimitError({
      timeToReset: 2_000,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url: 'https://discord.test',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 2_000,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(classifyPostError(throttled)).toEqual({ ok: false, retryable: true, reason: 'Discord rate limit (429)', retryAfterMs: 2_000 });
    expect(classifyPostError(new TypeError('fetch failed'))).toMatchObject({ retryable: true, reason: 'could not reach Discord: fetch failed' });
  });

  it('does not retry another refusal', () => {
    expect(classifyPostError(apiError(50035, 400))).toMatchObject({ retryable: false });
  });
});

describe('rawOptions', () => {
  it('flattens a subcommand into its name and options, as /digest expects', () => {
    const raw = rawOptions([
      {
        name: 'set',
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          { name: 'channel', type: ApplicationCommandOptionType.Channel, value: '1300000000000000003' },
          { name: 'time', type: ApplicationCommandOptionType.String, value: '07:30' },
        ],
      },
    ]);
    expect(raw).toEqual({ subcommand: 'set', channel: '1300000000000000003', time: '07:30' });
  });
});
