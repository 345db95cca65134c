import { ApplicationCommandOptionType, type CommandInteractionOption } from 'discord.js';
import type { OptionValue, RawOptions } from '../../commands/command.js';

/** The option values of an interaction by name; a subcommand contributes its name (as `subcommand`) and its options. */
export function rawOptions(data: readonly CommandInteractionOption[]): RawOptions {
  const options: Record<string, OptionValue> = {};
  for (const option of data) {
    // A subcommand (`/digest set ...`) holds the real options; its name goes under `subcommand`.
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      options['subcommand'] = option.name;
      Object.assign(options, rawOptions(option.options ?? []));
      continue;
    }
    if (option.value !== undefined && option.value !== null) options[option.name] = option.value;
  }
  return options;
}
