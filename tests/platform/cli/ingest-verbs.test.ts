import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respond, startTestServer, type TestServer } from '../../support/http-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string): string => join(root, 'tests/fixtures/ingest', name);

type Run = { code: number; stdout: string; stderr: string };

/** Each run starts a fresh Node process with tsx, which takes seconds on a busy 2-core machine. */
const PROCESS_TEST_TIMEOUT_MS = 300_000;

describe('newsbrief ingest and feeds (as a process)', () => {
  let server: TestServer;
  let dir: string;

  // Runs in an empty directory so that no developer .env leaks in; the store is a file there.
  const run = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        join(root, 'node_modules/.bin/tsx'),
        [join(root, 'src/main.ts'), ...args],
        {
          cwd: dir,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: dir,
            DATABASE_URL: `sqlite:${join(dir, 'test.db')}`,
            LOG_LEVEL: 'silent',
            SEED_SAMPLES: 'false',
            FETCH_ALLOW_HOSTS: '127.0.0.1',
            FETCH_TIMEOUT_MS: '3000',
            ...env,
          },
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });

  beforeAll(async () => {
    server = await startTestServer();
    dir = mkdtempSync(join(tmpdir(), 'newsbrief-cli-'));
    server.route('/rss', respond(readFileSync(fixture('good.rss.xml')), 'application/rss+xml', { headers: { etag: '"e1"' } }));
    server.route('/bad.xml', respond(readFileSync(fixture('malformed.xml')), 'application/rss+xml'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests files and a feed URL, printing one line per source and exiting 0', async () => {
    const result = await run(['ingest', fixture('seed-format.txt'), server.url('/rss')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`ok       ${server.url('/rss')} (feed): 2 new`);
    expect(result.stdout).toMatch(/Ingested 2 sources: 3 new, 0 updated, 0 unchanged, 0 skipped\.\n$/);
  }, PROCESS_TEST_TIMEOUT_MS);

  it('exits 1 when a source fails, naming it, and reports JSON on request', async () => {
    const result = await run(['ingest', '--json', server.url('/bad.xml'), fixture('articles.jsonl')]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { failed: number; inserted: number; sources: { status: string }[] };
    expect(report.sources.map((source) => source.status)).toEqual(['failed', 'partial']);
    expect(report.inserted).toBe(2);
  }, PROCESS_TEST_TIMEOUT_MS);

  it('exits 2 on a usage error', async () => {
    const badFeed = await run(['feeds', 'add', 'not-a-url']);
    expect(badFeed.code).toBe(2);
    expect(badFeed.stderr).toContain('not-a-url');
  }, PROCESS_TEST_TIMEOUT_MS);

  it('adds, lists, polls and removes a feed', async () => {
    const added = await run(['feeds', 'add', server.url('/rss'), '--outlet', 'Courier']);
    expect(added.stdout).toMatch(/^Found RSS feed "[^"]+": \d+ items?[^\n]*\.\nAdded feed (\d+): /);
    const id = /feed (\d+)/.exec(added.stdout)?.[1] ?? '';

    const polled = await run(['feeds', 'poll']);
    expect(polled.code).toBe(0);
    expect(polled.stdout).toContain(`ok       ${server.url('/rss')}`);

    const listed = await run(['feeds', 'list', '--json']);
    const feeds = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: number; etag: string | null; outlet: string | null });
    expect(feeds).toEqual([expect.objectContaining({ id: Number(id), etag: '"e1"', outlet: 'Courier' })]);

    const removed = await run(['feeds', 'remove', id]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe(`Removed feed ${id}.\n`);
  }, PROCESS_TEST_TIMEOUT_MS);

  it('refuses to register a URL that is not a feed, unless forced', async () => {
    const refused = await run(['feeds', 'add', server.url('/bad.xml')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a feed newsbrief can read now');
    expect(refused.stderr).toContain('--force');
    expect((await run(['feeds', 'list', '--json'])).stdout).not.toContain('/bad.xml');
    const forced = await run(['feeds', 'add', server.url('/bad.xml'), '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^Added feed \d+: /);
  }, PROCESS_TEST_TIMEOUT_MS);
});
