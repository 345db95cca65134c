import type { Config } from '../config.js';
import type { Store } from '../data/store.js';
import type { Logger } from '../log.js';
import type { ReplyMessage } from '../render/reply.js';
import { startFeedPoller } from '../services/feeds/feed-poller.js';
import { indexBacklog } from '../services/stories/index-backlog.js';
import { createDigestJob } from './discord/digest-poster.js';

/** Posts a message to a Discord channel; what background jobs (the digest) get instead of a discord.js client. */
export type ChannelPoster = {
  /** Sends the message and returns the created message's id; rejects with the REST error when Discord refuses. */
  send(channelId: string, message: ReplyMessage): Promise<{ id: string }>;
};

/** What `start` hands every background job. */
export type BackgroundJobDeps = {
  store: Store;
  log: Logger;
  config: Config;
  now: () => Date;
  /** The Discord channel poster, or `null` when running the local console (no token). */
  discord: ChannelPoster | null;
};

/** A long-running job `start` runs next to the bot or console, such as the feed poller or the digest scheduler. */
export type BackgroundJob = {
  name: string;
  /** Starts the job; the returned `stop` ends it and resolves when its in-flight work is done. */
  start(deps: BackgroundJobDeps): Promise<{ stop(): Promise<void> }>;
};

/**
 * Every background job, listed explicitly. `start` starts them, in order, after the store opens and the platform
 * is up, and stops them in reverse order on SIGINT/SIGTERM or when the console quits.
 */
/** Polls registered feeds on `FEED_POLL_CRON` (in the newsroom's time zone) while the bot or console runs. */
export const feedPollerJob: BackgroundJob = {
  name: 'feed-poller',
  async start({ store, log, config, now }) {
    if (!config.feeds.pollEnabled) {
      log.info('feed polling disabled');
      return { stop: async () => undefined };
    }
    return startFeedPoller({
      store,
      policy: config.fetch,
      log,
      now,
      instanceId: config.instanceId,
      cron: config.feeds.pollCron,
      timezone: config.timezone,
    });
  },
};

/**
 * Puts the articles that have no story yet, or whose quotes are not in the quote bank (a store upgraded from before
 * stories, an import), through both, once at start, in the background; stopping waits for the batch in progress.
 */
export const storyBacklogJob: BackgroundJob = {
  name: 'story-backlog',
  async start({ store, log }) {
    const stop = new AbortController();
    const done = indexBacklog(store, { log: log.child({ job: 'story-backlog' }), signal: stop.signal }).catch((error: unknown) =>
      log.error({ err: error }, 'story backlog failed'),
    );
    return {
      async stop() {
        stop.abort();
        await done;
      },
    };
  },
};

/** The daily digest; its `scheduler` lets `/digest` reschedule a server without a restart. */
export const digestJob = createDigestJob();

export const BACKGROUND_JOBS: readonly BackgroundJob[] = [storyBacklogJob, feedPollerJob, digestJob];
