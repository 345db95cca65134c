import { loadConfig } from '../../src/config.js';
import type { ArticleStore, Store } from '../../src/data/store.js';
import { startDiscordBot, type DiscordBot } from '../../src/platform/discord/client.js';
import { recordingLogger } from '../commands/command-context.js';
import { openBotStore } from '../fixtures/bot-articles.js';
import { FakeDiscord } from '../support/fake-discord.js';

/** A fake Discord, a real in-memory store with the bot articles, and the real bot logged in to the fake. */
export type BotHarness = {
  discord: FakeDiscord;
  bot: DiscordBot;
  store: Store;
  ids: string[];
  logLines: Record<string, unknown>[];
  /** Makes the next call of `method` on the article store reject with `error`. */
  failStoreOnce(method: keyof ArticleStore, error: Error): void;
  stop(): Promise<void>;
};

/** `env` adds environment variables to the bot's configuration (e.g. `FETCH_ALLOW_HOSTS` for a loopback page server). */
export async function startBotHarness(options: { deferAfterMs?: number; env?: Record<string, string> } = {}): Promise<BotHarness> {
  const discord = await FakeDiscord.start();
  const { store: realStore, ids } = await openBotStore();
  const armed = new Map<PropertyKey, Error>();
  const articles = new Proxy(realStore.articles, {
    get(target, property, receiver) {
      const error = armed.get(property);
      if (error !== undefined) {
        armed.delete(property);
        return async () => {
          throw error;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const store: Store = {
    articles,
    feeds: realStore.feeds,
    digests: realStore.digests,
    stories: realStore.stories,
    quotes: realStore.quotes,
    backend: realStore.backend,
    close: () => realStore.close(),
  };
  const { log, lines } = recordingLogger();
  const config = loadConfig({ ...options.env, DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DATABASE_URL: 'sqlite::memory:' });
  const bot = await startDiscordBot({
    config,
    store,
    log,
    ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
    onInteractionHandled: (id) => discord.markHandled(id),
  });
  return {
    discord,
    bot,
    store,
    ids,
    logLines: lines,
    failStoreOnce: (method, error) => armed.set(method, error),
    async stop() {
      await bot.stop();
      await discord.close();
      await store.close();
    },
  };
}
