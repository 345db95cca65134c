#!/usr/bin/env node
import { config as loadDotenv } from 'dotenv';
import { Command, CommanderError } from 'commander';
import { ConfigError, DiscordUnavailableError, IngestError, StoreError, StoreUnavailableError, UsageError } from './errors.js';
import { createCliApp, EXIT_PARTIAL, EXIT_USAGE, type CliApp, type RegisterVerbs } from './platform/cli/cli-app.js';
import { loadVerbs } from './platform/cli/verbs.js';

loadDotenv({ quiet: true });

function buildProgram(verbs: readonly RegisterVerbs[]): Command {
  const program = new Command('newsbrief')
    .description('Newsroom briefings: briefs, quotes and a daily digest, in Discord or a local console.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  let app: CliApp | undefined;
  // Configuration is read on first use so that `--help` works even when the environment is broken.
  const getApp = (): CliApp => (app ??= createCliApp(process.env));
  for (const register of verbs) register(program, getApp);
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram(await loadVerbs(argv.slice(2)));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof StoreUnavailableError) {
      process.stderr.write(`✖ ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    if (error instanceof DiscordUnavailableError) {
      process.stderr.write(`✖ ${error.message}\n`);
      // An abandoned login's REST request keeps its own timeouts and retries alive for a minute; nothing is left to do.
      process.exit(EXIT_PARTIAL);
    }
    if (error instanceof IngestError || error instanceof StoreError) {
      process.stderr.write(`✖ ${error.message}\n`);
      process.exitCode = EXIT_PARTIAL;
      return;
    }
    throw error;
  }
}

await main(process.argv);
