import type { Writable } from 'node:stream';
import { pino, type Logger as PinoLogger } from 'pino';
import { prettyFactory } from 'pino-pretty';

export type Logger = PinoLogger;
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** What an interactive prompt does around a log line: get out of its way, then draw itself again below it. */
export type PromptAside = { clear(): void; redraw(): void };

/**
 * Where log lines go: standard error, written whole and in order, so that an interactive prompt on the same terminal
 * can step aside for each line (`aside`) instead of being overwritten by it.
 */
export type LogSink = {
  write(line: string): void;
  /** Registers the prompt to clear before each line and redraw after it; returns the function that removes it. */
  aside(prompt: PromptAside): () => void;
};

/** A sink writing to `target` (standard error by default), pretty when told so, else the JSON lines as pino gives them. */
export function createLogSink(options: { target?: Pick<Writable, 'write'>; pretty: boolean }): LogSink {
  const target = options.target ?? process.stderr;
  const prettify = options.pretty ? prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss' }) : undefined;
  let prompt: PromptAside | undefined;
  return {
    write(line) {
      prompt?.clear();
      target.write(prettify === undefined ? line : prettify(line));
      prompt?.redraw();
    },
    aside(next) {
      prompt = next;
      return () => {
        if (prompt === next) prompt = undefined;
      };
    },
  };
}

/**
 * The level to log at: `LOG_LEVEL` when it is set, whatever the output; otherwise `warn` on a terminal, where a
 * person reads the output and info lines would bury it, and `info` elsewhere (a service's log collector).
 */
export function resolveLogLevel(configured: LogLevel | undefined, isTerminal: boolean): LogLevel {
  return configured ?? (isTerminal ? 'warn' : 'info');
}

/**
 * The program's one logger, writing to `sink` (standard error, pretty when it is a terminal, else JSON lines).
 * Tokens and connection strings are redacted wherever they appear in logged objects.
 */
export function createLogger(level: LogLevel, options: { sink?: LogSink } = {}): Logger {
  const sink = options.sink ?? createLogSink({ pretty: process.stderr.isTTY === true });
  return pino(
    {
      level,
      base: { app: 'newsbrief' },
      redact: {
        paths: ['token', '*.token', 'config.discord.token', 'databaseUrl', '*.databaseUrl', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    { write: (line: string) => sink.write(line) },
  );
}

/** A logger that drops everything; for tests and library callers that bring no logger. */
export const silentLogger: Logger = pino({ level: 'silent' });
