import type { Readable, Writable } from 'node:stream';
import { Option } from 'commander';
import { z } from 'zod';
import { COMMANDS, MESSAGE_COMMANDS } from '../../commands/index.js';
import { openStore } from '../../data/open-store.js';
import { StoreError, UsageError } from '../../errors.js';
import { seedSampleNewsroom } from '../../services/sample-newsroom.js';
import { BACKGROUND_JOBS, digestJob, type BackgroundJob, type ChannelPoster } from '../background-jobs.js';
import { runConsole } from '../console/console.js';
import { startDiscordBot, type DiscordBot, type DiscordBotDeps } from '../discord/client.js';
import { deployCommands } from '../discord/deploy.js';
import { createRestChannelPoster } from '../discord/digest-poster.js';
import { startShardManager, type ShardCount, type ShardManagerHandle } from '../discord/sharding.js';
import { EXIT_OK, type CliApp, type RegisterVerbs } from './cli-app.js';

const Shards = z.union([
  z.literal('auto'),
  z.coerce.number().int().min(1, { message: '--shards must be auto or a whole number of 1 or more' }).max(1_000),
]);

const GuildId = z.string().regex(/^\d{15,21}$/, { message: '--guild must be a Discord server id (digits)' });

/** Where the console reads and writes; the process's stdin/stdout unless a test says otherwise. */
export type StartIo = { input: Readable; output: Writable; isInteractive: boolean };

export type StartOptions = {
  io?: StartIo;
  jobs?: readonly BackgroundJob[];
  /** Stops the session like SIGINT/SIGTERM do (for tests and embedding). */
  stop?: AbortSignal;
  /** Passed through to the Discord bot, e.g. the tests' `onInteractionHandled` hook. */
  onInteractionHandled?: (interactionId: string) => void;
  /** Called once the platform (bot or console) is up and the background jobs have started. */
  onStarted?: () => void;
  /**
   * Run the Discord bot as shards under a `ShardingManager` (see `discord/sharding.ts`); needs a token.
   * `entryFile`/`execArgv` say how to start the children (the CLI entry and Node flags of this process).
   */
  sharding?: { shards: ShardCount; entryFile: string; execArgv: readonly string[]; spawnDelayMs?: number };
  /** This process is one shard spawned by the manager: serve Discord only (no seeding, no background jobs). */
  isShard?: boolean;
};

/**
 * `start`: opens the store (seeding the sample newsroom into an empty one when `SEED_SAMPLES` is on), then serves
 * Discord when a token is configured, else runs the local console; starts `BACKGROUND_JOBS` once the platform is
 * up. Returns after SIGINT/SIGTERM (or the console's /quit or end of input), with jobs stopped and the store closed.
 */
export async function startNewsbrief(app: CliApp, options: StartOptions = {}): Promise<void> {
  const { config, log } = app;
  const io = options.io ?? { input: process.stdin, output: process.stdout, isInteractive: process.stdin.isTTY === true };
  const jobs = options.jobs ?? BACKGROUND_JOBS;
  const stopping = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    log.info({ signal }, 'stopping');
    stopping.abort();
  };
  const onStop = (): void => stopping.abort();
  const store = await openStore(config.store, { log });
  options.stop?.addEventListener('abort', onStop, { once: true });
  if (options.stop?.aborted === true) stopping.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const running: { name: string; stop(): Promise<void> }[] = [];
  let bot: DiscordBot | undefined;
  let shardManager: ShardManagerHandle | undefined;
  const untilStopped = async (): Promise<void> => {
    if (stopping.signal.aborted) return;
    await new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve(), { once: true }));
  };
  const startJobs = async (discord: ChannelPoster | null): Promise<void> => {
    for (const job of jobs) {
      const handle = await job.start({ store, log, config, now: () => new Date(), discord });
      running.push({ name: job.name, stop: () => handle.stop() });
      log.info({ job: job.name }, 'background job started');
    }
  };
  try {
    if (config.seedSamples && options.isShard !== true) await seedSampleNewsroom(store, log, () => new Date());
    const token = config.discord.token;
    if (options.sharding !== undefined) {
      if (token === undefined) throw new UsageError('--shards needs DISCORD_TOKEN (in .env or the environment).');
      shardManager = await startShardManager({ config, log, ...options.sharding });
      await startJobs(createRestChannelPoster({ token, apiUrl: config.discord.apiUrl }));
      options.onStarted?.();
      await untilStopped();
    } else if (options.isShard === true) {
      bot = await connectUnlessStopped({ config, store, log, signal: stopping.signal });
      if (bot === undefined) return;
      log.info({ shardIds: bot.client.shard?.ids, shards: bot.client.shard?.count }, 'shard serving');
      options.onStarted?.();
      await untilStopped();
    } else if (token !== undefined) {
      bot = await connectUnlessStopped({
        config,
        store,
        log,
        signal: stopping.signal,
        digestScheduler: digestJob.scheduler,
        ...(options.onInteractionHandled === undefined ? {} : { onInteractionHandled: options.onInteractionHandled }),
      });
      if (bot === undefined) return;
      await startJobs(bot.poster);
      options.onStarted?.();
      await untilStopped();
    } else {
      await startJobs(null);
      options.onStarted?.();
      await runConsole({ store, log, config, ...io, signal: stopping.signal, ...(app.logSink === undefined ? {} : { logSink: app.logSink }) });
    }
  } finally {
    for (const job of running.reverse()) {
      try {
        await job.stop();
      } catch (error) {
        log.error({ err: error, job: job.name }, 'background job failed to stop');
      }
    }
    await bot?.stop();
    await shardManager?.stop();
    await store.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    options.stop?.removeEventListener('abort', onStop);
  }
}

