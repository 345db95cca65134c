import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { NewArticle } from '../data/schemas.js';
import type { Store } from '../data/store.js';
import type { Logger } from '../log.js';
import { storeArticles } from './ingest/ingest.js';

const SAMPLE_FILE = join('samples', 'newsroom.jsonl');

/** The project root: the nearest folder above this module holding the samples (works from `src/` and `dist/src/`). */
function findSampleFile(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = join(dir, SAMPLE_FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** Parses the shipped sample newsroom; a bad line is a bug in the repository, so it throws. */
export function readSampleNewsroom(path = findSampleFile()): NewArticle[] {
  if (path === undefined) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => NewArticle.parse(JSON.parse(line)));
}

/**
 * Loads the sample newsroom into an empty store, so a fresh install has stories to brief.
 * A store that already holds articles is left alone. Returns the number of articles loaded.
 */
export async function seedSampleNewsroom(store: Store, log: Logger, now: () => Date): Promise<number> {
  if ((await store.articles.count()) > 0) return 0;
  const articles = readSampleNewsroom();
  if (articles.length === 0) {
    log.warn({ file: SAMPLE_FILE }, 'sample newsroom not found');
    return 0;
  }
  await storeArticles(store, articles, now);
  log.info({ articles: articles.length }, 'sample newsroom loaded');
  return articles.length;
}
