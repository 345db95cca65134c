import type { Command } from '../../commands/command.js';

/**
 * A reply's hints as the CLI says them: replies name slash commands (`Use /brief article:<id>`, `Try /search`), and a
 * CLI user types verbs (`newsbrief brief <id>`, `newsbrief search`). A command's first required option (else its first
 * option, as the console reads leading text) becomes the verb's argument, any other `name:value` its `--name value` flag.
 */
export function nameCliVerbs(text: string, commands: readonly Command[]): string {
  const names = commands.map((command) => command.definition.name).join('|');
  const mention = new RegExp(`(^|[\\s("'\`])/(${names})\\b((?:\\s+[a-z_]+:\\S+)*)`, 'gm');
  return text.replace(mention, (_match, before: string, name: string, pairs: string) => {
    const command = commands.find((candidate) => candidate.definition.name === name);
    const options = command?.definition.options;
    const positional = (options?.find((option) => option.required === true) ?? options?.[0])?.name;
    const args = [...pairs.matchAll(/([a-z_]+):(\S+)/g)].map(([, option = '', value = '']) =>
      option === positional ? value : `--${option} ${value}`,
    );
    return `${before}${['newsbrief', name, ...args].join(' ')}`;
  });
}
