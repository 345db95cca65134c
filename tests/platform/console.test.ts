import { PassThrough } from 'node:stream';
import { ApplicationCommandOptionType as Opt } from 'discord-api-types/v10';
import { z } from 'zod';
import { defineCommand } from '../../src/commands/command.js';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/data/store.js';
import { silentLogger } from '../../src/log.js';
import { CONNECT_HELP, runConsole } from '../../src/platform/console/console.js';
import { parseConsoleLine } from '../../src/platform/console/parse-line.js';
import { NewArticle } from '../../src/data/schemas.js';
import { storeArticles } from '../../src/services/ingest/ingest.js';
import { FERRY_ARTICLE, FERRY_FOLLOW_UP, useBotStore } from '../fixtures/bot-articles.js';

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

  it('knows help, quit and blank lines', () => {
    expect(parseConsoleLine('/help', COMMANDS).kind).toBe('help');
    expect(parseConsoleLine('/quit', COMMANDS).kind).toBe('quit');
    expect(parseConsoleLine('   ', COMMANDS).kind).toBe('empty');
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
    expect(out).toContain('“We will staff the extra crossings with the existing crews on a rota, so nobody is asked to work a double shift,”\n— Barnaby Quill');
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
    expect(out).toContain('“People finishing at the hospital at ten had no way home, and that is not acceptable for a public service,”');
    expect(out).toContain('“The first week will tell us whether the crews and the timetable hold up, and we will publish the passenger numbers,”');
  });

  it('greets a person with the article count and how to connect to Discord, and stops at /quit', async () => {
    const out = await session(['/help', '/quit', '/brief ferry'], true);
    expect(out).toContain('newsbrief console: 4 articles stored.');
    expect(out).toContain(CONNECT_HELP);
    expect(out).toContain('/brief [article:…] [story:…] [bullets:…] [article_only:…] [private:…]');
    expect(out).not.toContain(FERRY_ARTICLE.title);
  });
});
