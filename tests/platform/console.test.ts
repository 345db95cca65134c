import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ApplicationCommandOptionType as Opt } from 'discord-api-types/v10';
import { z } from 'zod';
import { defineCommand } from '../../src/commands/command.js';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/data/store.js';
import { openStore } from '../../src/data/open-store.js';
import { createLogger, createLogSink, silentLogger } from '../../src/log.js';
import { completerFor, CONNECT_HELP, runConsole } from '../../src/platform/console/console.js';
import { parseConsoleLine } from '../../src/platform/console/parse-line.js';
import { NewArticle } from '../../src/data/schemas.js';
import { storeArticles } from '../../src/services/ingest/ingest.js';
import { FERRY_ARTICLE, FERRY_FOLLOW_UP, useBotStore } from '../fixtures/bot-articles.js';
import { spawnInPty } from '../support/pty.js';

describe('parseConsoleLine', () => {
  it('gives leading text to the first required option and reads name:value pairs with spaces', () => {
    const input = parseConsoleLine('/brief ferry late crossings bullets:3 private:yes', COMMANDS);
    expect(input.kind === 'command' && input.command.definition.name).toBe('brief');
    expect(input.kind === 'command' && input.options).toEqual({ article: 'ferry late crossings', bullets: 3, private: true });
  });

  it('keeps colons that are not option names inside a value', () => {
    const input = parseConsoleLine('/quotes article:https://tidewater.example/a?x=1 speaker:Odile Ferrant', COMMANDS);
    expect(input.kind === 'command' && input.options).toEqual({ article: 'https://tidewater.example/a?x=1', speaker: 'Odile Ferrant' });
  });

  it('explains a bad number, a missing option and an unknown command', () => {
    expect(parseConsoleLine('/brief ferry bullets:many', COMMANDS)).toEqual({ kind: 'error', message: 'Option "bullets": must be a whole number' });
    expect(parseConsoleLine('/search', COMMANDS)).toMatchObject({ kind: 'error', message: expect.stringMatching(/^\/search needs query/) });
    expect(parseConsoleLine('/bogus x', COMMANDS)).toEqual({ kind: 'error', message: 'Unknown command "/bogus". Type /help for the list.' });
  });

  it('reads a subcommand as Discord sends it: its name under subcommand, then its options', () => {
    const schedule = defineCommand({
      definition: {
        name: 'schedule',
        description: 'x',
        options: [
          { type: Opt.Subcommand, name: 'set', description: 'x', options: [{ type: Opt.String, name: 'time', description: 't', required: true }] },
          { type: Opt.Subcommand, name: 'off', description: 'x' },
        ],
      },
      args: z.object({}),
      run: () => Promise.reject(new Error('not run')),
    });
    expect(parseConsoleLine('/schedule set time:07:30', [schedule])).toMatchObject({ options: { subcommand: 'set', time: '07:30' } });
    expect(parseConsoleLine('/schedule off', [schedule])).toMatchObject({ options: { subcommand: 'off' } });
    expect(parseConsoleLine('/schedule', [schedule])).toEqual({ kind: 'error', message: '/schedule needs one of: set, off.' });
  });

  it('suggests the nearest command for a typo and refuses an option the command does not have', () => {
    expect(parseConsoleLine('/breif ferry', COMMANDS)).toEqual({ kind: 'error', message: 'Unknown command "/breif". Did you mean /brief? Type /help for the list.' });
    expect(parseConsoleLine('/brief ferry bulets:3', COMMANDS)).toEqual({
      kind: 'error',
      message: '/brief has no option "bulets". Did you mean bullets:? Its options: article, story, bullets, article_only, private.',
    });
    expect(parseConsoleLine('/search ferry at 07:30 https://tidewater.example/a', COMMANDS)).toMatchObject({ kind: 'command' });
  });

  it('knows help, quit and blank lines', () => {
    expect(parseConsoleLine('/help', COMMANDS).kind).toBe('help');
    expect(parseConsoleLine('/quit', COMMANDS).kind).toBe('quit');
    expect(parseConsoleLine('   ', COMMANDS).kind).toBe('empty');
  });
});

describe('completerFor', () => {
  const complete = completerFor(COMMANDS);

  it('completes commands, then only the subcommands that work in the console, then options', () => {
    expect(complete('/br')).toEqual([['/brief'], '/br']);
    expect(complete('/digest ')).toEqual([['preview'], '']);
    expect(complete('/digest s')).toEqual([[], 's']);
    expect(complete('/brief ferry bu')).toEqual([['bullets:'], 'bu']);
  });
});

