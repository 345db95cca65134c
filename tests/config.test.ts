import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

describe('loadConfig', () => {
  it('accepts .env.example as written', () => {
    const config = loadConfig(parse(readFileSync('.env.example', 'utf8')));
    expect(config.store).toEqual({ kind: 'sqlite', path: './data/newsbrief.db' });
    expect(config.discord.token).toBeUndefined();
    expect(config.fetch.maxRedirects).toBe(5);
  });

  it('documents every variable it reads in .env.example', () => {
    const documented = Object.keys(parse(readFileSync('.env.example', 'utf8')));
    const source = readFileSync('src/config.ts', 'utf8');
    const read = [...source.matchAll(/^\s{2}([A-Z][A-Z0-9_]+): /gm)].map((match) => match[1]);
    expect(read.length).toBeGreaterThan(10);
    expect(documented.sort()).toEqual([...read].sort());
  });

  it('defaults to the embedded SQLite store with no environment at all', () => {
    const config = loadConfig({});
    expect(config.store.kind).toBe('sqlite');
    expect(config.timezone).toBe('UTC');
    expect(config.digest.defaultTimezone).toBe('UTC');
  });

  it('reads a PostgreSQL URL as the postgres store', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://nb:pw@127.0.0.1:5432/nb' }).store).toEqual({
      kind: 'postgres',
      url: 'postgres://nb:pw@127.0.0.1:5432/nb',
    });
  });

  it('names every bad variable and why, without echoing values', () => {
    const attempt = () =>
      loadConfig({
        DATABASE_URL: 'mysql://root:hunter2@db/news',
        NEWSROOM_TIMEZONE: 'Mars/Olympus',
        DIGEST_TIME: '25:00',
        FETCH_TIMEOUT_MS: 'soon',
        DISCORD_TOKEN: 'super-secret-token',
      });
    expect(attempt).toThrow(ConfigError);
    let message = '';
    try {
      attempt();
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ['DATABASE_URL', 'NEWSROOM_TIMEZONE', 'DIGEST_TIME', 'FETCH_TIMEOUT_MS']) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('super-secret-token');
    expect(message).not.toContain('Mars/Olympus');
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', DIGEST_TIMEZONE: '', NEWSROOM_TIMEZONE: 'Europe/Berlin' }).digest.defaultTimezone).toBe(
      'Europe/Berlin',
    );
  });

  it('splits the fetch allow-list on commas', () => {
    expect(loadConfig({ FETCH_ALLOW_HOSTS: '127.0.0.1, ::1 ,' }).fetch.allowHosts).toEqual(['127.0.0.1', '::1']);
  });

  it('accepts host names, IPv4 and bracketed or bare IPv6 addresses in the fetch allow-list', () => {
    const hosts = 'localhost,intranet.newsroom.internal,10.0.0.7,[fd00::1],fe80::1';
    expect(loadConfig({ FETCH_ALLOW_HOSTS: hosts }).fetch.allowHosts).toEqual(hosts.split(','));
  });

  it.each(['http://10.0.0.7', '10.0.0.7:8080', 'wire.example/feeds', 'bad host', '-lead.example', '[::1'])(
    'refuses %s in FETCH_ALLOW_HOSTS, naming the variable and the entry',
    (entry) => {
      expect(() => loadConfig({ FETCH_ALLOW_HOSTS: `127.0.0.1,${entry}` })).toThrow(/FETCH_ALLOW_HOSTS: entry 2 is not a host name/);
    },
  );

  it.each(['every tuesday', '61 * * * *', '* * *'])('refuses the cron expression %s in FEED_POLL_CRON', (expression) => {
    expect(() => loadConfig({ FEED_POLL_CRON: expression })).toThrow(/FEED_POLL_CRON: not a cron expression/);
  });
});
