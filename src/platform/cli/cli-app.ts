import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.js';
import { createLogger, createLogSink, resolveLogLevel, type Logger, type LogSink } from '../../log.js';
import { openStore } from '../../data/open-store.js';
import type { Store } from '../../data/store.js';
import { seedSampleNewsroom } from '../../services/sample-newsroom.js';

/** Exit codes every verb uses: 0 all good, 1 some items failed, 2 usage or configuration error. */
export const EXIT_OK = 0;
export const EXIT_PARTIAL = 1;
export const EXIT_USAGE = 2;

/** What every CLI verb gets: configuration and logger made once, and the store opened on demand. */
export type CliApp = {
  readonly config: Config;
  readonly log: Logger;
  /** Where `log` writes; the interactive console registers its prompt here to be redrawn after each log line. */
  readonly logSink?: LogSink;
  /**
   * Opens the configured store, runs `work`, and closes the store whatever happens. With `seedSamples`, an empty
   * store first gets the sample newsroom when `SEED_SAMPLES` is on, as `start` does; verbs that read articles ask for
   * it, verbs that move or bring articles (`ingest`, `import`, `export`, `migrate`) do not.
   */
  withStore<T>(work: (store: Store) => Promise<T>, options?: { seedSamples?: boolean }): Promise<T>;
  /** Writes to standard output (results); logs go to standard error. */
  print(line: string): void;
};

export function createCliApp(env: Record<string, string | undefined>): CliApp {
  const config = loadConfig(env);
  const isTerminal = process.stderr.isTTY === true;
  const logSink = createLogSink({ pretty: isTerminal });
  const log = createLogger(resolveLogLevel(config.logLevel, isTerminal), { sink: logSink });
  return {
    config,
    log,
    logSink,
    async withStore(work, options = {}) {
      const store = await openStore(config.store, { log });
      try {
        if (options.seedSamples === true && config.seedSamples) {
          const loaded = await seedSampleNewsroom(store, log, () => new Date());
          if (loaded > 0) process.stderr.write(`The store was empty: loaded the sample newsroom (${loaded} articles; SEED_SAMPLES=false turns this off).\n`);
        }
        return await work(store);
      } finally {
        await store.close();
      }
    },
    print(line) {
      process.stdout.write(`${line}\n`);
    },
  };
}

/** A verb module adds its commands to the program; each action sets `process.exitCode` from its outcome. */
export type RegisterVerbs = (program: Command, app: () => CliApp) => void;