describe('runConsole', () => {
  let store: Store;
  let ids: string[];
  useBotStore((opened) => ({ store, ids } = opened));

  async function session(lines: string[], isInteractive: boolean): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = runConsole({ store, log: silentLogger, config: loadConfig({}), input, output, isInteractive });
    input.end(lines.map((line) => `${line}\n`).join(''));
    await done;
    return Buffer.concat(chunks).toString('utf8');
  }

  it('answers piped commands as text and ends at end of input', async () => {
    const out = await session([`/brief ${(ids[0] ?? '').slice(0, 5)} bullets:3`, '/quotes ferry speaker:Quill', '/brief zeppelin'], false);
    expect(out).toContain(`== ${FERRY_ARTICLE.title} ==`);
    expect(out).toContain('-- Article ' + ids[0]);
    expect(out).toContain('“We will staff the extra crossings with the existing crews on a rota, so nobody is asked to work a double shift”\n— Barnaby Quill');
    expect(out).toContain('No stored article matches "zeppelin".');
    expect(out).not.toContain('Type /help');
  });

  it('briefs a story covered by two outlets and lists what one person said across them', async () => {
    await storeArticles(store, [NewArticle.parse(FERRY_FOLLOW_UP)], () => new Date('2026-11-25T12:00:00Z'));
    const out = await session(['/brief ferry late crossings', '/quotes speaker:Ferrant'], false);
    expect(out).toContain(`== ${FERRY_FOLLOW_UP.title} ==`);
    expect(out).toContain('Story · 2 articles · Island Wire and Tidewater Gazette');
    expect(out).toContain('Sources');
    expect(out).toContain(FERRY_ARTICLE.url);
    expect(out).toContain(FERRY_FOLLOW_UP.url);
    expect(out).toContain('== Quotes by Odile Ferrant ==');
    expect(out).toContain('“People finishing at the hospital at ten had no way home, and that is not acceptable for a public service”');
    expect(out).toContain('“The first week will tell us whether the crews and the timetable hold up, and we will publish the passenger numbers”');
  });

  it('prints the digest for /digest preview and refuses the server-only subcommands plainly', async () => {
    const out = await session(['/digest preview', '/digest set channel:123456789012345678 time:07:00 timezone:UTC'], false);
    expect(out).toMatch(/^Daily digest · \d{1,2} \w{3} \d{4}/);
    expect(out).toContain('/digest set works in a Discord server only; here: /digest preview.');
  });

  it('greets a person with the article count and how to connect to Discord, and stops at /quit', async () => {
    const out = await session(['/help', '/quit', '/brief ferry'], true);
    expect(out).toContain('newsbrief console: 4 articles stored.');
    expect(out).toContain(CONNECT_HELP);
    expect(out).toContain('/brief [article:…] [story:…] [bullets:…] [article_only:…] [private:…]');
    expect(out).not.toContain(FERRY_ARTICLE.title);
  });
});

describe('the console on a terminal', () => {
  it('starts without info lines, answers without "command done", and redraws the prompt after a log line', async () => {
    const home = mkdtempSync(join(tmpdir(), 'newsbrief-pty-'));
    const databaseUrl = `sqlite:${join(home, 'nb.db')}`;
    // A feed on a loopback address: the fetch policy refuses it, so each poll logs a warning while the prompt waits.
    const store = await openStore({ kind: 'sqlite', path: join(home, 'nb.db') }, { log: silentLogger });
    await store.feeds.addFeed({ url: 'http://127.0.0.1:9/feed.xml' }, new Date().toISOString());
    await store.close();
    const session = spawnInPty(`${join('node_modules', '.bin', 'tsx')} src/main.ts start`, {
      PATH: process.env.PATH ?? '',
      HOME: home,
      TERM: 'xterm',
      DATABASE_URL: databaseUrl,
      FEED_POLL_CRON: '* * * * * *',
    });
    try {
      const greeting = await session.waitFor(/newsbrief> /);
      expect(greeting).toContain('newsbrief console: 10 articles stored.');
      expect(greeting).not.toMatch(/INFO|store migration applied|sample newsroom loaded|background job started/);
      const logged = await session.waitFor(/feed poll failed/);
      const afterLog = logged.search(/feed poll failed/);
      await session.waitFor(/newsbrief> /, { from: afterLog });
      const mark = session.output().length;
      session.type('/search seawall\r');
      const answered = await session.waitFor(/Search: seawall[\s\S]*newsbrief> /, { from: mark });
      expect(answered.slice(mark)).not.toContain('command done');
      session.type('/quit\r');
      expect(await session.exited).toBe(0);
    } finally {
      session.kill();
    }
  }, 180_000);
});

describe('runConsole with a log sink', () => {
  it('clears the waiting prompt for a log line and draws it again below', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const sink = createLogSink({ target: output, pretty: false });
    const log = createLogger('warn', { sink });
    const done = runConsole({ store, log, config: loadConfig({}), input, output, isInteractive: true, logSink: sink });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const before = text.length;
    log.warn({ feedId: 1 }, 'feed poll failed');
    const after = text.slice(before);
    expect(after.startsWith('\u001b[2K')).toBe(true);
    expect(after).toMatch(/"msg":"feed poll failed"\}\n.*newsbrief> /);
    input.end('/quit\n');
    await done;
  });

  let store: Store;
  useBotStore((opened) => ({ store } = opened));
});
