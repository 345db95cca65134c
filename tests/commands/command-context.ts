import { pino } from 'pino';
import type { CommandContext } from '../../src/commands/command.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/data/store.js';
import { silentLogger, type Logger } from '../../src/log.js';

/** A command context as the console builds it, over the given store, at a fixed time. */
export function commandContext(store: Store, overrides: Partial<CommandContext> = {}): CommandContext {
  const config = loadConfig({});
  return {
    store,
    log: silentLogger,
    now: () => new Date('2026-11-25T12:00:00Z'),
    guildId: null,
    channelId: null,
    userId: 'console',
    memberPermissions: null,
    config: { timezone: 'UTC', digest: config.digest, instanceId: 'test', fetch: config.fetch },
    ...overrides,
  };
}

/** A logger that keeps every line it logs, parsed, for assertions. */
export function recordingLogger(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}
