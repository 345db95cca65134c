import type { Config } from '../../config.js';
import type { DigestSettings } from '../../data/schemas.js';

/**
 * Settings for a single-server install from `.env` (`DIGEST_CHANNEL_ID`, `DIGEST_TIME`, `DIGEST_TIMEZONE`, ...), or
 * `undefined` when no default channel is configured. Without a server id the channel id keys the daily slot:
 * it is a snowflake too, and unique.
 */
export function defaultDigestSettings(
  digest: Config['digest'],
  options: { guildId?: string; now: Date },
): DigestSettings | undefined {
  if (!digest.defaultChannelId) return undefined;
  return {
    guildId: options.guildId ?? digest.defaultChannelId,
    channelId: digest.defaultChannelId,
    time: digest.defaultTime,
    timezone: digest.defaultTimezone,
    maxStories: digest.maxStories,
    sections: [],
    enabled: digest.enabled,
    emptyDay: digest.emptyDay,
    updatedAt: options.now.toISOString(),
  };
}
