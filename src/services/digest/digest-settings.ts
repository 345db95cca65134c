import type { Config } from '../../config.js';
import type { DigestSettings } from '../../data/schemas.js';
import type { Store } from '../../data/store.js';

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

/**
 * Settings to preview a digest with when a server has none: the configured defaults, with no channel (`'0'`).
 * Never posted; `/digest preview` and `digest --dry-run` show what a server would get before setting one.
 */
export function previewDigestSettings(digest: Config['digest'], options: { guildId: string; now: Date }): DigestSettings {
  return {
    guildId: options.guildId,
    channelId: '0',
    time: digest.defaultTime,
    timezone: digest.defaultTimezone,
    maxStories: digest.maxStories,
    sections: [],
    enabled: true,
    emptyDay: digest.emptyDay,
    updatedAt: options.now.toISOString(),
  };
}

/** What `findLocalDigestSettings` found; `several` lists the servers to choose from when none was named. */
export type LocalDigestSettings =
  | { found: 'stored' | 'defaults'; settings: DigestSettings }
  | { found: 'none' }
  | { found: 'several'; guildIds: string[] };

/**
 * The digest settings used outside Discord (the CLI, the console), where no server is in context: the named server's
 * stored settings, or without a name the only server with settings; else the single-server defaults from `.env`.
 */
export async function findLocalDigestSettings(
  digests: Pick<Store['digests'], 'getSettings' | 'listSettings'>,
  digest: Config['digest'],
  options: { guildId?: string; now: Date },
): Promise<LocalDigestSettings> {
  if (options.guildId !== undefined) {
    const stored = await digests.getSettings(options.guildId);
    if (stored !== undefined) return { found: 'stored', settings: stored };
  } else {
    const all = await digests.listSettings();
    if (all.length > 1) return { found: 'several', guildIds: all.map((settings) => settings.guildId) };
    if (all[0] !== undefined) return { found: 'stored', settings: all[0] };
  }
  const defaults = defaultDigestSettings(digest, options);
  return defaults === undefined ? { found: 'none' } : { found: 'defaults', settings: defaults };
}
