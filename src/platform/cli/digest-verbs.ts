import { setTimeout as delay } from 'node:timers/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { DigestSettings, LocalDate } from '../../data/schemas.js';
import type { Store } from '../../data/store.js';
import { describeBadOption, parsePlainly } from '../../commands/option-issues.js';
import { UsageError } from '../../errors.js';
import { renderDigestMessages, renderDigestText } from '../../render/digest.js';
import { safeDigestLines } from '../../services/digest/digest-lines.js';
import { prepareDigest, runDigestSlot, type DigestRunOutcome } from '../../services/digest/digest-runner.js';
import { findLocalDigestSettings, previewDigestSettings } from '../../services/digest/digest-settings.js';
import { localDateOf } from '../../services/local-time.js';
import { isValidTimeZone } from '../../time-zone.js';
import { createDigestPoster, createRestChannelPoster } from '../discord/digest-poster.js';
import { EXIT_OK, EXIT_PARTIAL, type CliApp, type RegisterVerbs } from './cli-app.js';

const Flags = z.object({
  dryRun: z.boolean().optional(),
  post: z.boolean().optional(),
  date: LocalDate.optional(),
  timezone: z.string().refine(isValidTimeZone, { message: 'not an IANA time zone (e.g. Europe/London)' }).optional(),
  format: z.enum(['text', 'json']).default('text'),
  guild: z.string().regex(/^\d{1,21}$/, { message: 'a Discord server id (digits)' }).optional(),
});
type Flags = z.output<typeof Flags>;

function parseFlags(raw: unknown): Flags {
  const parsed = parsePlainly(Flags, raw);
  if (!parsed.success) {
    const label = (key: string): string => `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    throw new UsageError(describeBadOption(parsed.error.issues, { label }));
  }
  const flags = parsed.data;
  if (flags.dryRun === flags.post) throw new UsageError('digest needs exactly one of --dry-run (print it) or --post (post it now).');
  if (flags.post && (flags.date !== undefined || flags.timezone !== undefined)) {
    throw new UsageError('--date and --timezone are for --dry-run; --post posts today\'s digest in the server\'s time zone.');
  }
  return flags;
}

/**
 * The digest settings a CLI run uses: the server's stored settings (`--guild`, or the only server with settings),
 * else the single-server defaults from `.env`. A dry run without either previews with the defaults and no channel.
 */
async function resolveSettings(app: CliApp, store: Store, flags: Flags): Promise<DigestSettings> {
  const now = new Date();
  const guild = flags.guild === undefined ? {} : { guildId: flags.guild };
  const local = await findLocalDigestSettings(store.digests, app.config.digest, { ...guild, now });
  if (local.found === 'several') {
    throw new UsageError(`Several servers have digest settings; pick one with --guild: ${local.guildIds.join(', ')}.`);
  }
  if (local.found !== 'none') return local.settings;
  if (flags.post) {
    throw new UsageError(
      `No digest settings${flags.guild !== undefined ? ` for server ${flags.guild}` : ''}: set them with /digest set in Discord, or DIGEST_CHANNEL_ID in .env.`,
    );
  }
  return previewDigestSettings(app.config.digest, { guildId: flags.guild ?? '0', now });
}

async function dryRun(app: CliApp, flags: Flags): Promise<void> {
  const output = await app.withStore(async (store) => {
    const stored = await resolveSettings(app, store, flags);
    const settings = flags.timezone !== undefined ? { ...stored, timezone: flags.timezone } : stored;
    const now = new Date();
    const localDate = flags.date ?? localDateOf(now, settings.timezone);
    const digest = await prepareDigest(settings, localDate, { store, now, lines: safeDigestLines(app.log) });
    if (flags.format === 'text') return renderDigestText(digest);
    return JSON.stringify(
      { guildId: settings.guildId, channelId: settings.channelId, digest, messages: renderDigestMessages(digest) },
      null,
      2,
    );
  }, { seedSamples: true });
  app.print(output);
  process.exitCode = EXIT_OK;
}

const OUTCOME_TEXT: Record<DigestRunOutcome['status'], string> = {
  posted: 'Digest posted',
  'skipped-empty': 'No stories; nothing posted (empty days are set to skip)',
  'already-posted': 'The digest for this day was already posted; nothing posted',
  'claimed-elsewhere': 'Another instance is posting this digest right now; nothing posted',
  failed: 'Digest not posted',
  missed: 'Digest missed',
  disabled: 'The digest is off for this server; nothing posted',
};

const postedText = (messageIds: readonly string[]): string =>
  `${messageIds.length === 1 ? 'message' : `${messageIds.length} messages`} ${messageIds.join(', ')}`;

/**
 * The line `digest --post` prints for an outcome. A posted digest lists every message id, in posting order, so each
 * can be found (or deleted) in the channel.
 */
export function describePostOutcome(outcome: DigestRunOutcome): string {
  const detail =
    outcome.status === 'posted'
      ? ` for ${outcome.localDate}: ${outcome.stories} stories, ${postedText(outcome.messageIds)}`
      : outcome.status === 'failed'
        ? ` for ${outcome.localDate}: ${outcome.reason}`
        : 'localDate' in outcome
          ? ` (${outcome.localDate})`
          : '';
  return `${OUTCOME_TEXT[outcome.status]}${detail}.`;
}

async function postNow(app: CliApp, flags: Flags): Promise<void> {
  const token = app.config.discord.token;
  if (token === undefined) throw new UsageError('--post needs DISCORD_TOKEN (in .env or the environment) to reach Discord.');
  const poster = createDigestPoster(createRestChannelPoster({ token, apiUrl: app.config.discord.apiUrl }));
  const outcome = await app.withStore(async (store) => {
    const settings = await resolveSettings(app, store, flags);
    const now = new Date();
    return runDigestSlot(settings, localDateOf(now, settings.timezone), {
      store,
      log: app.log,
      now: () => new Date(),
      instanceId: app.config.instanceId,
      poster,
      render: renderDigestMessages,
      lines: safeDigestLines(app.log),
      sleep: (ms) => delay(ms),
    });
  });
  app.print(describePostOutcome(outcome));
  process.exitCode = outcome.status === 'failed' ? EXIT_PARTIAL : EXIT_OK;
}

/** `newsbrief digest --dry-run | --post`. */
export const registerDigestVerbs: RegisterVerbs = (program: Command, app) => {
  program
    .command('digest')
    .description("Print the daily digest that would be posted (--dry-run), or post today's now (--post)")
    .option('--dry-run', 'print the digest without posting or claiming anything')
    .option('--post', "post today's digest now through Discord's REST API, claiming the day as usual")
    .option('--date <YYYY-MM-DD>', 'with --dry-run: the local day (default: today in the digest time zone)')
    .option('--timezone <IANA>', 'with --dry-run: the time zone (default: the server\'s, else DIGEST_TIMEZONE)')
    .option('--format <text|json>', 'with --dry-run: readable text, or JSON with the messages as they would be sent', 'text')
    .option('--guild <id>', 'the Discord server whose settings to use (needed when several servers have settings)')
    .action(async (raw: Record<string, unknown>) => {
      const flags = parseFlags(raw);
      if (flags.dryRun) await dryRun(app(), flags);
      else await postNow(app(), flags);
    });
};
