import { setTimeout as sleep } from 'node:timers/promises';
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteraction,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { backoffPauseMs } from '../../backoff.js';
import type { Command, CommandContext, MessageCommand } from '../../commands/command.js';
import { COMMANDS, findCommand, findMessageCommand, MESSAGE_COMMANDS } from '../../commands/index.js';
import type { Config } from '../../config.js';
import { DiscordUnavailableError } from '../../errors.js';
import type { Store } from '../../data/store.js';
import type { Logger } from '../../log.js';
import { turnsPage } from '../../render/components.js';
import { renderNotice } from '../../render/notice.js';
import { replyMessages, type Reply, type ReplyMessage } from '../../render/reply.js';
import type { ChannelPoster } from '../background-jobs.js';
import { runAutocomplete, runButton, runCommand, runMessageCommand } from '../run-command.js';
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
  messageCommands?: readonly MessageCommand[];
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
 * Logs in to Discord (or whatever `config.discord.apiUrl` names) with the Guilds intent only, routes chat-input,
 * autocomplete, message context-menu and button interactions to the commands, and resolves once the client is ready.
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
  if (interaction.isMessageContextMenuCommand()) return handleMessageCommand(interaction, deps);
  if (interaction.isButton()) return handleButton(interaction, deps);
}

function contextFor(interaction: CommandInteraction | AutocompleteInteraction | ButtonInteraction, deps: HandlerDeps): CommandContext {
  const guildId = interaction.guildId;
  return {
    store: deps.store,
    log: deps.log.child({ interactionId: interaction.id }),
    now: deps.now ?? (() => new Date()),
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    memberPermissions: interaction.memberPermissions?.bitfield.toString() ?? null,
    config: { timezone: deps.config.timezone, digest: deps.config.digest, instanceId: deps.config.instanceId, fetch: deps.config.fetch },
    supportsButtons: true,
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

const UNKNOWN_COMMAND = 'This command is not known to this version of newsbrief; an admin should run deploy-commands.';

async function handleChatInput(interaction: ChatInputCommandInteraction, deps: HandlerDeps): Promise<void> {
  const ctx = contextFor(interaction, deps);
  const command = findCommand(interaction.commandName, deps.commands ?? COMMANDS);
  if (command === undefined) return answerCommand(interaction, ctx, deps, false, async () => renderNotice(UNKNOWN_COMMAND));
  const options = rawOptions(interaction.options.data);
  const parsed = command.args.safeParse(options);
  const isPrivate = parsed.success && command.isPrivate !== undefined ? command.isPrivate(parsed.data) : false;
  return answerCommand(interaction, ctx, deps, isPrivate, (runCtx) => runCommand(command, options, runCtx));
}

/** "Brief this link" and any other command in a message's Apps menu: the target message is its input. */
async function handleMessageCommand(interaction: MessageContextMenuCommandInteraction, deps: HandlerDeps): Promise<void> {
  const ctx = contextFor(interaction, deps);
  const command = findMessageCommand(interaction.commandName, deps.messageCommands ?? MESSAGE_COMMANDS);
  if (command === undefined) return answerCommand(interaction, ctx, deps, false, async () => renderNotice(UNKNOWN_COMMAND));
  const target = interaction.targetMessage;
  const message = { content: target.content, embedUrls: target.embeds.flatMap((embed) => (embed.url === null ? [] : [embed.url])) };
  return answerCommand(interaction, ctx, deps, false, (runCtx) => runMessageCommand(command, message, runCtx));
}

/**
 * Runs a command and sends its reply, deferring the reply (privately when `isPrivate`) once the command has taken
 * `deferAfterMs`, or at once when the command asks to (before a fetch).
 */
async function answerCommand(
  interaction: CommandInteraction,
  ctx: CommandContext,
  deps: HandlerDeps,
  isPrivate: boolean,
  run: (ctx: CommandContext) => Promise<Reply>,
): Promise<void> {
  let deferral: Promise<boolean> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const defer = (): Promise<boolean> => {
      clearTimeout(timer);
      deferral ??= interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {}).then(() => isPrivate);
      return deferral;
    };
    const deferAfterMs = deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
    if (deferAfterMs <= 0) void defer();
    else timer = setTimeout(() => void defer(), deferAfterMs);
    // A failed deferral is reported when the reply is sent; the command goes on either way.
    const deferReply = (): Promise<void> => defer().then(() => undefined, () => undefined);
    const reply = await run({ ...ctx, deferReply });
    clearTimeout(timer);
    await sendReply(interaction, reply, deferral);
  } catch (error) {
    // Discord refused or could not be reached even after discord.js's retries; nothing more can reach the user.
    ctx.log.error({ err: error, command: interaction.commandName }, 'reply failed');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Answers a button press: a page turn redraws the pressed message, anything else (All quotes, an expired page) is a
 * new message. A press still running after `deferAfterMs` is deferred the way its answer will most likely go.
 */
async function handleButton(interaction: ButtonInteraction, deps: HandlerDeps): Promise<void> {
  const ctx = contextFor(interaction, deps);
  const isTurn = turnsPage(interaction.customId);
  let deferral: Promise<unknown> | undefined;
  const defer = (): void => {
    deferral = isTurn ? interaction.deferUpdate() : interaction.deferReply({ flags: MessageFlags.Ephemeral });
  };
  const deferAfterMs = deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  let timer: NodeJS.Timeout | undefined;
  if (deferAfterMs <= 0) defer();
  else timer = setTimeout(defer, deferAfterMs);
  try {
    const { reply, isUpdate } = await runButton(interaction.customId, ctx);
    clearTimeout(timer);
    const [first, ...rest] = replyMessages(reply);
    if (first === undefined) return;
    if (deferral === undefined) {
      if (isUpdate) await interaction.update(toDiscordUpdate(first));
      else await interaction.reply(toDiscord(first, reply.ephemeral));
    } else {
      await deferral;
      // After deferUpdate the original message is the pressed one; after deferReply it is the private "thinking".
      if (isUpdate === isTurn) await interaction.editReply(isUpdate ? toDiscordUpdate(first) : toDiscordEdit(first));
      else await interaction.followUp(toDiscord(first, reply.ephemeral));
    }
    for (const message of rest) await interaction.followUp(toDiscord(message, reply.ephemeral));
  } catch (error) {
    ctx.log.error({ err: error, button: interaction.customId }, 'reply failed');
  } finally {
    clearTimeout(timer);
  }
}

/** Sends a reply: as the interaction response, or into the deferred response, then every follow-up. */
async function sendReply(interaction: CommandInteraction, reply: Reply, deferral: Promise<boolean> | undefined): Promise<void> {
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
  return { ...messageParts(message), ...(isEphemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

function toDiscordEdit(message: ReplyMessage): InteractionEditReplyOptions {
  return messageParts(message);
}

/** What every kind of send shares: the parts the message has, and no mentions. */
function messageParts(message: ReplyMessage): Pick<InteractionEditReplyOptions & InteractionReplyOptions, 'content' | 'embeds' | 'components' | 'allowedMentions'> {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    ...(message.embeds !== undefined ? { embeds: message.embeds } : {}),
    ...(message.components !== undefined ? { components: message.components } : {}),
    allowedMentions: { parse: [] },
  };
}

/** A redrawn message replaces every part: a page without buttons must clear the old ones. */
function toDiscordUpdate(message: ReplyMessage): InteractionUpdateOptions {
  return { content: message.content ?? '', embeds: message.embeds ?? [], components: message.components ?? [], allowedMentions: { parse: [] } };
}
