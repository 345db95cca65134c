import { randomUUID } from 'node:crypto';
import { pressButton, type ButtonAnswer } from '../commands/buttons.js';
import {
  optionDefinitions,
  type Command,
  type CommandContext,
  type Choice,
  type FocusedOption,
  type MessageCommand,
  type RawOptions,
  type TargetMessage,
} from '../commands/command.js';
import { describeBadOption, parsePlainly } from '../commands/option-issues.js';
import { StoreError, UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { renderInternalError, renderStoreUnavailable, renderUserError } from '../render/notice.js';
import type { Reply } from '../render/reply.js';

/** A short id that a user can quote and an operator can find in the logs. */
const newRef = (): string => randomUUID().slice(0, 8);

/**
 * Runs a command: the one error edge both platforms use. Validates the raw options (a failure is a `bad_option`
 * user error naming the option), runs the handler, and turns every failure into a reply: a `UserError` shows its
 * message to the user alone; a `StoreError` says the store is unavailable; anything else is logged with the
 * invocation's context and answered with a generic message and a ref. Never throws, never shows a stack trace.
 */
export async function runCommand(command: Command, options: RawOptions, ctx: CommandContext): Promise<Reply> {
  return (await executeCommand(command, options, ctx)).reply;
}

/** How a command ended; callers with an exit code (the CLI) need it beside the reply. */
export type CommandOutcome = 'ok' | 'user_error' | 'store_unavailable' | 'internal_error';

/** `runCommand`, also telling how the command ended. */
export async function executeCommand(
  command: Command,
  options: RawOptions,
  ctx: CommandContext,
): Promise<{ reply: Reply; outcome: CommandOutcome }> {
  const { log, logDone } = edgeLog(ctx, { command: command.definition.name }, 'command done');
  try {
    const parsed = parsePlainly(command.args, options);
    if (!parsed.success) {
      throw new UserError('bad_option', describeBadOption(parsed.error.issues, { describe: describerFor(command, options) }), { cause: parsed.error });
    }
    const reply = await command.run(parsed.data, { ...ctx, log });
    logDone('ok', { messages: 1 + (reply.followUps?.length ?? 0) });
    return { reply, outcome: 'ok' };
  } catch (error) {
    return answerFailure(error, log, logDone, { options });
  }
}

/** `runCommand` for a button press: the same error edge, and a failure is always a new private message. */
export async function runButton(customId: string, ctx: CommandContext): Promise<ButtonAnswer> {
  const { log, logDone } = edgeLog(ctx, { button: customId }, 'button done');
  try {
    const answer = await pressButton(customId, { ...ctx, log });
    logDone('ok');
    return answer;
  } catch (error) {
    return { reply: answerFailure(error, log, logDone, {}).reply, isUpdate: false };
  }
}

/** `runCommand` for a message context-menu command, with the same error edge. */
export async function runMessageCommand(command: MessageCommand, message: TargetMessage, ctx: CommandContext): Promise<Reply> {
  const { log, logDone } = edgeLog(ctx, { command: command.definition.name }, 'command done');
  try {
    const reply = await command.run(message, { ...ctx, log });
    logDone('ok', { messages: 1 + (reply.followUps?.length ?? 0) });
    return reply;
  } catch (error) {
    return answerFailure(error, log, logDone, {}).reply;
  }
}

type LogDone = (outcome: string, extra?: Record<string, unknown>) => void;

/** The invocation's logger, and the one line it logs when done, with the outcome and the time taken. */
function edgeLog(ctx: CommandContext, fields: Record<string, unknown>, message: string): { log: Logger; logDone: LogDone } {
  const startedAt = performance.now();
  const log = ctx.log.child({ ...fields, userId: ctx.userId, guildId: ctx.guildId });
  const logDone: LogDone = (outcome, extra = {}) => log.info({ outcome, ms: Math.round(performance.now() - startedAt), ...extra }, message);
  return { log, logDone };
}

/** The reply to a failed command or button: a `UserError` as written, else a ref to the logged cause. */
function answerFailure(
  error: unknown,
  log: Logger,
  logDone: LogDone,
  context: Record<string, unknown>,
): { reply: Reply; outcome: CommandOutcome } {
  if (error instanceof UserError) {
    logDone('user_error', { code: error.code });
    return { reply: renderUserError(error.message), outcome: 'user_error' };
  }
  const ref = newRef();
  if (error instanceof StoreError) {
    log.error({ err: error, ref, ...context }, 'store unavailable during command');
    return { reply: renderStoreUnavailable(ref), outcome: 'store_unavailable' };
  }
  log.error({ err: error, ref, ...context }, 'command failed');
  return { reply: renderInternalError(ref), outcome: 'internal_error' };
}

/**
 * Runs a command's autocomplete; any failure is logged and answered with no choices, because autocomplete has no way
 * to show an error and a stale or empty list is harmless.
 */
export async function runAutocomplete(command: Command, focused: FocusedOption, ctx: CommandContext): Promise<Choice[]> {
  if (command.autocomplete === undefined) return [];
  try {
    return await command.autocomplete(focused, ctx);
  } catch (error) {
    ctx.log.warn({ err: error, command: command.definition.name, option: focused.name }, 'autocomplete failed');
    return [];
  }
}

/** The description of a command's option (of the chosen subcommand's, for a command that has them). */
function describerFor(command: Command, options: RawOptions): (option: string) => string | undefined {
  const subcommand = typeof options['subcommand'] === 'string' ? options['subcommand'] : undefined;
  return (option) => optionDefinitions(command, subcommand).find((definition) => definition.name === option)?.description;
}
