import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
