import { canonicalizeUrl } from '../data/article-identity.js';
import type { Article } from '../data/schemas.js';
import type { ArticleStore } from '../data/store.js';

const FULL_ID = /^[0-9a-f]{12}$/;
const ID_PREFIX = /^[0-9a-f]{4,11}$/;
const LOOKS_LIKE_URL = /^https?:\/\//i;

/**
 * Finds the one article a person means by `query`, trying in order:
 * an exact id (12 hex digits), an id prefix of at least 4 hex digits (the newest match when several share it),
 * a URL (compared in canonical form), and else the best full-text search hit.
 * Case and surrounding whitespace are ignored for ids. Returns `undefined` when nothing matches; never throws for
 * "not found" (store failures do propagate).
 */
export async function findArticle(store: ArticleStore, query: string): Promise<Article | undefined> {
  const trimmed = query.trim();
  if (trimmed === '') return undefined;
  const lowered = trimmed.toLowerCase();

  if (FULL_ID.test(lowered)) {
    const byId = await store.get(lowered);
    if (byId) return byId;
  }
  if (ID_PREFIX.test(lowered)) {
    const [first] = await store.getByIdPrefix(lowered, 1);
    if (first) {
      const byPrefix = await store.get(first.id);
      if (byPrefix) return byPrefix;
    }
  }
  if (LOOKS_LIKE_URL.test(trimmed)) {
    const byUrl = await findByUrl(store, trimmed);
    if (byUrl) return byUrl;
  }
  // A hex-looking word ("cafe", "beef") may still be a search term, so every path falls through to search.
  const [best] = await store.search(trimmed, { limit: 1 });
  return best ? store.get(best.id) : undefined;
}

/** The stored article at this URL, compared in canonical form, or `undefined` (also for text that is no URL). */
export async function findByUrl(store: ArticleStore, url: string): Promise<Article | undefined> {
  const canonical = canonicalizeUrl(url.trim());
  return canonical === null ? undefined : store.getByUrl(canonical);
}

/** Whether typed text is one http(s) URL and nothing else, so it names a page rather than search words. */
export function isUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text.trim());
}

/**
 * The first http(s) link in `text`, without the punctuation that ends a sentence or a markdown link around it
 * (`(see https://a.example/x).` gives `https://a.example/x`); `undefined` when there is none.
 */
export function firstUrl(text: string): string | undefined {
  const found = /https?:\/\/[^\s<>"'`]+/i.exec(text)?.[0];
  if (found === undefined) return undefined;
  const trimmed = found.replace(/[.,;:!?*_~\]]+$/, '');
  // A closing parenthesis belongs to the URL only when the URL opened one (`/wiki/Bridge_(1990)`).
  return !trimmed.includes('(') ? trimmed.replace(/\)+$/, '') : trimmed;
}