/** The bot, or `undefined` when SIGINT/SIGTERM came while it was still connecting (a clean stop, not a failure). */
async function connectUnlessStopped(deps: DiscordBotDeps & { signal: AbortSignal }): Promise<DiscordBot | undefined> {
  try {
    return await startDiscordBot(deps);
  } catch (error) {
    if (deps.signal.aborted) return undefined;
    throw error;
  }
}

/** Start-up failures a person can fix, as a usage error naming what to check; anything else unchanged. */
export function explainStartFailure(error: unknown): unknown {
  if (error instanceof StoreError) return new UsageError(`${error.message} (check DATABASE_URL)`, { cause: error });
  if (error instanceof Error && 'code' in error && error.code === 'TokenInvalid') {
    return new UsageError('Discord did not accept DISCORD_TOKEN; copy the bot token again from the developer portal.', { cause: error });
  }
  return error;
}

export const registerStartVerbs: RegisterVerbs = (program, app) => {
  program
    .command('start')
    .description('Serve Discord when DISCORD_TOKEN is set; otherwise run the local console (same commands, on stdin)')
    .option('--shards <auto|N>', 'run the bot as shards in child processes (large bots; needs DISCORD_TOKEN)')
    .addOption(new Option('--as-shard', 'run as one shard spawned by --shards').hideHelp())
    .action(async (flags: { shards?: string; asShard?: boolean }) => {
      let sharding: StartOptions['sharding'];
      if (flags.shards !== undefined) {
        const parsed = Shards.safeParse(flags.shards);
        if (!parsed.success) throw new UsageError('--shards must be auto or a whole number of 1 or more');
        sharding = { shards: parsed.data, entryFile: process.argv[1] ?? '', execArgv: process.execArgv };
      }
      try {
        await startNewsbrief(app(), { ...(sharding === undefined ? {} : { sharding }), isShard: flags.asShard === true });
      } catch (error) {
        throw explainStartFailure(error);
      }
      // Everything is stopped and closed; a Discord login abandoned by SIGINT would keep its request retrying for
      // up to a minute, so end the process now.
      process.exit(EXIT_OK);
    });

  program
    .command('deploy-commands')
    .description('Register the slash commands with Discord, globally (up to an hour to appear) or for one server')
    .option('--guild <id>', 'register for this server only; takes effect at once')
    .action(async (options: { guild?: string }) => {
      const { config, log, print } = app();
      const token = config.discord.token;
      if (token === undefined) throw new UsageError('deploy-commands needs DISCORD_TOKEN (in .env or the environment).');
      let guildId: string | undefined;
      if (options.guild !== undefined) {
        const parsed = GuildId.safeParse(options.guild);
        if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'bad --guild');
        guildId = parsed.data;
      }
      const result = await deployCommands({
        token,
        apiUrl: config.discord.apiUrl,
        ...(config.discord.applicationId === undefined ? {} : { applicationId: config.discord.applicationId }),
        ...(guildId === undefined ? {} : { guildId }),
        commands: COMMANDS,
        messageCommands: MESSAGE_COMMANDS,
        log,
      });
      print(
        result.scope === 'guild'
          ? `Registered ${result.count} commands for server ${guildId ?? ''}.`
          : `Registered ${result.count} commands globally (they may take up to an hour to appear).`,
      );
      process.exitCode = EXIT_OK;
    });
};
