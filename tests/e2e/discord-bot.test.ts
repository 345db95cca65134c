import { GatewayIntentBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, MESSAGE_COMMANDS } from '../../src/commands/index.js';
import { StoreError } from '../../src/errors.js';
import { messageEmbedsLength } from '../../src/render/embed.js';
import {
  AUTOCOMPLETE_CHOICES_LIMIT,
  AUTOCOMPLETE_NAME_LIMIT,
  EMBED_TOTAL_LIMIT,
  MESSAGE_CONTENT_LIMIT,
} from '../../src/render/limits.js';
import { deployCommands } from '../../src/platform/discord/deploy.js';
import { silentLogger } from '../../src/log.js';
import { FERRY_ARTICLE, HOSTILE_ARTICLE } from '../fixtures/bot-articles.js';
import type { InteractionOutcome, SentBody } from '../support/fake-discord.js';
import { startBotHarness, type BotHarness } from './bot-harness.js';

const EPHEMERAL = 1 << 6;

/** Every message body the bot sent for an interaction (response, edits, follow-ups). */
function sentBodies(outcome: InteractionOutcome): SentBody[] {
  return outcome.messages.map((message) => message.body);
}

describe('Discord bot against a fake Discord', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('logs in through the gateway with the Guilds intent only', () => {
    expect(harness.discord.identifies).toHaveLength(1);
    expect(harness.discord.identifies[0]?.['intents']).toBe(GatewayIntentBits.Guilds);
    expect(harness.discord.requests.some((request) => request.path === '/gateway/bot')).toBe(true);
  });

  it('answers /brief with the article embed, its id in the footer, pinging no one', async () => {
    const outcome = await harness.discord.slashCommand('brief', { article: harness.ids[0] ?? '', bullets: 3 });
    expect(outcome.callback?.type).toBe(4);
    const [message] = outcome.messages;
    expect(message?.isEphemeral).toBe(false);
    const embed = message?.body.embeds?.[0];
    expect(embed?.title).toBe(FERRY_ARTICLE.title);
    expect(embed?.url).toBe(FERRY_ARTICLE.url);
    expect(embed?.author?.name).toBe('Tidewater Gazette');
    expect(embed?.description?.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(3);
    expect(embed?.fields?.map((field) => field.name)).toEqual(['Odile Ferrant, the chair of the harbour board', 'Barnaby Quill, the operations manager']);
    expect(embed?.footer?.text).toBe(`Article ${harness.ids[0]}`);
    for (const body of sentBodies(outcome)) expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers /brief private:true ephemerally', async () => {
    const outcome = await harness.discord.slashCommand('brief', { article: 'ferry crossings', private: true });
    expect(outcome.messages[0]?.isEphemeral).toBe(true);
    expect(outcome.messages[0]?.body.embeds?.[0]?.title).toBe(FERRY_ARTICLE.title);
  });

  it('autocompletes articles newest first when nothing is typed, within the limits', async () => {
    const outcome = await harness.discord.autocomplete('brief', { article: '' }, 'article');
    expect(outcome.callback?.type).toBe(8);
    const choices = outcome.callback?.data?.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(AUTOCOMPLETE_CHOICES_LIMIT);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(AUTOCOMPLETE_NAME_LIMIT);
    expect(choices.map((choice) => choice.value)).toEqual(harness.ids);
  });

  it('autocompletes the speaker of the chosen article', async () => {
    const outcome = await harness.discord.autocomplete('quotes', { article: harness.ids[0] ?? '', speaker: 'qui' }, 'speaker');
    expect(outcome.callback?.data?.choices).toEqual([{ name: 'Barnaby Quill', value: 'Barnaby Quill' }]);
  });

  it('pages a long quote list in one message with page buttons, within every limit', async () => {
    const outcome = await harness.discord.slashCommand('quotes', { article: harness.ids[3] ?? '' });
    expect(outcome.messages).toHaveLength(1);
    const body = outcome.messages[0]?.body;
    expect(body?.allowed_mentions).toEqual({ parse: [] });
    expect(body?.embeds).toHaveLength(1);
    expect(messageEmbedsLength(body?.embeds ?? [])).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
    expect(body?.embeds?.[0]?.footer?.text).toMatch(/· 48 quotes · page 1 of \d+$/);
    const labels = body?.components?.flatMap((row) => row.components.map((button) => button.label));
    expect(labels).toEqual(['Previous', 'Next', 'Open article']);
  });

  it('never lets article text ping @everyone or a role', async () => {
    const brief = await harness.discord.slashCommand('brief', { article: harness.ids[1] ?? '' });
    const quotes = await harness.discord.slashCommand('quotes', { article: harness.ids[1] ?? '' });
    const bodies = [...sentBodies(brief), ...sentBodies(quotes)];
    // Sent escaped as well, so even a message whose allowed_mentions were lost could ping no one.
    expect(JSON.stringify(bodies)).toContain('@\u200beveryone');
    expect(JSON.stringify(bodies)).toContain('<\u200b@&123456789012345678>');
    expect(JSON.stringify(bodies)).not.toMatch(/@everyone|<@&\d/);
    for (const body of bodies) expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(brief.messages[0]?.body.embeds?.[0]?.title).toBe(
      'Forum prank: \\*\\*bold\\*\\* claims and @\u200beveryone pings flood the council board',
    );
    expect(HOSTILE_ARTICLE.title).toContain('**bold**');
  });

  it('answers an unknown article with a short ephemeral message in plain words', async () => {
    const outcome = await harness.discord.slashCommand('brief', { article: 'zeppelin marmalade' });
    expect(outcome.callback?.type).toBe(4);
    expect(outcome.messages).toHaveLength(1);
    const body = outcome.messages[0]?.body;
    expect((body?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body?.embeds ?? []).toHaveLength(0);
    expect(body?.content).toBe('No stored article matches "zeppelin marmalade". Try /search with other words, an article id or its URL.');
    expect(body?.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a store failure mid-command with a ref, and logs it with the interaction', async () => {
    harness.failStoreOnce('get', new StoreError('SQLite store could not read: disk I/O error'));
    const outcome = await harness.discord.slashCommand('brief', { article: 'ferry crossings' });
    const content = outcome.messages[0]?.body.content ?? '';
    expect(outcome.messages[0]?.isEphemeral).toBe(true);
    const ref = /\(ref ([0-9a-f]{8})\)/.exec(content)?.[1];
    expect(ref).toBeDefined();
    expect(content).not.toMatch(/disk|SQLite|at .*\.ts/);
    expect(content.length).toBeLessThanOrEqual(MESSAGE_CONTENT_LIMIT);
    const logged = harness.logLines.find((line) => line['ref'] === ref);
    expect(logged).toMatchObject({ command: 'brief', interactionId: outcome.interactionId, guildId: harness.discord.guildId, level: 50 });
  });

  it('answers an unexpected error with a generic message and a ref, never a stack trace', async () => {
    harness.failStoreOnce('search', new TypeError('Cannot read properties of undefined (reading "rows")'));
    const outcome = await harness.discord.slashCommand('search', { query: 'harbour' });
    const content = outcome.messages[0]?.body.content ?? '';
    expect(content).toMatch(/^Something went wrong on our side \(ref [0-9a-f]{8}\)\./);
    expect(content).not.toContain('rows');
    expect(harness.logLines.some((line) => line['msg'] === 'command failed' && line['command'] === 'search')).toBe(true);
  });

  it('recovers when Discord answers the reply with 429, waiting and retrying', async () => {
    harness.discord.failNext('POST', /\/callback$/, 429);
    const outcome = await harness.discord.slashCommand('brief', { article: harness.ids[0] ?? '' });
    const callbacks = harness.discord.requests.filter((request) => request.path.startsWith(`/interactions/${outcome.interactionId}/`));
    expect(callbacks.map((request) => request.status)).toEqual([429, 204]);
    expect(outcome.messages[0]?.body.embeds?.[0]?.title).toBe(FERRY_ARTICLE.title);
  });

  it('recovers when Discord answers the reply with 500, retrying', async () => {
    harness.discord.failNext('POST', /\/callback$/, 500);
    const outcome = await harness.discord.slashCommand('quotes', { article: harness.ids[3] ?? '' });
    const callbacks = harness.discord.requests.filter((request) => request.path.startsWith(`/interactions/${outcome.interactionId}/`));
    expect(callbacks.map((request) => request.status)).toEqual([500, 204]);
    expect(outcome.messages[0]?.body.embeds?.[0]?.title).toMatch(/^Quotes: /);
  });

  it('registers the command definitions for one guild, and globally', async () => {
    const { discord } = harness;
    const all = { commands: COMMANDS, messageCommands: MESSAGE_COMMANDS };
    const definitions = [...COMMANDS, ...MESSAGE_COMMANDS].map((command) => command.definition);
    const guild = await deployCommands({ token: discord.token, apiUrl: discord.apiUrl, guildId: discord.guildId, ...all, log: silentLogger });
    expect(guild).toEqual({ count: definitions.length, scope: 'guild', applicationId: discord.applicationId });
    const put = await discord.waitForRequest((request) => request.method === 'PUT' && request.path.includes('/guilds/'));
    expect(put.path).toBe(`/applications/${discord.applicationId}/guilds/${discord.guildId}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${discord.token}`);
    expect(put.body).toEqual(definitions);
    const names = (put.body as { name: string }[]).map((definition) => definition.name);
    expect(names).toEqual(expect.arrayContaining(['brief', 'quotes', 'search', 'Brief this link']));
    expect(put.body).toContainEqual({ type: 3, name: 'Brief this link' });

    await deployCommands({ token: discord.token, apiUrl: discord.apiUrl, applicationId: discord.applicationId, ...all, log: silentLogger });
    const global = await discord.waitForRequest((request) => request.method === 'PUT' && request.path === `/applications/${discord.applicationId}/commands`);
    expect(global.body).toEqual(definitions);
  });
});

describe('Discord bot deferring slow commands', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness({ deferAfterMs: 0 });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('defers, then edits the original response with its buttons', async () => {
    const outcome = await harness.discord.slashCommand('quotes', { article: harness.ids[3] ?? '' });
    expect(outcome.isDeferred).toBe(true);
    expect(outcome.messages).toHaveLength(1);
    expect(outcome.messages[0]?.via).toBe('edit');
    expect(outcome.messages[0]?.body.components?.[0]?.components.map((button) => button.label)).toEqual(['Previous', 'Next', 'Open article']);
    expect(outcome.messages[0]?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('defers privately for private:true', async () => {
    const outcome = await harness.discord.slashCommand('brief', { article: harness.ids[0] ?? '', private: true });
    expect(outcome.callback).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(outcome.messages[0]?.isEphemeral).toBe(true);
  });

  it('replaces a public deferral with a private follow-up when the answer is an error', async () => {
    const outcome = await harness.discord.slashCommand('brief', { article: 'zeppelin marmalade' });
    expect(outcome.isDeferred).toBe(true);
    expect(outcome.requests.some((request) => request.method === 'DELETE')).toBe(true);
    expect(outcome.messages).toHaveLength(1);
    expect(outcome.messages[0]?.via).toBe('follow-up');
    expect(outcome.messages[0]?.isEphemeral).toBe(true);
  });
});
