/**
 * Sharding for large bots: `newsbrief start --shards auto|N` runs this discord.js `ShardingManager` in the parent
 * process. It spawns one child process per shard, each running the same CLI entry as `newsbrief start --as-shard`;
 * discord.js gives each child its shard ids through the SHARDS / SHARD_COUNT environment, so a shard is the ordinary
 * bot (`startDiscordBot`) answering the interactions of its own guilds. The parent keeps the store for seeding and
 * runs the background jobs once, posting through REST, so a digest is never posted by two shards.
 */
import { REST, Routes, ShardingManager } from 'discord.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';

export type ShardCount = 'auto' | number;

export type ShardManagerOptions = {
  config: Config;
  log: Logger;
  shards: ShardCount;
  /** The CLI entry file the children run (the parent's own `process.argv[1]`). */
  entryFile: string;
  /** Node flags for the children, e.g. the parent's own `process.execArgv` so that tsx keeps working. */
  execArgv: readonly string[];
  /** Milliseconds between shard spawns; Discord allows one identify per 5 seconds by default. Default 5500. */
  spawnDelayMs?: number;
};

export type ShardManagerHandle = { count: number; stop(): Promise<void> };

/** How many shards Discord recommends, asked of the configured API (discord.js's own helper always asks discord.com). */
export async function recommendedShardCount(config: Config): Promise<number> {
  const token = config.discord.token;
  if (token === undefined) throw new Error('recommendedShardCount needs config.discord.token');
  const rest = new REST({ api: config.discord.apiUrl }).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, gateway.shards);
}

/** Spawns the shards and resolves once every shard's client is ready. */
export async function startShardManager(options: ShardManagerOptions): Promise<ShardManagerHandle> {
  const { config, log } = options;
  const count = options.shards === 'auto' ? await recommendedShardCount(config) : options.shards;
  const manager = new ShardingManager(options.entryFile, {
    token: config.discord.token,
    totalShards: count,
    mode: 'process',
    shardArgs: ['start', '--as-shard'],
    execArgv: [...options.execArgv],
    respawn: true,
  });
  manager.on('shardCreate', (shard) => {
    log.info({ shardId: shard.id, shards: count }, 'shard spawned');
    shard.on('death', () => log.warn({ shardId: shard.id }, 'shard process exited'));
  });
  await manager.spawn({ amount: count, delay: options.spawnDelayMs ?? 5_500 });
  log.info({ shards: count }, 'all shards ready');
  return {
    count,
    async stop() {
      for (const shard of manager.shards.values()) shard.kill();
    },
  };
}
