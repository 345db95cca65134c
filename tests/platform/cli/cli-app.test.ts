import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCliApp } from '../../../src/platform/cli/cli-app.js';
import { readSampleNewsroom } from '../../../src/services/sample-newsroom.js';

describe('createCliApp', () => {
  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'newsbrief-app-')), 'nb.db')}`,
    LOG_LEVEL: 'silent',
    ...extra,
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  afterEach(() => stderr.mockClear());

  it('loads the sample newsroom into an empty store for a verb that reads articles, and says so', async () => {
    const app = createCliApp(env());
    expect(await app.withStore((store) => store.articles.count(), { seedSamples: true })).toBe(readSampleNewsroom().length);
    expect(String(stderr.mock.calls[0]?.[0])).toContain('loaded the sample newsroom');
  });

  it('leaves the store empty for other verbs and with SEED_SAMPLES=false', async () => {
    expect(await createCliApp(env()).withStore((store) => store.articles.count())).toBe(0);
    const unseeded = createCliApp(env({ SEED_SAMPLES: 'false' }));
    expect(await unseeded.withStore((store) => store.articles.count(), { seedSamples: true })).toBe(0);
    expect(stderr).not.toHaveBeenCalled();
  });
});
