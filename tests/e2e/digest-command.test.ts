import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, type InteractionOutcome } from '../support/fake-discord.js';
import { startBotHarness, type BotHarness } from './bot-harness.js';

/** The one message an interaction answered with, which must be private and mention no one. */
function onlyMessage(outcome: InteractionOutcome) {
  expect(outcome.messages).toHaveLength(1);
  const [message] = outcome.messages;
  expect(message?.isEphemeral).toBe(true);
  expect(message?.body.allowed_mentions).toEqual({ parse: [] });
  return message?.body;
}

const messageText = (outcome: InteractionOutcome): string => {
  const body = onlyMessage(outcome);
  return [body?.content ?? '', ...(body?.embeds ?? []).map((embed) => `${embed.title ?? ''}\n${embed.description ?? ''}`)].join('\n');
};

describe('/digest through a fake Discord', () => {
  let harness: BotHarness;
  const admin = { permissions: FakeDiscord.ADMIN_PERMISSIONS };

  beforeAll(async () => {
    harness = await startBotHarness();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const settings = () => harness.store.digests.getSettings(harness.discord.guildId);

  it('refuses a member without Manage Server and stores nothing', async () => {
    const { discord } = harness;
    const outcome = await discord.slashCommand(
      'digest',
      { channel: { channel: discord.channelId }, time: '07:30', timezone: 'Europe/London' },
      { subcommand: 'set' },
    );
    expect(messageText(outcome)).toContain('Changing the digest needs the Manage Server permission.');
    expect(await settings()).toBeUndefined();
  });

  it('sets the digest for an admin, in the channel and local time given', async () => {
    const { discord } = harness;
    const outcome = await discord.slashCommand(
      'digest',
      { channel: { channel: discord.channelId }, time: '7:30', timezone: 'Europe/London', max: 5 },
      { ...admin, subcommand: 'set' },
    );
    expect(messageText(outcome)).toMatch(/^Daily digest set: .*07:30.*Europe\/London/);
    expect(await settings()).toMatchObject({
      guildId: discord.guildId,
      channelId: discord.channelId,
      time: '07:30',
      timezone: 'Europe/London',
      maxStories: 5,
      enabled: true,
    });
  });

  it('refuses a channel the bot may not post in, and keeps the settings it had', async () => {
    const { discord } = harness;
    const outcome = await discord.slashCommand(
      'digest',
      { channel: { channel: discord.readOnlyChannelId }, time: '09:00', timezone: 'UTC' },
      { ...admin, subcommand: 'set' },
    );
    const text = messageText(outcome);
    expect(text).toContain('I am missing Send Messages there');
    expect(text).toContain('Nothing was changed.');
    expect(await settings()).toMatchObject({ channelId: discord.channelId, time: '07:30', timezone: 'Europe/London' });
  });

  it('answers a bad time in plain words and changes nothing', async () => {
    const { discord } = harness;
    const outcome = await discord.slashCommand(
      'digest',
      { channel: { channel: discord.channelId }, time: '25:00', timezone: 'UTC' },
      { ...admin, subcommand: 'set' },
    );
    expect(messageText(outcome)).toContain('use a 24-hour time from 00:00 to 23:59');
    expect(await settings()).toMatchObject({ time: '07:30', timezone: 'Europe/London' });
  });

  it('suggests time zones while the admin types', async () => {
    const { discord } = harness;
    const outcome = await discord.autocomplete('digest', { time: '07:30', timezone: 'lond' }, 'timezone', { ...admin, subcommand: 'set' });
    const choices = outcome.callback?.data?.choices ?? [];
    expect(outcome.callback?.type).toBe(8);
    expect(choices.map((choice) => choice.value)).toContain('Europe/London');
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('shows the settings and previews the digest privately', async () => {
    const { discord } = harness;
    expect(messageText(await discord.slashCommand('digest', {}, { subcommand: 'show' }))).toMatch(/^Daily digest: .*07:30.*Europe\/London/);
    const preview = await discord.slashCommand('digest', {}, { subcommand: 'preview' });
    expect(preview.messages.length).toBeGreaterThan(0);
    for (const message of preview.messages) {
      expect(message.isEphemeral).toBe(true);
      expect(message.body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('turns the digest off for an admin and keeps what it was', async () => {
    const { discord } = harness;
    expect(messageText(await discord.slashCommand('digest', {}, { ...admin, subcommand: 'off' }))).toContain('The daily digest is off.');
    expect(await settings()).toMatchObject({ enabled: false, time: '07:30' });
    expect(messageText(await discord.slashCommand('digest', {}, { subcommand: 'show' }))).toContain('The daily digest is off (it was');
  });
});
