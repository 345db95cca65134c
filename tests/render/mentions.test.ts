import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brief } from '../../src/commands/brief.js';
import type { Command, CommandContext, RawOptions } from '../../src/commands/command.js';
import { digest } from '../../src/commands/digest.js';
import { quotes } from '../../src/commands/quotes.js';
import { search } from '../../src/commands/search.js';
import { NewArticle } from '../../src/data/schemas.js';
import { openStore } from '../../src/data/open-store.js';
import type { Store } from '../../src/data/store.js';
import { silentLogger } from '../../src/log.js';
import { runCommand } from '../../src/platform/run-command.js';
import { escapeMentions, escapePings, unescapeMentions } from '../../src/render/mentions.js';
import { replyMessages, type Reply } from '../../src/render/reply.js';
import { renderText } from '../../src/render/text.js';
import { commandContext } from '../commands/command-context.js';

const ROLE = '<@&300000000000000001>';
const USER = '<@300000000000000002>';
const NICK = '<@!300000000000000003>';
const CHANNEL_LINK = '<#300000000000000004>';
/** Anything that would ping (or show as a mention) if a message's `allowed_mentions` were lost. */
const RAW_MENTION = /@(everyone|here)|<@[!&]?\d|<#\d/i;

/** Every text of every message of a reply: content and each embed part. */
function replyTexts(reply: Reply): string[] {
  return replyMessages(reply).flatMap((message) => [
    message.content ?? '',
    ...(message.embeds ?? []).flatMap((embed) => [
      embed.title ?? '',
      embed.description ?? '',
      embed.author?.name ?? '',
      embed.footer?.text ?? '',
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    ]),
  ]);
}

const expectNoRawMention = (reply: Reply): void => {
  for (const text of replyTexts(reply)) expect(text).not.toMatch(RAW_MENTION);
};

describe('mentions in rendered replies', () => {
  let store: Store;
  const guildId = '100000000000000009';
  const channelId = '200000000000000009';
  const context = (): CommandContext =>
    commandContext(store, {
      guildId,
      channelId,
      memberPermissions: (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages).toString(),
      channelAccess: async () => ({ ok: true }),
      digestScheduler: { reschedule: async () => undefined },
    });
  const run = (command: Command, options: RawOptions): Promise<Reply> => runCommand(command, options, context());

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', path: ':memory:' }, { log: silentLogger });
    await store.articles.upsert([
      NewArticle.parse({
        url: 'https://pierside.example/news/pier-notice',
        title: `Pier notice tells @everyone and ${ROLE} to keep off the jetty`,
        authors: ['@here Desk'],
        outlet: `Pierside ${USER} Post`,
        section: `Harbour ${CHANNEL_LINK}`,
        publishedAt: '2026-11-25T08:00:00Z',
        text: [
          `The harbour office posted a notice for @everyone on Tuesday, copying ${ROLE}, ${USER} and ${NICK} in ${CHANNEL_LINK}.`,
          `"Tell @everyone and @here that the jetty stays shut, and ping ${ROLE} if anyone climbs the gate," said Wen Tollis, the harbour master.`,
          'The jetty is expected to reopen once divers have checked the pilings next week.',
        ].join('\n\n'),
      }),
    ]);
  });
  afterEach(async () => {
    await store.close();
  });

  it('escapes them in /brief, /quotes and /search answers built from article text', async () => {
    for (const reply of [
      await run(brief, { article: 'pier notice' }),
      await run(quotes, { article: 'pier notice' }),
      await run(search, { query: 'jetty' }),
    ]) {
      expect(replyTexts(reply).join('\n')).toContain('\u200beveryone');
      expectNoRawMention(reply);
    }
  });

  it('escapes them in the digest', async () => {
    await run(digest, { subcommand: 'set', channel: channelId, time: '07:30', timezone: 'UTC' });
    const reply = await run(digest, { subcommand: 'preview' });
    expect(replyTexts(reply).join('\n')).toContain('Pier notice');
    expectNoRawMention(reply);
  });

  it('escapes typed input echoed back in error answers', async () => {
    for (const reply of [
      await run(brief, { article: `@everyone ${ROLE} quokka` }),
      await run(quotes, { article: 'pier notice', speaker: `@here ${USER}` }),
      await run(search, { query: `${NICK} @here quokka` }),
    ]) {
      expect(reply.content ?? '').toMatch(/\u200b/);
      expectNoRawMention(reply);
    }
  });

  it('leaves the console text as the article has it', async () => {
    const text = renderText(await run(quotes, { article: 'pier notice' }));
    expect(text).toContain(`Tell @everyone and @here that the jetty stays shut, and ping ${ROLE} if anyone climbs the gate`);
  });
});

describe('escapeMentions', () => {
  it('breaks every mention form with a zero-width space, once, and unescapeMentions restores the text', () => {
    const text = `@everyone @HERE ${USER} ${NICK} ${ROLE} ${CHANNEL_LINK} mail@example.org <3 <@name>`;
    const escaped = escapeMentions(text);
    expect(escaped).not.toMatch(RAW_MENTION);
    expect(escapeMentions(escaped)).toBe(escaped);
    expect(escaped).toContain('mail@example.org <3 <@name>');
    expect(unescapeMentions(escaped)).toBe(text);
  });

  it('keeps channel links in escapePings, which only breaks what can ping', () => {
    expect(escapePings(`${CHANNEL_LINK} @here`)).toBe(`${CHANNEL_LINK} @\u200bhere`);
  });
});
