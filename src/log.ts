import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * The program's one logger: JSON lines on stderr, pretty when stderr is a terminal.
 * Tokens and connection strings are redacted wherever they appear in logged objects.
 */
export function createLogger(level: LogLevel, options: { pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? process.stderr.isTTY === true;
  return pino({
    level,
    base: { app: 'newsbrief' },
    redact: {
      paths: ['token', '*.token', 'config.discord.token', 'databaseUrl', '*.databaseUrl', 'headers.authorization'],
      censor: '[redacted]',
    },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  }, pretty ? undefined : pino.destination(2));
}

/** A logger that drops everything; for tests and library callers that bring no logger. */
export const silentLogger: Logger = pino({ level: 'silent' });
