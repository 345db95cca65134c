import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { openStore } from '../../../src/data/open-store.js';
import type { Store } from '../../../src/data/store.js';
import { DiscordUnavailableError } from '../../../src/errors.js';
import { startDiscordBot, type DiscordBot } from '../../../src/platform/discord/client.js';
import { recordingLogger } from '../../commands/command-context.js';
import { closedPort } from '../../support/closed-port.js';
import { FakeDiscord } from '../../support/fake-discord.js';

describe('startDiscordBot when Discord cannot be reached', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(apiUrl: string, token: string, env: Record<string, string>) {
    const store: Store = await openStore({ kind: 'sqlite', path: ':memory:' }, { log: recordingLogger().log });
    cleanups.push(() => store.close());
    const { log, lines } = recordingLogger();
    const config = loadConfig({ DISCORD_TOKEN: token, DISCORD_API_URL: apiUrl, DATABASE_URL: 'sqlite::memory:', ...env });
    const outcome = await startDiscordBot({ config, store, log }).then(
      (bot: DiscordBot) => {
        cleanups.push(() => bot.stop());
        return bot;
      },
      (error: unknown) => error,
    );
    return { outcome, messages: lines.map((line) => line['msg']), lines };
  }

  it('says it is connecting, retries with back-off, and gives up in one line naming the address', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api`;
    const { outcome, messages, lines } = await start(apiUrl, 'closed.port.token', { DISCORD_LOGIN_ATTEMPTS: '3', DISCORD_LOGIN_BACKOFF_MS: '10' });
    expect(outcome).toBeInstanceOf(DiscordUnavailableError);
    expect((outcome as Error).message).toBe(`Could not connect to Discord at ${apiUrl} after 3 attempts: the connection was refused.`);
    expect(messages.filter((message) => message === 'discord connecting')).toHaveLength(3);
    const failed = lines.filter((line) => line['msg'] === 'discord login failed');
    expect(failed.map((line) => line['attempt'])).toEqual([1, 2]);
    for (const line of failed) expect(line['retryInMs']).toBeLessThanOrEqual(20);
  });

  it('gives up on a server that accepts connections and never answers, one attempt timeout at a time', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const apiUrl = `http://127.0.0.1:${port}/api`;
    const { outcome } = await start(apiUrl, 'silent.server.token', {
      DISCORD_LOGIN_ATTEMPTS: '2',
      DISCORD_LOGIN_TIMEOUT_MS: '300',
      DISCORD_LOGIN_BACKOFF_MS: '10',
    });
    expect((outcome as Error).message).toBe(`Could not connect to Discord at ${apiUrl} after 2 attempts: no answer within 0.3 s.`);
  });

  it('logs in on a later attempt when the first one fails', async () => {
    const discord = await FakeDiscord.start();
    cleanups.push(() => discord.close());
    // discord.js retries a 500 three times itself, so four answers of 500 fail one whole attempt.
    discord.failNext('GET', /^\/gateway\/bot$/, 500, 4);
    const { outcome, lines } = await start(discord.apiUrl, discord.token, { DISCORD_LOGIN_ATTEMPTS: '3', DISCORD_LOGIN_BACKOFF_MS: '10' });
    expect(outcome).not.toBeInstanceOf(Error);
    expect(lines.filter((line) => line['msg'] === 'discord login failed').map((line) => line['attempt'])).toEqual([1]);
    expect(lines.some((line) => line['msg'] === 'discord ready')).toBe(true);
    expect(discord.identifies).toHaveLength(1);
  });
});
