import { randomUUID } from 'node:crypto';
import { optionDefinitions, type Command, type CommandContext, type Choice, type FocusedOption, type RawOptions } from '../commands/command.js';
import { describeBadOption, parsePlainly } from '../commands/option-issues.js';
import { StoreError, UserError } from '../errors.js';
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
  const name = command.definition.name;
  const startedAt = performance.now();
  const log = ctx.log.child({ command: name, userId: ctx.userId, guildId: ctx.guildId });
  const logDone = (outcome: string, extra: Record<string, unknown> = {}): void =>
    log.info({ outcome, ms: Math.round(performance.now() - startedAt), ...extra }, 'command done');
  try {
    const parsed = parsePlainly(command.args, options);
    if (!parsed.success) {
      throw new UserError('bad_option', describeBadOption(parsed.error.issues, { describe: describerFor(command, options) }), { cause: parsed.error });
    }
    const reply = await command.run(parsed.data, { ...ctx, log });
    logDone('ok', { messages: 1 + (reply.followUps?.length ?? 0) });
    return { reply, outcome: 'ok' };
  } catch (error) {
    if (error instanceof UserError) {
      logDone('user_error', { code: error.code });
      return { reply: renderUserError(error.message), outcome: 'user_error' };
    }
    const ref = newRef();
    if (error instanceof StoreError) {
      log.error({ err: error, ref, options }, 'store unavailable during command');
      return { reply: renderStoreUnavailable(ref), outcome: 'store_unavailable' };
    }
    log.error({ err: error, ref, options }, 'command failed');
    return { reply: renderInternalError(ref), outcome: 'internal_error' };
  }
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
