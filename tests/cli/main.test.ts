import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../support/closed-port.js';
import { openSqliteStore } from '../../src/data/sqlite/sqlite-store.js';
import { silentLogger } from '../../src/log.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { holdWriteLock } from '../support/sqlite-lock.js';

const TSX = join('node_modules', '.bin', 'tsx');

/** Runs the CLI as a separate process, the way a person or cron would, with a clean environment. */
function runCli(args: string[], env: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'newsbrief-cli-'));
  const result = spawnSync(TSX, ['src/main.ts', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: home, LOG_LEVEL: 'silent', DATABASE_URL: `sqlite:${join(home, 'nb.db')}`, ...env },
    input: '',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, home };
}

describe('newsbrief CLI', () => {
  it('lists its verbs in --help and exits 0', () => {
    const { code, stdout } = runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: newsbrief');
  });

  it('exits 2 with a usage message for an unknown verb', () => {
    const { code, stderr } = runCli(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command/i);
  });

  it('suggests the nearest verb for a typo and refuses an unknown option, naming the nearest', () => {
    const typo = runCli(['breif', 'seawall']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean brief?');
    const option = runCli(['brief', 'seawall', '--bulets', '3']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--bulets'");
    expect(option.stderr).toContain('Did you mean --bullets?');
  });

  it('exits 2 naming the bad variable when the configuration is invalid, and never prints the secret', () => {
    const { code, stderr } = runCli(['search', 'budget'], { DATABASE_URL: 'mysql://root:hunter2@db/news' });
    expect(code).toBe(2);
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).not.toContain('hunter2');
  });

  it.each([
    ['FEED_POLL_CRON', 'every tuesday'],
    ['FETCH_ALLOW_HOSTS', 'http://10.0.0.7:8080/'],
  ])('exits 2 naming %s before it opens the store', (name, value) => {
    const { code, stderr, home } = runCli(['start'], { [name]: value });
    expect(code).toBe(2);
    expect(stderr).toContain(name);
    expect(existsSync(join(home, 'nb.db'))).toBe(false);
  });
});

describe('newsbrief CLI with a store it cannot open', () => {
  /** One plain line on stderr, exit 2: no stack trace, no secret. */
  const expectOneLine = (result: ReturnType<typeof runCli>, pattern: RegExp): void => {
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  };

  it('says the folder is missing and creates nothing for a SQLite path under missing folders', () => {
    const home = mkdtempSync(join(tmpdir(), 'newsbrief-cli-'));
    const path = join(home, 'no', 'such', 'nb.db');
    const result = runCli(['search', 'budget'], { DATABASE_URL: `sqlite:${path}` });
    expectOneLine(result, new RegExp(`SQLite store at ${path}: the folder ${join(home, 'no', 'such')} does not exist`));
    expect(existsSync(join(home, 'no'))).toBe(false);
  });

  it('says a file that is not a database is not one', () => {
    const home = mkdtempSync(join(tmpdir(), 'newsbrief-cli-'));
    const path = join(home, 'notes.db');
    writeFileSync(path, 'Meeting notes, not a database.\n'.repeat(200));
    expectOneLine(runCli(['search', 'budget'], { DATABASE_URL: `sqlite:${path}` }), /notes\.db: the file is not a SQLite database/);
  });

  it('names a PostgreSQL server that is down with its password masked', async () => {
    const port = await closedPort();
    const result = runCli(['search', 'budget'], { DATABASE_URL: `postgres://newsbrief:hunter2@127.0.0.1:${port}/newsroom` });
    expectOneLine(result, new RegExp(`postgres://newsbrief:\\*\\*\\*@127\\.0\\.0\\.1:${port}/newsroom: nothing accepts connections`));
    expect(result.stderr).not.toContain('hunter2');
  });

  it.skipIf(TEST_DATABASE_URL === undefined)('says the password was refused, without printing it', () => {
    const url = new URL(TEST_DATABASE_URL ?? '');
    url.password = 'not-the-password-s3cr3t';
    const result = runCli(['search', 'budget'], { DATABASE_URL: url.toString() });
    expectOneLine(result, /PostgreSQL store at postgres:\/\/[^:]+:\*\*\*@.*password authentication failed/);
    expect(result.stderr).not.toContain('not-the-password-s3cr3t');
  });
});

describe('newsbrief ingest beside another process writing to the same SQLite file', () => {
  it('waits out a write lock held longer than one busy timeout and stores every article', { timeout: 60_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'newsbrief-cli-'));
    const path = join(home, 'shared.db');
    await (await openSqliteStore({ path, log: silentLogger })).close();
    const file = join(home, 'notices.jsonl');
    const line = (n: number) => JSON.stringify({ url: `https://harbour.example/notice-${n}`, title: `Notice ${n}`, text: `Mooring notice ${n} was posted.` });
    writeFileSync(file, `${Array.from({ length: 50 }, (_, n) => line(n)).join('\n')}\n`);
    const holder = await holdWriteLock(path);
    let code: number | null = null;
    let stdout = '';
    let stderr = '';
    try {
      const cli = spawn(TSX, ['src/main.ts', 'ingest', file], {
        env: { PATH: process.env.PATH ?? '', HOME: home, LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${path}` },
      });
      cli.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = once(cli, 'exit') as Promise<[number | null]>;
      // The lock is let go only once the ingest has waited out a whole busy timeout (5 s) and said it will retry.
      await new Promise<void>((resolve) => {
        cli.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes('sqlite store busy, retrying')) resolve();
        });
        void exited.then(() => resolve());
      });
      await holder.release();
      [code] = await exited;
    } finally {
      await holder.release();
    }
    expect(stderr).toContain('sqlite store busy, retrying');
    expect(code).toBe(0);
    expect(stdout).toContain('Ingested 1 source: 50 new');
    const store = await openSqliteStore({ path, log: silentLogger });
    try {
      expect(await store.articles.count()).toBe(50);
    } finally {
      await store.close();
    }
  });
});

describe('newsbrief start with a token and Discord out of reach', () => {
  it('logs each attempt to connect and ends with one plain line and exit 1', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api`;
    const { code, stderr } = runCli(['start'], {
      LOG_LEVEL: 'info',
      SEED_SAMPLES: 'false',
      DISCORD_TOKEN: 'closed.port.token',
      DISCORD_API_URL: apiUrl,
      DISCORD_LOGIN_ATTEMPTS: '2',
      DISCORD_LOGIN_BACKOFF_MS: '10',
    });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines.filter((line) => line.includes('"msg":"discord connecting"'))).toHaveLength(2);
    expect(lines.at(-1)).toBe(`✖ Could not connect to Discord at ${apiUrl} after 2 attempts: the connection was refused.`);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('stops at once on SIGINT while it is still connecting to a server that never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    const home = mkdtempSync(join(tmpdir(), 'newsbrief-cli-'));
    try {
      const cli = spawn(TSX, ['src/main.ts', 'start'], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          LOG_LEVEL: 'info',
          SEED_SAMPLES: 'false',
          DATABASE_URL: `sqlite:${join(home, 'nb.db')}`,
          DISCORD_TOKEN: 'silent.server.token',
          DISCORD_API_URL: `http://127.0.0.1:${port}/api`,
        },
      });
      const exited = once(cli, 'exit') as Promise<[number | null, string | null]>;
      let stderr = '';
      await new Promise<void>((resolve) => {
        cli.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes('"msg":"discord connecting"')) resolve();
        });
        void exited.then(() => resolve());
      });
      cli.kill('SIGINT');
      // Without the explicit end, the abandoned login's request kept the process alive for about a minute.
      const [code] = await Promise.race([exited, new Promise<[string]>((resolve) => setTimeout(() => resolve(['still running']), 15_000))]);
      if (code === 'still running') cli.kill('SIGKILL');
      expect(code).toBe(0);
      expect(stderr).toContain('"msg":"stopping"');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 60_000);
});
