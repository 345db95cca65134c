import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
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
});
