import { ApplicationCommandOptionType as Opt, type APIApplicationCommandOption } from 'discord-api-types/v10';
import type { Command, OptionValue, RawOptions } from '../../commands/command.js';
import { findCommand } from '../../commands/index.js';

/** What one console line asks for. */
export type ConsoleInput =
  | { kind: 'empty' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'command'; command: Command; options: RawOptions }
  | { kind: 'error'; message: string };

/**
 * Parses `/brief ukraine talks bullets:3 private:true` against the commands' own definitions: `name:value` pairs for
 * the command's options (a value runs until the next known `name:`, so it may contain spaces and colons), and any
 * text before the first pair fills the first required option. Values are converted to the option's type.
 */
export function parseConsoleLine(line: string, commands: readonly Command[]): ConsoleInput {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'empty' };
  const [head = ''] = trimmed.split(/\s+/);
  const name = head.replace(/^\//, '').toLowerCase();
  if (name === 'help' || name === '?') return { kind: 'help' };
  if (name === 'quit' || name === 'exit' || name === 'q') return { kind: 'quit' };
  const command = findCommand(name, commands);
  if (command === undefined) return { kind: 'error', message: `Unknown command "/${name}". Type /help for the list.` };

  let definitions: readonly APIApplicationCommandOption[] = command.definition.options ?? [];
  let rest = trimmed.slice(head.length).trim();
  const options: Record<string, OptionValue> = {};
  const subcommands = definitions.filter((option) => option.type === Opt.Subcommand);
  if (subcommands.length > 0) {
    // `/digest set channel:...`: the first word picks the subcommand, as Discord sends it (`subcommand` + its options).
    const [word = ''] = rest.split(/\s+/);
    const chosen = subcommands.find((option) => option.name === word.toLowerCase());
    if (chosen === undefined) {
      return { kind: 'error', message: `/${name} needs one of: ${subcommands.map((option) => option.name).join(', ')}.` };
    }
    options['subcommand'] = chosen.name;
    definitions = chosen.options ?? [];
    rest = rest.slice(word.length).trim();
  }
  const names = definitions.map((option) => option.name);
  const pairs = splitPairs(rest, names);
  const raw = new Map<string, string>();
  if (pairs.leading !== '') {
    const first = definitions.find((option) => option.required === true) ?? definitions[0];
    if (first === undefined) return { kind: 'error', message: `/${name} takes no text.` };
    raw.set(first.name, pairs.leading);
  }
  for (const [key, value] of pairs.named) raw.set(key, value);

  for (const [key, text] of raw) {
    const definition = definitions.find((option) => option.name === key);
    if (definition === undefined) continue;
    const converted = convert(definition, text);
    if (typeof converted === 'object') return { kind: 'error', message: `Option "${key}": ${converted.error}` };
    options[key] = converted;
  }
  const missing = definitions.find((option) => option.required === true && options[option.name] === undefined);
  if (missing !== undefined) {
    return { kind: 'error', message: `/${name} needs ${missing.name}: ${missing.description}. Example: /${name} ${missing.name}:...` };
  }
  return { kind: 'command', command, options };
}

function splitPairs(text: string, names: readonly string[]): { leading: string; named: [string, string][] } {
  if (names.length === 0) return { leading: text, named: [] };
  const escaped = names.map((option) => option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const marker = new RegExp(`(?:^|\\s)(${escaped.join('|')}):`, 'gi');
  const matches = [...text.matchAll(marker)];
  const leading = (matches[0] === undefined ? text : text.slice(0, matches[0].index)).trim();
  const named = matches.map((match, index): [string, string] => {
    const start = match.index + match[0].length;
    const end = matches[index + 1]?.index ?? text.length;
    return [(match[1] ?? '').toLowerCase(), text.slice(start, end).trim()];
  });
  return { leading, named };
}

function convert(option: APIApplicationCommandOption, text: string): OptionValue | { error: string } {
  switch (option.type) {
    case Opt.Integer:
      return /^-?\d+$/.test(text) ? Number(text) : { error: 'must be a whole number' };
    case Opt.Number:
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : { error: 'must be a number' };
    case Opt.Boolean: {
      const lowered = text.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(lowered)) return true;
      if (['false', 'no', 'off', '0'].includes(lowered)) return false;
      return { error: 'must be true or false' };
    }
    default:
      return text;
  }
}

/** `/help`: every command with its options, from the same definitions Discord gets; subcommands that work here. */
export function describeCommands(commands: readonly Command[]): string {
  const usage = (path: string, options: readonly APIApplicationCommandOption[]): string =>
    `${path} ${options.map((option) => (option.required === true ? `${option.name}:<…>` : `[${option.name}:…]`)).join(' ')}`.trimEnd();
  const details = (options: readonly APIApplicationCommandOption[]): string[] =>
    options.map((option) => `    ${option.name}: ${option.description}`);
  return commands
    .flatMap((command) => {
      const path = `/${command.definition.name}`;
      const options = command.definition.options ?? [];
      const subcommands = options.filter((option) => option.type === Opt.Subcommand);
      if (subcommands.length === 0) {
        return [[usage(path, options), `    ${command.definition.description}`, ...details(options)].join('\n')];
      }
      const usable = subcommands.filter((sub) => command.localSubcommands?.includes(sub.name) ?? true);
      return usable.map((sub) =>
        [usage(`${path} ${sub.name}`, sub.options ?? []), `    ${sub.description}`, ...details(sub.options ?? [])].join('\n'),
      );
    })
    .concat(['/help    this list', '/quit    leave the console'])
    .join('\n');
}
