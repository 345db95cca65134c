import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext, RawOptions } from '../../src/commands/command.js';
import { canManageGuild, digest, suggestTimeZones } from '../../src/commands/digest.js';
import { loadConfig } from '../../src/config.js';
import { NewArticle } from '../../src/data/schemas.js';
import { openStore } from '../../src/data/open-store.js';
import type { Store } from '../../src/data/store.js';
import { silentLogger } from '../../src/log.js';
import { runAutocomplete, runCommand } from '../../src/platform/run-command.js';
import type { Reply } from '../../src/render/reply.js';

const GUILD = '100000000000000001';
const CHANNEL = '200000000000000001';
const MANAGER = (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages).toString();
const MEMBER = PermissionFlagsBits.SendMessages.toString();

describe('/digest', () => {
  let store: Store;
  let rescheduled: string[];
  const now = new Date('2026-06-15T09:00:00.000Z');

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', path: ':memory:' }, { log: silentLogger });
    rescheduled = [];
  });
  afterEach(async () => {
    await store.close();
  });

  function context(overrides: Partial<CommandContext> = {}): CommandContext {
    const config = loadConfig({});
    return {
      store,
      log: silentLogger,
      now: () => now,
      guildId: GUILD,
      channelId: CHANNEL,
      userId: '300000000000000001',
      memberPermissions: MANAGER,
      config: { timezone: config.timezone, digest: config.digest, instanceId: 'test' },
      digestScheduler: {
        async reschedule(guildId) {
          rescheduled.push(guildId);
        },
      },
      channelAccess: async () => ({ ok: true }),
      ...overrides,
    };
  }

  const run = (options: RawOptions, overrides: Partial<CommandContext> = {}): Promise<Reply> =>
    runCommand(digest, options, context(overrides));
  const setOptions = { subcommand: 'set', channel: CHANNEL, time: '07:30', timezone: 'Europe/London' };

  it('is registered for Manage Server members only, in servers', () => {
    expect(digest.definition.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(digest.definition.options?.map((option) => option.name)).toEqual(['set', 'show', 'off', 'preview']);
  });

  it('saves the settings and reschedules the server', async () => {
    const reply = await run({ ...setOptions, max: 12, sections: 'World, City ,World' });
    expect(reply.content).toContain(`Daily digest set: <#${CHANNEL}> at 07:30 Europe/London (next on 2026-06-16), up to 12 stories, sections: World, City.`);
    expect(reply.ephemeral).toBe(true);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    expect(await store.digests.getSettings(GUILD)).toMatchObject({
      channelId: CHANNEL,
      time: '07:30',
      timezone: 'Europe/London',
      maxStories: 12,
      sections: ['World', 'City'],
      enabled: true,
    });
    expect(rescheduled).toEqual([GUILD]);
  });

  it('names the day after as next when the next slot\'s day is already posted', async () => {
    await store.digests.claim(GUILD, '2026-06-16', 'other', now.toISOString(), 60_000);
    await store.digests.markPosted(GUILD, '2026-06-16', { messageIds: ['5'], windowTo: now.toISOString() }, now.toISOString());
    expect((await run(setOptions)).content).toContain('(next on 2026-06-17)');
  });

  it('accepts a one-digit hour', async () => {
    await run({ ...setOptions, time: '7:05' });
    expect((await store.digests.getSettings(GUILD))?.time).toBe('07:05');
  });

  it.each([
    [{ time: '25:00' }, 'Option "time": use a 24-hour time from 00:00 to 23:59, like 07:30'],
    [{ time: 'seven' }, 'Option "time": use a 24-hour time like 07:30'],
    [{ timezone: 'Mars/Olympus' }, 'Option "timezone": is not a time zone I know'],
    [{ max: 80 }, 'Option "max": must be 1 to 50'],
  ])('refuses %o with a clear answer and changes nothing', async (bad, message) => {
    await run(setOptions);
    const before = await store.digests.getSettings(GUILD);
    const reply = await run({ ...setOptions, time: '09:00', ...bad });
    expect(reply.content).toContain(message);
    expect(reply.ephemeral).toBe(true);
    expect(await store.digests.getSettings(GUILD)).toEqual(before);
  });

  it('refuses a member without Manage Server', async () => {
    const reply = await run(setOptions, { memberPermissions: MEMBER });
    expect(reply.content).toBe('Changing the digest needs the Manage Server permission.');
    expect(await store.digests.getSettings(GUILD)).toBeUndefined();
    expect(rescheduled).toEqual([]);
    expect((await run({ subcommand: 'off' }, { memberPermissions: null })).content).toContain('Manage Server');
  });

  it('refuses a channel the bot cannot post in', async () => {
    const reply = await run(setOptions, { channelAccess: async () => ({ ok: false, reason: 'I am missing Send Messages there' }) });
    expect(reply.content).toContain(`I can't post in <#${CHANNEL}>: I am missing Send Messages there.`);
    expect(reply.content).toContain('Nothing was changed.');
    expect(await store.digests.getSettings(GUILD)).toBeUndefined();
  });

  it('is refused outside a server, but for a preview', async () => {
    expect((await run({ subcommand: 'show' }, { guildId: null })).content).toContain('use /digest in a channel of your server');
    expect(digest.localSubcommands).toEqual(['preview']);
  });

  it('previews outside a server with the only server\'s settings, as digest --dry-run does', async () => {
    await store.articles.upsert([
      NewArticle.parse({
        url: 'https://news.example/quay',
        title: 'Quay lights switched on early',
        section: 'City',
        publishedAt: '2026-06-15T08:00:00.000Z',
        text: 'The quay lights were switched on a week early. The works ended on Friday.',
      }),
    ]);
    await run(setOptions);
    const reply = await run({ subcommand: 'preview' }, { guildId: null });
    expect(reply.content).toBe('**Daily digest · 15 Jun 2026** · 1 story');
    expect(reply.embeds?.[0]?.description).toContain('Quay lights switched on early');
  });

  it('shows, turns off and shows again', async () => {
    expect((await run({ subcommand: 'show' })).content).toContain('No daily digest is set for this server.');
    await run(setOptions);
    expect((await run({ subcommand: 'show' })).content).toContain(`Daily digest: <#${CHANNEL}> at 07:30 Europe/London`);
    expect((await run({ subcommand: 'off' })).content).toContain('The daily digest is off.');
    expect(await store.digests.getSettings(GUILD)).toMatchObject({ enabled: false });
    expect(rescheduled).toEqual([GUILD, GUILD]);
    expect((await run({ subcommand: 'show' })).content).toContain('The daily digest is off (it was <#');
    expect((await run({ subcommand: 'off' })).content).toBe('The daily digest is already off for this server.');
  });

  it('previews the stories since the last digest privately, claiming nothing', async () => {
    await store.articles.upsert([
      NewArticle.parse({
        url: 'https://news.example/harbour',
        title: 'Harbour council approves the ferry terminal',
        outlet: 'Example Times',
        section: 'City',
        publishedAt: '2026-06-15T08:00:00.000Z',
        text: 'The harbour council approved the ferry terminal on Monday. "It will carry a million passengers," said Mayor Ana Lopez.',
      }),
    ]);
    await run(setOptions);
    const reply = await run({ subcommand: 'preview' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('**Daily digest · 15 Jun 2026** · 1 story');
    expect(reply.embeds?.[0]?.title).toBe('City');
    expect(reply.embeds?.[0]?.description).toContain('[Harbour council approves the ferry terminal](https://news.example/harbour)');
    expect(await store.digests.getRecord(GUILD, '2026-06-15')).toBeUndefined();
  });

  it('autocompletes time zones, best matches first, at most 25', async () => {
    const choices = await runAutocomplete(digest, { name: 'timezone', value: 'new_y', options: {} }, context());
    expect(choices[0]).toEqual({ name: 'America/New_York', value: 'America/New_York' });
    const all = await runAutocomplete(digest, { name: 'timezone', value: '', options: {} }, context());
    expect(all).toHaveLength(25);
    expect(suggestTimeZones('london', 'UTC')[0]).toBe('Europe/London');
  });
});

describe('canManageGuild', () => {
  it('reads Manage Server or Administrator from the bitfield', () => {
    expect(canManageGuild(PermissionFlagsBits.ManageGuild.toString())).toBe(true);
    expect(canManageGuild(PermissionFlagsBits.Administrator.toString())).toBe(true);
    expect(canManageGuild(PermissionFlagsBits.SendMessages.toString())).toBe(false);
    expect(canManageGuild(null)).toBe(false);
    expect(canManageGuild('not a number')).toBe(false);
  });
});
