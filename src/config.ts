import { hostname } from 'node:os';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { isValidTimeZone } from './time-zone.js';

const TimeZone = z.string().refine(isValidTimeZone, { message: 'not an IANA time zone (e.g. Europe/London, America/New_York, UTC)' });
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:MM, 24-hour (e.g. 07:30)' });
const PositiveInt = z.coerce.number().int().positive();
const CommaList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter((part) => part !== ''));

/** Every variable newsbrief reads; `.env.example` documents each one with its default. */
const Env = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, { message: 'must be sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB' })
    .default('sqlite:./data/newsbrief.db'),
  DISCORD_TOKEN: z.string().trim().min(1).optional(),
  DISCORD_APPLICATION_ID: z.string().regex(/^\d{15,21}$/, { message: 'must be a Discord snowflake (digits)' }).optional(),
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).default('https://discord.com/api'),
  // Unset: warnings and errors only on a terminal, info elsewhere (see `resolveLogLevel`).
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  NEWSROOM_TIMEZONE: TimeZone.default('UTC'),
  FEED_POLL_ENABLED: z.stringbool().default(true),
  FEED_POLL_CRON: z.string().trim().min(1).default('*/15 * * * *'),
  FETCH_TIMEOUT_MS: PositiveInt.default(15_000),
  FETCH_MAX_BYTES: PositiveInt.default(5_000_000),
  FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  FETCH_ALLOW_HOSTS: CommaList.default([]),
  DIGEST_ENABLED: z.stringbool().default(true),
  DIGEST_CHANNEL_ID: z.string().regex(/^\d{15,21}$/, { message: 'must be a Discord channel id (digits)' }).optional(),
  DIGEST_TIME: LocalTime.default('07:00'),
  DIGEST_TIMEZONE: TimeZone.optional(),
  DIGEST_MAX_STORIES: PositiveInt.max(50).default(15),
  DIGEST_GRACE_MINUTES: z.coerce.number().int().min(0).max(1_440).default(120),
  DIGEST_EMPTY_DAY: z.enum(['note', 'skip']).default('note'),
  SEED_SAMPLES: z.stringbool().default(true),
  INSTANCE_ID: z.string().trim().min(1).optional(),
});
export type Env = z.infer<typeof Env>;

function toConfig(env: Env) {
  const timezone = env.NEWSROOM_TIMEZONE;
  return {
    store: env.DATABASE_URL.startsWith('sqlite:')
      ? ({ kind: 'sqlite', path: env.DATABASE_URL.slice('sqlite:'.length) } as const)
      : ({ kind: 'postgres', url: env.DATABASE_URL } as const),
    discord: {
      token: env.DISCORD_TOKEN,
      applicationId: env.DISCORD_APPLICATION_ID,
      apiUrl: env.DISCORD_API_URL,
    },
    logLevel: env.LOG_LEVEL,
    timezone,
    feeds: { pollEnabled: env.FEED_POLL_ENABLED, pollCron: env.FEED_POLL_CRON },
    fetch: {
      timeoutMs: env.FETCH_TIMEOUT_MS,
      maxBytes: env.FETCH_MAX_BYTES,
      maxRedirects: env.FETCH_MAX_REDIRECTS,
      allowHosts: env.FETCH_ALLOW_HOSTS,
    },
    digest: {
      enabled: env.DIGEST_ENABLED,
      defaultChannelId: env.DIGEST_CHANNEL_ID,
      defaultTime: env.DIGEST_TIME,
      defaultTimezone: env.DIGEST_TIMEZONE ?? timezone,
      maxStories: env.DIGEST_MAX_STORIES,
      graceMinutes: env.DIGEST_GRACE_MINUTES,
      emptyDay: env.DIGEST_EMPTY_DAY,
    },
    seedSamples: env.SEED_SAMPLES,
    instanceId: env.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
  };
}
export type Config = ReturnType<typeof toConfig>;

/** Names the variable and says why, never echoing the value (it may be a secret). */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${issue.path.join('.') || '(environment)'}: ${issue.message}`).join('\n');
}

/**
 * Reads and validates the environment. Empty strings count as unset, so `KEY=` in `.env` falls back to the default.
 * Throws `ConfigError` listing every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration (.env or environment):\n${describeIssues(parsed.error)}`);
  }
  return toConfig(parsed.data);
}
