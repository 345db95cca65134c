import { ApplicationCommandOptionType as Opt, type APIApplicationCommandOption } from 'discord-api-types/v10';
import type { Command, OptionValue, RawOptions } from '../../commands/command.js';
import { findCommand } from '../../commands/index.js';
import { describeBadOption } from '../../commands/option-issues.js';

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
  if (command === undefined) {
    const nearest = nearestName(name, [...commands.map((candidate) => candidate.definition.name), 'help', 'quit']);
    const guess = nearest === undefined ? '' : ` Did you mean /${nearest}?`;
    return { kind: 'error', message: `Unknown command "/${name}".${guess} Type /help for the list.` };
  }

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
    const local = command.localSubcommands;
    if (local !== undefined && !local.includes(chosen.name)) {
      const here = local.map((sub) => `/${name} ${sub}`).join(', ');
      return { kind: 'error', message: `/${name} ${chosen.name} works in a Discord server only; here: ${here === '' ? 'none' : here}.` };
    }
    options['subcommand'] = chosen.name;
    definitions = chosen.options ?? [];
    rest = rest.slice(word.length).trim();
  }
  const names = definitions.map((option) => option.name);
  const pairs = splitPairs(rest, names);
  const unknown = [pairs.leading, ...pairs.named.map(([, value]) => value)].flatMap(unknownOptionNames(names))[0];
  if (unknown !== undefined) {
    const nearest = nearestName(unknown, names);
    const guess = nearest === undefined ? '' : ` Did you mean ${nearest}:?`;
    const known = names.length === 0 ? 'It takes no options.' : `Its options: ${names.join(', ')}.`;
    return { kind: 'error', message: `/${name}${options['subcommand'] === undefined ? '' : ` ${String(options['subcommand'])}`} has no option "${unknown}".${guess} ${known}` };
  }
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
    if (typeof converted === 'object') return { kind: 'error', message: describeBadOption([{ path: [key], message: converted.error }]) };
    options[key] = converted;
  }
  const missing = definitions.find((option) => option.required === true && options[option.name] === undefined);
  if (missing !== undefined) {
    return { kind: 'error', message: `/${name} needs ${missing.name}: ${missing.description}. Example: /${name} ${missing.name}:...` };
  }
  return { kind: 'command', command, options };
}

/**
 * Words typed as `name:value` that name no option of the command (`bulets:3`), in the order typed. Only lowercase
 * words of two letters or more count, and never a URL's scheme, so times (`07:30`) and links stay plain text.
 */
function unknownOptionNames(names: readonly string[]): (text: string) => string[] {
  return (text) =>
    [...text.matchAll(/(?:^|\s)([a-z][a-z_]+):(?!\/\/)(?=\S)/g)]
      .map((match) => match[1] ?? '')
      .filter((word) => !names.includes(word));
}

/** The candidate within a typo or two of `word` (`breif` -> `brief`), or `undefined` when none is that close. */
export function nearestName(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`: optimal string alignment distance. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const row = rows[i] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = best;
    }
  }
  return rows[a.length]?.[b.length] ?? 0;
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
