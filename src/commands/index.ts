import { brief } from './brief.js';
import type { Command } from './command.js';
import { quotes } from './quotes.js';
import { search } from './search.js';

/** Every slash command, listed explicitly; both platforms and `deploy-commands` read this list. */
export const COMMANDS: readonly Command[] = [brief, quotes, search];

/** The command with this name, or `undefined`. */
export function findCommand(name: string, commands: readonly Command[] = COMMANDS): Command | undefined {
  return commands.find((command) => command.definition.name === name);
}
