import {
  ApplicationCommandOptionType as Opt,
  type APIApplicationCommandOption,
  type APIApplicationCommandOptionChoice,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { z } from 'zod';
import type { Config } from '../config.js';
import type { Store } from '../data/store.js';
import type { Logger } from '../log.js';
import type { Reply } from '../render/reply.js';

/** A slash command's registration JSON, exactly as Discord's API takes it. */
export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** An option value as Discord sends it (the console converts typed text to the option's type first). */
export type OptionValue = string | number | boolean;

/** Raw option values by option name, before validation. */
export type RawOptions = Readonly<Record<string, OptionValue>>;

/** The option being typed during autocomplete, with the options already filled in (e.g. the article for `speaker`). */
export type FocusedOption = { name: string; value: string; options: RawOptions };

/** One autocomplete suggestion; `render/choices.ts` keeps lists within Discord's limits. */
export type Choice = APIApplicationCommandOptionChoice<string | number>;

/** The configuration commands may read; nothing secret (no token, no database URL). */
export type CommandConfig = Pick<Config, 'timezone' | 'digest' | 'instanceId'>;

/** Whether the bot can post in a channel; `reason` says why not, in plain words. */
export type ChannelAccess = { ok: true } | { ok: false; reason: string };

/** Everything a command may use. A command never sees an interaction or knows which platform called it. */
export type CommandContext = {
  store: Store;
  /** Already carries the command name, user and guild. */
  log: Logger;
  now: () => Date;
  /** The Discord server, or `null` in a DM or the console. */
  guildId: string | null;
  /** The channel the command was used in, or `null` in the console. */
  channelId: string | null;
  /** The Discord user id, or `console` in the local console. */
  userId: string;
  /** The member's permission bitfield as Discord's decimal string; `null` outside a server and in the console. */
  memberPermissions: string | null;
  config: CommandConfig;
  /** Reschedules a server's digest after `/digest` changed it; absent where no digest job runs (console, tests). */
  digestScheduler?: { reschedule(guildId: string): Promise<void> };
  /** Whether the bot can post in a channel of this server; absent where the platform cannot tell (console). */
  channelAccess?: (channelId: string) => Promise<ChannelAccess>;
};

/**
 * A slash command: its registration JSON, a zod schema for its options, the handler and an optional autocomplete.
 * `run` receives validated options; it throws `UserError` for anything the user can fix and returns a `Reply`.
 */
export type Command<Args extends z.ZodType = z.ZodType> = {
  readonly definition: CommandDefinition;
  /** Validates the raw options by name; a failure becomes `UserError('bad_option')` naming the option. */
  readonly args: Args;
  run(args: z.output<Args>, ctx: CommandContext): Promise<Reply>;
  /** Suggestions for the focused option; at most 25, each name at most 100 characters. */
  autocomplete?(focused: FocusedOption, ctx: CommandContext): Promise<Choice[]>;
  /**
   * Whether the answer will be visible only to its caller, known before running so that a platform that must defer
   * the reply can defer it ephemerally. Default: not private (errors are made ephemeral separately).
   */
  isPrivate?(args: z.output<Args>): boolean;
  /** The subcommands that work outside a server (the console offers only these). Default: all of them. */
  readonly localSubcommands?: readonly string[];
};

/** Identity function that ties a command's handler types to its option schema. */
export function defineCommand<Args extends z.ZodType>(command: Command<Args>): Command<Args> {
  return command;
}

/** The options a command takes: its own, or those of `subcommand` for a command made of subcommands. */
export function optionDefinitions(command: Command, subcommand?: string): readonly APIApplicationCommandOption[] {
  const options = command.definition.options ?? [];
  const chosen = options.find((option) => option.type === Opt.Subcommand && option.name === subcommand);
  return chosen?.type === Opt.Subcommand ? (chosen.options ?? []) : options;
}
