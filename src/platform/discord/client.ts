import { setTimeout as sleep } from 'node:timers/promises';
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
} from 'discord.js';
import { backoffPauseMs } from '../../backoff.js';
import type { Command, CommandContext } from '../../commands/command.js';
import { COMMANDS, findCommand } from '../../commands/index.js';
import type { Config } from '../../config.js';
import { DiscordUnavailableError } from '../../errors.js';
import type { Store } from '../../data/store.js';
import type { Logger } from '../../log.js';
import { renderNotice } from '../../render/notice.js';
import { replyMessages, type Reply, type ReplyMessage } from '../../render/reply.js';
import type { ChannelPoster } from '../background-jobs.js';
import { runAutocomplete, runCommand } from '../run-command.js';
import { checkChannelAccess } from './digest-poster.js';
import { rawOptions } from './options.js';

/** How long a command may run before the reply is deferred; Discord drops interactions not answered within 3 s. */
export const DEFAULT_DEFER_AFTER_MS = 1_500;

export type DiscordBotDeps = {
  config: Config;
  store: Store;
  log: Logger;
  now?: () => Date;
  commands?: readonly Command[];
  /** Milliseconds before a slow command's reply is deferred; default 1500; 0 defers every command at once. */
  deferAfterMs?: number;
  /** Reschedules a server's digest after `/digest` changes it (the running digest job's scheduler). */
  digestScheduler?: CommandContext['digestScheduler'];
  /** Called once an interaction has been fully answered (or given up on); tests wait on it. */
  onInteractionHandled?: (interactionId: string) => void;
  /** Stops connecting (SIGINT/SIGTERM while the bot is still logging in). */
  signal?: AbortSignal;
};

export type DiscordBot = {
  client: Client;
  /** Posts to channels through the bot's REST client (for the digest). */
  poster: ChannelPoster;
  stop(): Promise<void>;
};

/**
 * Logs in to Discord (or whatever `config.discord.apiUrl` names) with the Guilds intent only, routes chat-input
 * and autocomplete interactions to the commands, and resolves once the client is ready.
 * Every message the bot sends mentions no one. An attempt that fails or takes longer than
 * `config.discord.login.timeoutMs` is retried after a back-off, up to `login.attempts` in all; then
 * `DiscordUnavailableError` says so in one line. A refused token is not retried. Aborting `signal` stops trying.
 */
export async function startDiscordBot(deps: DiscordBotDeps): Promise<DiscordBot> {
  const token = deps.config.discord.token;
  if (token === undefined) throw new Error('startDiscordBot needs config.discord.token');
  const log = deps.log.child({ platform: 'discord' });
  const client = await connect(token, { ...deps, log });
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord ready');
  return {
    client,
    poster: {
      async send(channelId, message) {
        const created = (await client.rest.post(Routes.channelMessages(channelId), { body: message })) as { id: string };
        return { id: created.id };
      },
    },
    async stop() {
      await client.destroy();
    },
  };
}

/** Failures that retrying cannot fix: the token or the intents are refused. */
const FINAL_LOGIN_FAILURES = new Set(['TokenInvalid', 'TokenMissing', 'DisallowedIntents']);
const isFinalLoginFailure = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' && FINAL_LOGIN_FAILURES.has(error.code);

/** Why an attempt failed, in plain words. */
function loginFailureReason(error: unknown, timeoutMs: number): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (error instanceof LoginTimeout) return `no answer within ${timeoutMs / 1_000} s`;
  // discord.js's own REST timeout, which it retries before giving the attempt up.
  if (error instanceof Error && error.name === 'AbortError') return 'its requests timed out';
  return error instanceof Error ? error.message : String(error);
}

class LoginTimeout extends Error {
  override name = 'LoginTimeout';
}

/** A fresh client per attempt: a client whose login failed half-way is not reused. */
async function connect(token: string, deps: HandlerDeps): Promise<Client> {
  const { apiUrl, login } = deps.config.discord;
  let lastError: unknown;
  for (let attempt = 1; attempt <= login.attempts; attempt += 1) {
    deps.signal?.throwIfAborted();
    const client = createClient(deps);
    deps.log.info({ apiUrl, attempt, attempts: login.attempts }, 'discord connecting');
    try {
      await loginWithin(client, token, login.timeoutMs, deps.signal);
      return client;
    } catch (error) {
      await client.destroy();
      if (isFinalLoginFailure(error) || deps.signal?.aborted === true) throw error;
      lastError = error;
      if (attempt === login.attempts) break;
      const retryInMs = backoffPauseMs(attempt, login.backoff);
      deps.log.warn({ attempt, reason: loginFailureReason(error, login.timeoutMs), retryInMs }, 'discord login failed');
      await sleep(retryInMs, undefined, deps.signal === undefined ? {} : { signal: deps.signal });
    }
  }
  throw new DiscordUnavailableError(
    `Could not connect to Discord at ${apiUrl} after ${login.attempts} attempt${login.attempts === 1 ? '' : 's'}: ` +
      `${loginFailureReason(lastError, login.timeoutMs)}.`,
    { cause: lastError },
  );
}

