import { briefThisLink } from './brief-this-link.js';
import { brief } from './brief.js';
import type { Command, MessageCommand } from './command.js';
import { digest } from './digest.js';
import { quotes } from './quotes.js';
import { search } from './search.js';

/** Every slash command, listed explicitly; both platforms and `deploy-commands` read this list. */
export const COMMANDS: readonly Command[] = [brief, quotes, search, digest];

/** The command with this name, or `undefined`. */
export function findCommand(name: string, commands: readonly Command[] = COMMANDS): Command | undefined {
  return commands.find((command) => command.definition.name === name);
}

/** Every message context-menu command; `deploy-commands` registers them beside the slash commands. */
export const MESSAGE_COMMANDS: readonly MessageCommand[] = [briefThisLink];

/** The message command with this name, or `undefined`. */
export function findMessageCommand(name: string, commands: readonly MessageCommand[] = MESSAGE_COMMANDS): MessageCommand | undefined {
  return commands.find((command) => command.definition.name === name);
}
