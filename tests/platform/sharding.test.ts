import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { StoreError, UsageError } from '../../src/errors.js';
import { explainStartFailure } from '../../src/platform/cli/start-verbs.js';
import { recommendedShardCount } from '../../src/platform/discord/sharding.js';
import { FakeDiscord } from '../support/fake-discord.js';

describe('recommendedShardCount', () => {
  it("asks the configured API, not discord.com, for Discord's recommendation", async () => {
    const discord = await FakeDiscord.start();
    try {
      const config = loadConfig({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl });
      expect(await recommendedShardCount(config)).toBe(1);
      expect(discord.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /gateway/bot']);
    } finally {
      await discord.close();
    }
  });
});

describe('explainStartFailure', () => {
  it('turns a store that cannot open into a usage error pointing at DATABASE_URL', () => {
    const explained = explainStartFailure(new StoreError('Could not open the SQLite store at /nope/x.db: unable to open'));
    expect(explained).toBeInstanceOf(UsageError);
    expect((explained as Error).message).toBe('Could not open the SQLite store at /nope/x.db: unable to open (check DATABASE_URL)');
  });

  it('turns a refused token into a usage error and leaves other errors alone', () => {
    const refused = Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' });
    expect((explainStartFailure(refused) as Error).message).toMatch(/^Discord did not accept DISCORD_TOKEN/);
    const other = new RangeError('x');
    expect(explainStartFailure(other)).toBe(other);
  });
});