/** Logs in and waits for READY, failing with `LoginTimeout` after `timeoutMs` (the caller destroys the client). */
async function loginWithin(client: Client, token: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LoginTimeout('login timed out')), timeoutMs);
  });
  const aborted = new Promise<never>((_, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  const loggedIn = client.login(token).then(() => ready);
  // The losing promises may still settle after the race; their outcome no longer matters.
  loggedIn.catch(() => undefined);
  aborted.catch(() => undefined);
  try {
    await Promise.race([loggedIn, timeout, aborted]);
  } finally {
    clearTimeout(timer);
  }
}

function createClient(deps: HandlerDeps): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: deps.config.discord.apiUrl },
    allowedMentions: { parse: [] },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    void handleInteraction(interaction, deps).finally(() => deps.onInteractionHandled?.(interaction.id));
  });
  client.on(Events.Error, (error) => deps.log.error({ err: error }, 'discord client error'));
  client.on(Events.ShardError, (error, shardId) => deps.log.warn({ err: error, shardId }, 'discord shard error'));
  return client;
}

type HandlerDeps = DiscordBotDeps & { log: Logger };

async function handleInteraction(interaction: Interaction, deps: HandlerDeps): Promise<void> {
  if (interaction.isAutocomplete()) return handleAutocomplete(interaction, deps);
  if (interaction.isChatInputCommand()) return handleChatInput(interaction, deps);
}

function contextFor(interaction: ChatInputCommandInteraction | AutocompleteInteraction, deps: HandlerDeps): CommandContext {
  const guildId = interaction.guildId;
  return {
    store: deps.store,
    log: deps.log.child({ interactionId: interaction.id }),
    now: deps.now ?? (() => new Date()),
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    memberPermissions: interaction.memberPermissions?.bitfield.toString() ?? null,
    config: { timezone: deps.config.timezone, digest: deps.config.digest, instanceId: deps.config.instanceId },
    ...(deps.digestScheduler === undefined ? {} : { digestScheduler: deps.digestScheduler }),
    ...(guildId === null ? {} : { channelAccess: (channelId: string) => checkChannelAccess(interaction.client, guildId, channelId) }),
  };
}

async function handleAutocomplete(interaction: AutocompleteInteraction, deps: HandlerDeps): Promise<void> {
  const command = findCommand(interaction.commandName, deps.commands ?? COMMANDS);
  const ctx = contextFor(interaction, deps);
  const focused = interaction.options.getFocused(true);
  const choices =
    command === undefined
      ? []
      : await runAutocomplete(
          command,
          { name: focused.name, value: String(focused.value), options: rawOptions(interaction.options.data) },
          ctx,
        );
  try {
    await interaction.respond(choices);
  } catch (error) {
    ctx.log.warn({ err: error, command: interaction.commandName }, 'autocomplete answer failed');
  }
}

async function handleChatInput(interaction: ChatInputCommandInteraction, deps: HandlerDeps): Promise<void> {
  const ctx = contextFor(interaction, deps);
  const command = findCommand(interaction.commandName, deps.commands ?? COMMANDS);
  const options = rawOptions(interaction.options.data);
  let deferral: Promise<boolean> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    let reply: Reply;
    if (command === undefined) {
      reply = renderNotice('This command is not known to this version of newsbrief; an admin should run deploy-commands.');
    } else {
      const parsed = command.args.safeParse(options);
      const isPrivate = parsed.success && command.isPrivate !== undefined ? command.isPrivate(parsed.data) : false;
      const defer = (): void => {
        deferral = interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {}).then(() => isPrivate);
      };
      const deferAfterMs = deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
      if (deferAfterMs <= 0) defer();
      else timer = setTimeout(defer, deferAfterMs);
      reply = await runCommand(command, options, ctx);
      clearTimeout(timer);
    }
    await sendReply(interaction, reply, deferral);
  } catch (error) {
    // Discord refused or could not be reached even after discord.js's retries; nothing more can reach the user.
    ctx.log.error({ err: error, command: interaction.commandName }, 'reply failed');
  } finally {
    clearTimeout(timer);
  }
}

/** Sends a reply: as the interaction response, or into the deferred response, then every follow-up. */
async function sendReply(interaction: ChatInputCommandInteraction, reply: Reply, deferral: Promise<boolean> | undefined): Promise<void> {
  const [first, ...rest] = replyMessages(reply);
  if (first === undefined) return;
  if (deferral === undefined) {
    await interaction.reply(toDiscord(first, reply.ephemeral));
  } else {
    const isDeferredPrivate = await deferral;
    if (reply.ephemeral && !isDeferredPrivate) {
      // A public "thinking…" cannot turn private; replace it so an error stays visible to its user alone.
      await interaction.deleteReply();
      await interaction.followUp(toDiscord(first, true));
    } else {
      await interaction.editReply(toDiscordEdit(first));
    }
  }
  for (const message of rest) await interaction.followUp(toDiscord(message, reply.ephemeral));
}

function toDiscord(message: ReplyMessage, isEphemeral: boolean): InteractionReplyOptions {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    ...(message.embeds !== undefined ? { embeds: message.embeds } : {}),
    allowedMentions: { parse: [] },
    ...(isEphemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

function toDiscordEdit(message: ReplyMessage): InteractionEditReplyOptions {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    ...(message.embeds !== undefined ? { embeds: message.embeds } : {}),
    allowedMentions: { parse: [] },
  };
}
