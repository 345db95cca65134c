import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, MESSAGE_COMMANDS } from '../../src/commands/index.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import type { BackgroundJob, BackgroundJobDeps } from '../../src/platform/background-jobs.js';
import type { CliApp } from '../../src/platform/cli/cli-app.js';
import { registerStartVerbs, startNewsbrief } from '../../src/platform/cli/start-verbs.js';
import { FakeDiscord } from '../support/fake-discord.js';

function cliApp(env: Record<string, string>, printed: string[] = []): CliApp {
  return {
    config: loadConfig({ DATABASE_URL: 'sqlite::memory:', ...env }),
    log: silentLogger,
    withStore: () => Promise.reject(new Error('start opens its own store')),
    print: (line) => void printed.push(line),
  };
}

/** A background job that records what `start` does with it. */
function recordingJob(): { job: BackgroundJob; events: string[]; deps: BackgroundJobDeps[] } {
  const events: string[] = [];
  const deps: BackgroundJobDeps[] = [];
  const job: BackgroundJob = {
    name: 'recorder',
    async start(given) {
      deps.push(given);
      events.push('started');
      return { stop: async () => void events.push('stopped') };
    },
  };
  return { job, events, deps };
}

describe('startNewsbrief', () => {
  it('without a token runs the console over the seeded sample newsroom, with background jobs around it', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const { job, events, deps } = recordingJob();
    input.end('/search seawall\n/brief seawall bullets:3\n');
    await startNewsbrief(cliApp({ SEED_SAMPLES: 'true' }), { io: { input, output, isInteractive: false }, jobs: [job] });
    const out = Buffer.concat(chunks).toString('utf8');
    expect(out).toMatch(/== Search: seawall ==/);
    expect(out).toMatch(/-- Article [0-9a-f]{12}/);
    expect(events).toEqual(['started', 'stopped']);
    expect(deps[0]?.discord).toBeNull();
  });

  it('with a token serves Discord until stopped, then stops its jobs', async () => {
    const discord = await FakeDiscord.start();
    try {
      const { job, events, deps } = recordingJob();
      const stop = new AbortController();
      let started!: () => void;
      const isStarted = new Promise<void>((resolve) => (started = resolve));
      const running = startNewsbrief(cliApp({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, SEED_SAMPLES: 'true' }), {
        jobs: [job],
        stop: stop.signal,
        onInteractionHandled: (id) => discord.markHandled(id),
        onStarted: started,
      });
      await isStarted;
      const outcome = await discord.slashCommand('brief', { article: 'seawall' });
      expect(outcome.messages[0]?.body.embeds?.[0]?.footer?.text).toMatch(/^Article [0-9a-f]{12}/);
      expect(outcome.messages[0]?.body.allowed_mentions).toEqual({ parse: [] });

      const posted = await deps[0]?.discord?.send(discord.channelId, { content: 'digest', allowed_mentions: { parse: [] } });
      expect(posted?.id).toMatch(/^\d+$/);
      expect(discord.requests.some((request) => request.path === `/channels/${discord.channelId}/messages`)).toBe(true);

      stop.abort();
      await running;
      expect(events).toEqual(['started', 'stopped']);
    } finally {
      await discord.close();
    }
  });
});

describe('deploy-commands', () => {
  it('registers every command definition for the given guild and says so', async () => {
    const discord = await FakeDiscord.start();
    try {
      const printed: string[] = [];
      const app = cliApp({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DISCORD_APPLICATION_ID: discord.applicationId }, printed);
      const program = new Command().exitOverride();
      registerStartVerbs(program, () => app);
      await program.parseAsync(['node', 'newsbrief', 'deploy-commands', '--guild', discord.guildId]);
      const put = discord.requests.find((request) => request.method === 'PUT');
      expect(put?.path).toBe(`/applications/${discord.applicationId}/guilds/${discord.guildId}/commands`);
      expect(put?.body).toEqual([...COMMANDS, ...MESSAGE_COMMANDS].map((command) => command.definition));
      expect(printed).toEqual([`Registered ${COMMANDS.length + MESSAGE_COMMANDS.length} commands for server ${discord.guildId}.`]);
    } finally {
      await discord.close();
    }
  });

  it('refuses a guild id that is not a snowflake', async () => {
    const program = new Command().exitOverride();
    registerStartVerbs(program, () => cliApp({ DISCORD_TOKEN: 'x' }));
    await expect(program.parseAsync(['node', 'newsbrief', 'deploy-commands', '--guild', 'newsroom'])).rejects.toThrow(
      '--guild must be a Discord server id (digits)',
    );
  });
});
