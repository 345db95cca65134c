import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { briefThisLink } from '../../src/commands/brief-this-link.js';
import { defineCommand } from '../../src/commands/command.js';
import { quotes } from '../../src/commands/quotes.js';
import { search } from '../../src/commands/search.js';
import { StoreError, UserError } from '../../src/errors.js';
import { replyWith } from '../../src/render/reply.js';
import { runAutocomplete, runButton, runCommand, runMessageCommand } from '../../src/platform/run-command.js';
import { openBotStore } from '../fixtures/bot-articles.js';
import { commandContext, recordingLogger } from '../commands/command-context.js';

const failing = (error: unknown) =>
  defineCommand({
    definition: { name: 'failing', description: 'fails' },
    args: z.object({ count: z.number().int().max(3, { message: 'must be at most 3' }).default(1) }),
    async run() {
      throw error;
    },
    async autocomplete() {
      throw error;
    },
  });

describe('runCommand', () => {
  it('shows a UserError message to its user alone', async () => {
    const { store } = await openBotStore();
    const reply = await runCommand(failing(new UserError('no_quotes', 'No quotes here.')), {}, commandContext(store));
    expect(reply).toEqual({ content: 'No quotes here.', ephemeral: true, allowed_mentions: { parse: [] } });
    await store.close();
  });

  it('names the option a bad value was given for', async () => {
    const { store } = await openBotStore();
    const reply = await runCommand(failing(new Error('unreached')), { count: 7 }, commandContext(store));
    expect(reply.content).toBe('Option "count": must be at most 3');
    await store.close();
  });

  it('says in plain words what an empty or missing option takes, in Discord and the console alike', async () => {
    const { store } = await openBotStore();
    const empty = await runCommand(quotes, { article: 'ferry', speaker: '' }, commandContext(store));
    expect(empty.content).toBe('Option "speaker": cannot be empty (Only this speaker\'s quotes)');
    const missing = await runCommand(search, {}, commandContext(store));
    expect(missing.content).toBe('Option "query": is missing (Words to look for in headlines and text)');
    await store.close();
  });

  it('answers an unexpected error with a ref, logs it with context, and shows no internals', async () => {
    const { store } = await openBotStore();
    const { log, lines } = recordingLogger();
    const secret = new TypeError('cannot read properties of undefined (reading "secretThing")');
    const reply = await runCommand(failing(secret), {}, commandContext(store, { log, userId: 'u1', guildId: 'g1' }));
    const ref = /\(ref ([0-9a-f]{8})\)/.exec(reply.content ?? '')?.[1];
    expect(ref).toBeDefined();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).not.toContain('secretThing');
    const logged = lines.find((line) => line['msg'] === 'command failed');
    expect(logged).toMatchObject({ ref, command: 'failing', userId: 'u1', guildId: 'g1', level: 50 });
    expect(JSON.stringify(logged)).toContain('secretThing');
    await store.close();
  });

  it('says the store is unavailable when it fails, with a ref to the logged cause', async () => {
    const { store } = await openBotStore();
    const { log, lines } = recordingLogger();
    const reply = await runCommand(failing(new StoreError('disk I/O error')), {}, commandContext(store, { log }));
    expect(reply.content).toMatch(/^The article store is not available right now \(ref [0-9a-f]{8}\)\./);
    expect(reply.content).not.toContain('disk');
    expect(lines.some((line) => line['msg'] === 'store unavailable during command')).toBe(true);
    await store.close();
  });

  it('returns the handler reply untouched on success', async () => {
    const { store } = await openBotStore();
    const ok = defineCommand({
      definition: { name: 'ok', description: 'ok' },
      args: z.object({}),
      run: async () => replyWith([{ content: 'fine' }]),
    });
    expect(await runCommand(ok, {}, commandContext(store))).toEqual(replyWith([{ content: 'fine' }]));
    await store.close();
  });
});

describe('runAutocomplete', () => {
  it('answers no choices when autocomplete fails', async () => {
    const { store } = await openBotStore();
    const focused = { name: 'x', value: '', options: {} };
    expect(await runAutocomplete(failing(new Error('boom')), focused, commandContext(store))).toEqual([]);
    await store.close();
  });
});

describe('runButton', () => {
  it('answers an id it cannot parse with a private plain message, never an update', async () => {
    const { store } = await openBotStore();
    const answer = await runButton('quotes:<script>', commandContext(store));
    expect(answer).toEqual({
      reply: { content: 'This button has expired; run the command again.', ephemeral: true, allowed_mentions: { parse: [] } },
      isUpdate: false,
    });
    await store.close();
  });

  it('answers a store failure with a ref and logs it with the button id', async () => {
    const { store } = await openBotStore();
    const { log, lines } = recordingLogger();
    const broken = { ...store, articles: { ...store.articles, get: async () => Promise.reject(new StoreError('down')) } };
    const answer = await runButton('quotes:0123456789ab', commandContext(broken, { log }));
    expect(answer.reply.content).toMatch(/^The article store is not available right now \(ref [0-9a-f]{8}\)/);
    expect(lines.find((line) => line['msg'] === 'store unavailable during command')).toMatchObject({ button: 'quotes:0123456789ab' });
    await store.close();
  });
});

describe('runMessageCommand', () => {
  it('shows a UserError from a message command to its user alone', async () => {
    const { store } = await openBotStore();
    const reply = await runMessageCommand(briefThisLink, { content: 'no link', embedUrls: [] }, commandContext(store));
    expect(reply).toEqual({ content: 'This message has no link to brief.', ephemeral: true, allowed_mentions: { parse: [] } });
    await store.close();
  });
});
