import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { getDomain } from 'tldts';
import type { NewArticle } from '../../data/schemas.js';
import { IngestError } from '../../errors.js';
import { assertReadableHtml, MAX_HTML_ELEMENTS, startCpuBudget, type CpuBudget } from './html-limits.js';
import { nonEmpty, splitAuthors, toIsoDateTime, validateArticle } from './normalize.js';

/** Elements whose end (and start) closes a paragraph. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL',
]);
/** Elements that never carry article text. */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'FIGCAPTION', 'BUTTON',
  'SELECT', 'TEXTAREA', 'INPUT', 'VIDEO', 'AUDIO', 'PICTURE', 'IMG', 'HEAD',
]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** A DOM without scripts, subresources or console noise. */
function quietDom(html: string, url?: string): JSDOM {
  // jsdom runs no scripts and loads no subresources unless told to (runScripts / resources); we tell it neither.
  return new JSDOM(html, { virtualConsole: new VirtualConsole(), ...(url ? { url } : {}) });
}

/** Nodes visited between two checks of the CPU budget. */
const BUDGET_CHECK_EVERY = 1_000;

/** Plain text of a DOM subtree: one paragraph per block element, separated by a blank line. */
function nodeToText(root: Node, budget: CpuBudget, source: string): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const paragraph = current.replace(/\s+/g, ' ').trim();
    if (paragraph !== '') paragraphs.push(paragraph);
    current = '';
  };
  // Depth first with an explicit stack, where `null` marks the end of a block, so that no nesting overflows the
  // call stack.
  const stack: (Node | null)[] = [root];
  for (let visited = 1; stack.length > 0; visited += 1) {
    const node = stack.pop();
    if (node === null || node === undefined) {
      flush();
      continue;
    }
    if (visited % BUDGET_CHECK_EVERY === 0) budget.check(source);
    if (node.nodeType === TEXT_NODE) {
      current += node.nodeValue ?? '';
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 11 && node.nodeType !== 9) continue;
    const tag = node.nodeType === ELEMENT_NODE ? (node as Element).tagName.toUpperCase() : '';
    if (SKIPPED_TAGS.has(tag)) continue;
    if (BLOCK_TAGS.has(tag)) {
      flush();
      stack.push(null);
    }
    const children = node.childNodes;
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] ?? null);
  }
  flush();
  return paragraphs.join('\n\n');
}

/**
 * Converts an HTML fragment (a feed item's content, a page's article body) to plain text: paragraphs and other
 * block elements become paragraphs separated by `\n\n`, whitespace inside a paragraph collapses to single spaces,
 * and scripts, styles, images and figure captions are dropped. Text without tags comes back as it is, trimmed,
 * with its own blank-line paragraphs kept. Throws `IngestError('too_complex')` naming `limits.source` for HTML
 * nested too deep or with too many elements (checked before parsing), or that uses up `limits.budget`.
 */
export function htmlToText(html: string, limits: { budget?: CpuBudget; source?: string } = {}): string {
  const source = limits.source ?? 'the HTML';
  if (!/<[a-z!/]/i.test(html)) {
    const decoded = html.includes('&') ? (JSDOM.fragment(`<p>${html}</p>`).textContent ?? html) : html;
    return decoded
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
      .filter((paragraph) => paragraph !== '')
      .join('\n\n');
  }
  assertReadableHtml(html, source);
  const budget = limits.budget ?? startCpuBudget();
  const fragment = JSDOM.fragment(html);
  budget.check(source);
  return nodeToText(fragment, budget, source);
}

/** A single line of plain text from an HTML string (titles may carry markup). */
export function htmlToLine(html: string, limits: { budget?: CpuBudget; source?: string } = {}): string {
  return htmlToText(html, limits).replace(/\s+/g, ' ').trim();
}

type JsonLdFacts = { datePublished?: string; authors: string[]; publisher?: string; section?: string; headline?: string; url?: string };

function jsonLdFacts(document: Document): JsonLdFacts {
  const facts: JsonLdFacts = { authors: [] };
  const names = (value: unknown): string[] => {
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) return value.flatMap(names);
    if (typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string') return [value.name];
    return [];
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (Array.isArray(record['@graph'])) visit(record['@graph']);
    const type = record['@type'];
    const types = Array.isArray(type) ? type : [type];
    if (!types.some((t) => typeof t === 'string' && /Article|Posting|Report/i.test(t))) return;
    if (typeof record.datePublished === 'string') facts.datePublished ??= record.datePublished;
    if (facts.authors.length === 0) facts.authors = names(record.author);
    const publisher = names(record.publisher)[0];
    if (publisher) facts.publisher ??= publisher;
    const section = names(record.articleSection)[0];
    if (section) facts.section ??= section;
    if (typeof record.headline === 'string') facts.headline ??= record.headline;
    if (typeof record.url === 'string') facts.url ??= record.url;
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // a broken JSON-LD block is common on the web; the page's other metadata still counts
    }
  }
  return facts;
}

function meta(document: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    const element = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const value = nonEmpty(element?.getAttribute('content'));
    if (value !== null) return value;
  }
  return null;
}

