import { setTimeout as delay } from 'node:timers/promises';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { DiscordAPIError, HTTPError, PermissionFlagsBits, RateLimitError, REST, Routes, type Client } from 'discord.js';
import type { ChannelAccess } from '../../commands/command.js';
import { renderDigestMessages } from '../../render/digest.js';
import type { ReplyMessage } from '../../render/reply.js';
import { safeDigestLines } from '../../services/digest/digest-lines.js';
import type { DigestPoster, PostOutcome } from '../../services/digest/digest-runner.js';
import { DigestScheduler } from '../../services/digest/digest-scheduler.js';
import { defaultDigestSettings } from '../../services/digest/digest-settings.js';
import type { BackgroundJob, ChannelPoster } from '../background-jobs.js';

type PostFailure = Extract<PostOutcome, { ok: false }>;

/** Discord error codes that no retry will fix; someone must change the channel or the bot's permissions. */
const CHANNEL_ERRORS: ReadonlyMap<number, string> = new Map([
  [RESTJSONErrorCodes.MissingAccess, 'Missing Access (50001): the bot cannot see the channel'],
  [RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel (10003): the channel was deleted'],
  [RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions (50013): the bot may not post or embed links there'],
]);

/**
 * What a failed post means for the digest: throttling (429), Discord's own errors (5xx) and network failures are
 * retryable; a channel the bot cannot see or use (50001, 10003, 50013) and any other refusal are not.
 */
export function classifyPostError(error: unknown): PostFailure {
  if (error instanceof RateLimitError) {
    return { ok: false, retryable: true, reason: 'Discord rate limit (429)', retryAfterMs: error.retryAfter };
  }
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === 'number' ? CHANNEL_ERRORS.get(error.code) : undefined;
    if (known !== undefined) return { ok: false, retryable: false, reason: known };
    if (error.status === 429) return { ok: false, retryable: true, reason: 'Discord rate limit (429)' };
    if (error.status >= 500) return { ok: false, retryable: true, reason: `Discord server error (${error.status})` };
    return { ok: false, retryable: false, reason: `Discord refused the message (${error.status}, code ${error.code}): ${error.message}` };
  }
  if (error instanceof HTTPError) {
    const retryable = error.status === 429 || error.status >= 500;
    return { ok: false, retryable, reason: `Discord answered HTTP ${error.status}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, retryable: true, reason: `could not reach Discord: ${message}` };
}

/** The digest's poster over any channel poster (the bot's REST client, or `createRestChannelPoster`). */
export function createDigestPoster(channels: ChannelPoster): DigestPoster<ReplyMessage> {
  return {
    async post(channelId, message) {
      try {
        const created = await channels.send(channelId, message);
        return { ok: true, messageId: created.id };
      } catch (error) {
        return classifyPostError(error);
      }
    },
  };
}

/**
 * A channel poster over Discord's REST API alone (no gateway), for `newsbrief digest --post`. discord.js's own
 * retries are off and rate limits reject, so the digest's back-off decides and its outcome names the failure.
 */
export function createRestChannelPoster(options: { token: string; apiUrl: string; timeoutMs?: number }): ChannelPoster {
  const rest = new REST({ api: options.apiUrl, retries: 0, rejectOnRateLimit: () => true, timeout: options.timeoutMs ?? 15_000 });
  rest.setToken(options.token);
  return {
    async send(channelId, message) {
      const created = (await rest.post(Routes.channelMessages(channelId), { body: message })) as { id: string };
      return { id: created.id };
    },
  };
}

/** Permissions a digest needs in its channel. */
const NEEDED = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
] as const;

/**
 * Whether the logged-in bot can post a digest in a channel of `guildId`, from discord.js's cache (fetching the
 * channel when it is not cached): a text or announcement channel of that server where it has View Channel, Send
 * Messages and Embed Links. For `CommandContext.channelAccess`.
 */
export async function checkChannelAccess(client: Client, guildId: string, channelId: string): Promise<ChannelAccess> {
  const channel = await client.channels.fetch(channelId).catch(() => null);
  if (channel === null || channel.isDMBased() || channel.guildId !== guildId) {
    return { ok: false, reason: 'I cannot see that channel in this server' };
  }
  if (!channel.isTextBased() || channel.isThread() || channel.isVoiceBased()) {
    return { ok: false, reason: 'it is not a text or announcement channel' };
  }
  const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe().catch(() => null));
  const permissions = me === null ? null : channel.permissionsFor(me);
  if (permissions === null) return { ok: false, reason: 'I cannot tell my permissions there' };
  const missing = NEEDED.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
  return missing.length === 0 ? { ok: true } : { ok: false, reason: `I am missing ${missing.join(', ')} there` };
}

/** The running digest job's scheduler, for `CommandContext.digestScheduler`; does nothing while the job is not running. */
export type DigestSchedulerHandle = { reschedule(guildId: string): Promise<void> };

/**
 * The daily digest as a background job: schedules every server's digest (and the `.env` single-server default while
 * no server has settings), catches up digests missed within the grace period, and posts through the Discord channel
 * poster. Idle when digests are disabled or there is no Discord connection (the local console).
 * `scheduler` forwards `/digest` changes to whichever scheduler is running.
 */
export function createDigestJob(options: { sleep?: (ms: number) => Promise<void> } = {}): BackgroundJob & {
  readonly scheduler: DigestSchedulerHandle;
} {
  let running: DigestScheduler<ReplyMessage> | undefined;
  return {
    name: 'digest',
    scheduler: {
      async reschedule(guildId) {
        await running?.reschedule(guildId);
      },
    },
    async start({ store, log, config, now, discord }) {
      const jobLog = log.child({ job: 'digest' });
      if (!config.digest.enabled || discord === null) {
        jobLog.info({ enabled: config.digest.enabled, discord: discord !== null }, 'digest job idle');
        return { stop: async () => undefined };
      }
      const scheduler = new DigestScheduler<ReplyMessage>({
        store,
        log: jobLog,
        now,
        instanceId: config.instanceId,
        poster: createDigestPoster(discord),
        render: renderDigestMessages,
        lines: safeDigestLines(jobLog),
        sleep: options.sleep ?? ((ms) => delay(ms)),
        graceMinutes: config.digest.graceMinutes,
        fallback: defaultDigestSettings(config.digest, { now: now() }),
      });
      running = scheduler;
      await scheduler.start();
      return {
        async stop() {
          if (running === scheduler) running = undefined;
          await scheduler.stop();
        },
      };
    },
  };
}
