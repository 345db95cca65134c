import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ApplicationCommandOptionType as Opt } from 'discord-api-types/v10';
import type { Command, CommandContext } from '../../commands/command.js';
import { COMMANDS } from '../../commands/index.js';
import type { Config } from '../../config.js';
import type { Store } from '../../data/store.js';
import type { Logger, LogSink } from '../../log.js';
import { renderText } from '../../render/text.js';
import { runCommand } from '../run-command.js';
import { describeCommands, parseConsoleLine } from './parse-line.js';

export type ConsoleDeps = {
  store: Store;
  log: Logger;
  config: Config;
  input: Readable;
  output: Writable;
  /** A person at a terminal: show the greeting and a prompt. Otherwise read lines until EOF, printing answers only. */
  isInteractive: boolean;
  now?: () => Date;
  commands?: readonly Command[];
  /** Ends the session early (e.g. on SIGTERM). */
  signal?: AbortSignal;
  /** Where `log` writes; an interactive console steps its prompt aside for each log line and redraws it after. */
  logSink?: LogSink;
};

export const CONNECT_HELP = [
  'To serve Discord instead: put DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env,',
  'register the commands with `npm run -s newsbrief -- deploy-commands [--guild ID]`, then run `npm start` again.',
].join('\n');

/** The context commands get outside Discord (console, CLI): no server, no channel, a local user. */
export function localCommandContext(deps: { store: Store; log: Logger; config: Config; now?: () => Date }): CommandContext {
  return {
    store: deps.store,
    log: deps.log.child({ platform: 'console' }),
    now: deps.now ?? (() => new Date()),
    guildId: null,
    channelId: null,
    userId: 'console',
    memberPermissions: null,
    config: { timezone: deps.config.timezone, digest: deps.config.digest, instanceId: deps.config.instanceId },
  };
}

/**
 * The local console: the same slash commands as Discord, typed on stdin, answered as text on stdout.
 * Resolves when the user types /quit, at end of input, or when `signal` aborts.
 */
export async function runConsole(deps: ConsoleDeps): Promise<void> {
  const commands = deps.commands ?? COMMANDS;
  const write = (text: string): void => {
    deps.output.write(`${text}\n`);
  };
  // Counted before readline starts: lines that arrive before the loop below begins iterating would be lost.
  const count = deps.isInteractive ? await deps.store.articles.count() : 0;
  const lines = createInterface({
    input: deps.input,
    ...(deps.isInteractive ? { output: deps.output, prompt: 'newsbrief> ', completer: completerFor(commands) } : {}),
    terminal: deps.isInteractive,
  });
  const pending = lines[Symbol.asyncIterator]();
  const onAbort = (): void => lines.close();
  // Without a listener readline only pauses on Ctrl-C; a person expects it to leave.
  lines.on('SIGINT', onAbort);
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  // A log line (a failing feed, say) arriving while the prompt waits would leave it overwritten: redraw it below.
  let isWaiting = false;
  const removeAside = deps.isInteractive
    ? deps.logSink?.aside({
        clear() {
          if (!isWaiting) return;
          clearLine(deps.output, 0);
          cursorTo(deps.output, 0);
        },
        redraw() {
          if (isWaiting) lines.prompt(true);
        },
      })
    : undefined;
  const prompt = (): void => {
    isWaiting = true;
    lines.prompt();
  };
  if (deps.isInteractive) {
    write(`newsbrief console: ${count} article${count === 1 ? '' : 's'} stored. Type /help for the commands, /quit to leave.`);
    write('Try: /search <words>, /brief <words or id> bullets:3, /quotes <words or id> speaker:<name>');
    write(CONNECT_HELP);
    prompt();
  }
  const ctx = localCommandContext(deps);
  try {
    for (let next = await pending.next(); next.done !== true; next = await pending.next()) {
      isWaiting = false;
      const line = next.value;
      const input = parseConsoleLine(line, commands);
      if (input.kind === 'quit') break;
      if (input.kind === 'help') write(describeCommands(commands));
      else if (input.kind === 'error') write(input.message);
      else if (input.kind === 'command') write(renderText(await runCommand(input.command, input.options, ctx)));
      if (input.kind !== 'empty') write('');
      if (deps.isInteractive) prompt();
    }
  } finally {
    removeAside?.();
    deps.signal?.removeEventListener('abort', onAbort);
    lines.close();
  }
}

/**
 * Tab completion: command names, then the typed command's subcommands (those that work here, outside a server), then
 * the options of the typed command or subcommand.
 */
export function completerFor(commands: readonly Command[]): (line: string) => [string[], string] {
  return (line) => {
    const words = line.trimStart().split(/\s+/);
    const last = words.at(-1) ?? '';
    const offer = (candidates: readonly string[]): [string[], string] => [candidates.filter((name) => name.startsWith(last)), last];
    if (words.length <= 1) return offer([...commands.map((command) => `/${command.definition.name}`), '/help', '/quit']);
    const command = commands.find((candidate) => `/${candidate.definition.name}` === words[0]?.toLowerCase());
    const options = command?.definition.options ?? [];
    const subcommands = options.filter((option) => option.type === Opt.Subcommand);
    if (subcommands.length === 0) return offer(options.map((option) => `${option.name}:`));
    const usable = subcommands.filter((sub) => command?.localSubcommands?.includes(sub.name) ?? true);
    if (words.length === 2) return offer(usable.map((sub) => sub.name));
    const chosen = usable.find((sub) => sub.name === words[1]?.toLowerCase());
    return offer((chosen?.options ?? []).map((option) => `${option.name}:`));
  };
}