function metaAll(document: Document, key: string): string[] {
  return Array.from(document.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`))
    .map((element) => nonEmpty(element.getAttribute('content')))
    .filter((value): value is string => value !== null);
}

function absoluteHttpUrl(raw: string | null | undefined, base: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Whether two URLs belong to one site: the same registrable domain by the Public Suffix List, private suffixes
 * included (`a.github.io` and `b.github.io` are two sites); hosts without one (IP addresses, `localhost`) must
 * match exactly.
 */
export function isSameSite(url: string, other: string): boolean {
  const host = new URL(url).hostname;
  const otherHost = new URL(other).hostname;
  if (host === otherHost) return true;
  const domain = getDomain(host, { allowPrivateDomains: true });
  return domain !== null && domain === getDomain(otherHost, { allowPrivateDomains: true });
}

/**
 * The URL that identifies a page's article: the first declared one (canonical link, `og:url`, JSON-LD `url`) on
 * the same site as the fetched URL, else the fetched URL. A page cannot claim another site's URL, which would
 * replace that site's stored article. Without a fetched URL (a saved file) the first declared one is taken.
 */
function identityUrl(declared: readonly (string | null)[], pageUrl: string | undefined): string | null {
  const fetched = absoluteHttpUrl(pageUrl, undefined);
  const candidates = declared.filter((url): url is string => url !== null);
  if (fetched === null) return candidates[0] ?? null;
  return candidates.find((url) => isSameSite(url, fetched)) ?? fetched;
}

function normalizeLanguage(raw: string | null | undefined): string | null {
  const value = nonEmpty(raw)?.replace(/_/g, '-');
  return value !== undefined && value !== null && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(value) ? value : null;
}

function readArticle(document: Document, source: string) {
  try {
    // maxElemsToParse backs up the cheap scan with the parsed document's exact element count.
    return new Readability(document, { serializer: (node: Node) => node, maxElemsToParse: MAX_HTML_ELEMENTS }).parse();
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('Aborting parsing document')) throw error;
    throw new IngestError('too_complex', `${source} has more than ${MAX_HTML_ELEMENTS} HTML elements; newsbrief does not read such documents.`, { cause: error });
  }
}

/**
 * Extracts the article of a web page with Mozilla Readability. Metadata: URL from the canonical link (else
 * `og:url`, else JSON-LD `url`) when it is on the fetched URL's site, else the fetched URL, title from `og:title` (else Readability's, else `<title>`), published date from
 * `article:published_time` or JSON-LD `datePublished`, authors from the author meta, JSON-LD or byline, outlet from
 * `og:site_name`, section from `article:section`, language from `<html lang>`.
 * Throws `IngestError('empty_article')` when the page has no readable article text, and
 * `IngestError('too_complex')` for a page over the depth or element caps (checked before it is parsed) or over
 * the CPU time budget of one document.
 */
export function parsePage(html: string, pageUrl: string | undefined, source = pageUrl ?? 'page'): NewArticle {
  const budget = startCpuBudget();
  assertReadableHtml(html, source);
  const dom = quietDom(html, pageUrl);
  const { document } = dom.window;
  try {
    budget.check(source);
    // Read metadata before Readability, which rewrites the document as it works.
    const ld = jsonLdFacts(document);
    const canonical = identityUrl(
      [
        absoluteHttpUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute('href'), pageUrl),
        absoluteHttpUrl(meta(document, 'og:url'), pageUrl),
        absoluteHttpUrl(ld.url, pageUrl),
      ],
      pageUrl,
    );
    const ogTitle = meta(document, 'og:title', 'twitter:title');
    const docTitle = nonEmpty(document.title);
    const published = meta(document, 'article:published_time', 'datePublished', 'pubdate', 'date', 'dc.date');
    const metaAuthor = meta(document, 'author', 'article:author', 'dc.creator');
    const siteName = meta(document, 'og:site_name', 'application-name');
    const section = meta(document, 'article:section') ?? ld.section ?? null;
    const tags = metaAll(document, 'article:tag');
    const htmlLang = document.documentElement.getAttribute('lang');

    const parsed = readArticle(document, source);
    budget.check(source);
    const text = parsed?.content ? nodeToText(parsed.content, budget, source) : '';
    if (text.trim() === '') {
      throw new IngestError('empty_article', `${source} has no readable article text.`);
    }
    const authorsFromMeta = metaAuthor && !/^https?:\/\//i.test(metaAuthor) ? splitAuthors(metaAuthor) : [];
    const authors = authorsFromMeta.length > 0 ? authorsFromMeta : ld.authors.length > 0 ? ld.authors : splitAuthors(parsed?.byline);
    const result = validateArticle({
      url: canonical,
      title: ogTitle ?? nonEmpty(ld.headline) ?? nonEmpty(parsed?.title) ?? docTitle ?? '',
      authors: [...new Set(authors.map((name) => name.trim()).filter((name) => name !== ''))],
      outlet: siteName ?? nonEmpty(ld.publisher) ?? nonEmpty(parsed?.siteName),
      publishedAt: toIsoDateTime(published ?? ld.datePublished ?? parsed?.publishedTime ?? document.querySelector('time[datetime]')?.getAttribute('datetime')),
      section,
      tags,
      language: normalizeLanguage(htmlLang) ?? normalizeLanguage(parsed?.lang) ?? 'en',
      text,
    });
    if (!result.ok) {
      throw new IngestError('empty_article', `${source} is not a usable article: ${result.reason}.`);
    }
    return result.article;
  } finally {
    dom.window.close();
  }
}
