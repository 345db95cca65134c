import { createHash } from 'node:crypto';

/** Query parameters that track campaigns rather than name content; dropped from canonical URLs. */
const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|smid|taid)$/i;

/**
 * The canonical form of an article URL: lower-case host, no fragment, no tracking parameters, sorted query,
 * no trailing slash on the path (except the root). Returns `null` for anything that is not http(s).
 */
export function canonicalizeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  const kept = [...url.searchParams.entries()].filter(([key]) => !TRACKING_PARAMS.test(key));
  kept.sort(([a], [b]) => a.localeCompare(b));
  url.search = new URLSearchParams(kept).toString();
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}

/**
 * Whitespace that `\s+ -> ' '` would change: a run of two or more, or one character other than a plain space.
 * Single spaces (most of a text) are left alone, which makes the replace about four times cheaper than `/\s+/g`.
 */
const LOOSE_WHITESPACE = /\s{2,}|[^\S ]/g;

/**
 * SHA-256 of the article's normalized title and text (NFKC, whitespace runs as one space, trimmed, lower case):
 * equal for the same story re-ingested with new whitespace or case. The digest is the same as that of
 * `normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase()`; it is only computed more cheaply.
 */
export function contentHash(title: string, text: string): string {
  const normalized = `${title}\n${text}`.normalize('NFKC').replace(LOOSE_WHITESPACE, ' ').trim().toLowerCase();
  return createHash('sha256').update(normalized).digest('hex');
}

/** The stable 12-hex-digit id: from the canonical URL when there is one, else from the content hash. */
export function articleId(canonicalUrl: string | null, hash: string): string {
  const basis = canonicalUrl === null ? `hash:${hash}` : `url:${canonicalUrl}`;
  return createHash('sha256').update(basis).digest('hex').slice(0, 12);
}
