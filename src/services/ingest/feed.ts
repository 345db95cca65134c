import { parseFeed, type AtomFeed, type JsonFeed, type RdfFeed, type RssFeed } from 'feedsmith';
import type { NewArticle, NewArticleInput } from '../../data/schemas.js';
import { IngestError } from '../../errors.js';
import { startCpuBudget, type CpuBudget } from './html-limits.js';
import { htmlToLine, htmlToText } from './page.js';
import { nonEmpty, splitAuthors, toIsoDateTime, validateArticle, type ItemProblem } from './normalize.js';

/** What the registered feed (if any) says about its items; it wins over what the feed document says. */
export type FeedContext = {
  /** The URL the feed was fetched from; relative item links resolve against it. */
  feedUrl?: string;
  outlet?: string | null;
  section?: string | null;
  /** The CPU time the whole document may take; a fresh `startCpuBudget()` unless given. */
  budget?: CpuBudget;
};

export type ParsedFeed = {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  /** Items that passed validation, in feed order. */
  articles: NewArticle[];
  /** Items that did not, each with its title or link and the reason. */
  problems: ItemProblem[];
};

/** One feed item, whatever the format, before validation. */
type Candidate = {
  title: string | null;
  link: string | null;
  html: string | null;
  authors: string[];
  published: string | null;
  categories: string[];
  language: string | null;
};

function resolveLink(raw: string | null | undefined, base: string | undefined): string | null {
  const link = nonEmpty(raw);
  if (link === null) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || base === undefined) return link;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

function longest(...values: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const value of values) {
    if (value && value.trim() !== '' && (best === null || value.length > best.length)) best = value;
  }
  return best;
}

function fromRss(item: RssFeed.Item<string> | RdfFeed.Item<string>): Candidate {
  const rss = item as RssFeed.Item<string>;
  const authors = [
    ...(rss.authors ?? []).map((person) => person.name ?? ''),
    ...(item.dc?.creators ?? []),
  ].flatMap((name) => splitAuthors(name));
  return {
    title: item.title ?? null,
    link: item.link ?? (rss.guid?.isPermaLink !== false ? rss.guid?.value : undefined) ?? null,
    // content:encoded is usually the full story; description is often only a teaser
    html: item.content?.encoded ?? longest(item.description) ?? null,
    authors,
    published: rss.pubDate ?? item.dc?.dates?.[0] ?? null,
    categories: [...(rss.categories ?? []).map((category) => category.name ?? ''), ...(item.dc?.subjects ?? [])],
    language: item.dc?.languages?.[0] ?? null,
  };
}

function fromAtom(entry: AtomFeed.Entry<string>): Candidate {
  const alternate =
    entry.links?.find((link) => link.rel === undefined || link.rel === 'alternate') ?? entry.links?.[0] ?? undefined;
  const content = entry.content?.src === undefined ? entry.content?.value : undefined;
  return {
    title: entry.title?.value ?? null,
    link: alternate?.href ?? null,
    html: longest(content, entry.summary?.value) ?? null,
    authors: (entry.authors ?? []).flatMap((person) => splitAuthors(person.name)),
    published: entry.published ?? entry.updated ?? null,
    categories: (entry.categories ?? []).map((category) => category.label ?? category.term ?? ''),
    language: entry.dc?.languages?.[0] ?? null,
  };
}

function fromJson(item: JsonFeed.Item<string>): Candidate {
  const html = item.content_html ?? (item.content_text !== undefined ? escapeText(item.content_text) : item.summary);
  return {
    title: item.title ?? null,
    link: item.url ?? item.external_url ?? null,
    html: html ?? null,
    authors: (item.authors ?? []).flatMap((author) => splitAuthors(author.name)),
    published: item.date_published ?? item.date_modified ?? null,
    categories: item.tags ?? [],
    language: item.language ?? null,
  };
}

/** Plain text kept as text: paragraphs stay, `<` stays a character. */
function escapeText(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');
}

function parseDocument(body: string, source: string) {
  try {
    return parseFeed(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IngestError('malformed_feed', `${source} is not a readable RSS, Atom or JSON feed (${reason}).`, { cause: error });
  }
}

/**
 * Parses an RSS 2.0 / RDF, Atom or JSON Feed document into validated articles. Each item is checked on its own:
 * a broken one (no title, no text, a non-http link, ...) is reported in `problems` and skipped, the others are
 * kept. Item HTML (`content:encoded`, Atom content or summary, `content_html`) becomes text with paragraphs kept.
 * Outlet is the registered feed's, else the feed title; section is the registered feed's, else the item's first
 * category. An item whose HTML is too deep or too large to read, or that comes after the feed has used up its CPU
 * time budget, is a problem like any other bad item. Throws `IngestError('malformed_feed')` when the document is
 * not a feed at all.
 */
export function parseFeedDocument(body: string, context: FeedContext = {}): ParsedFeed {
  const source = context.feedUrl ?? 'the feed';
  const parsed = parseDocument(body, source);
  let title: string | null;
  let base = context.feedUrl;
  let feedLanguage: string | null = null;
  let candidates: Candidate[];
  switch (parsed.format) {
    case 'rss':
      title = nonEmpty(parsed.feed.title);
      base = parsed.feed.link ?? base;
      feedLanguage = nonEmpty(parsed.feed.language) ?? nonEmpty(parsed.feed.dc?.languages?.[0]);
      candidates = (parsed.feed.items ?? []).map(fromRss);
      break;
    case 'rdf':
      title = nonEmpty(parsed.feed.title);
      base = parsed.feed.link ?? base;
      feedLanguage = nonEmpty(parsed.feed.dc?.languages?.[0]);
      candidates = (parsed.feed.items ?? []).map(fromRss);
      break;
    case 'atom':
      title = nonEmpty(htmlToLine(parsed.feed.title?.value ?? ''));
      base = parsed.feed.links?.find((link) => link.rel === 'alternate')?.href ?? base;
      candidates = (parsed.feed.entries ?? []).map(fromAtom);
      break;
    case 'json':
      title = nonEmpty(parsed.feed.title);
      base = parsed.feed.home_page_url ?? base;
      feedLanguage = nonEmpty(parsed.feed.language);
      candidates = (parsed.feed.items ?? []).map(fromJson);
      break;
  }
  if (base !== undefined && base !== context.feedUrl && context.feedUrl !== undefined) {
    base = resolveLink(base, context.feedUrl) ?? context.feedUrl;
  }

  const articles: NewArticle[] = [];
  const problems: ItemProblem[] = [];
  // One budget for the whole document: a feed of hostile items stops costing CPU once it is spent, and each item
  // it stops at is reported.
  const budget = context.budget ?? startCpuBudget();
  candidates.forEach((candidate, index) => {
    const where = `item ${index + 1}`;
    const link = resolveLink(candidate.link, base);
    let itemTitle: string | null = null;
    let text: string;
    if (budget.isSpent()) {
      problems.push({ where, title: null, link, reason: `not read: the feed had used up its ${budget.limitMs} ms of CPU time` });
      return;
    }
    try {
      itemTitle = candidate.title === null ? null : nonEmpty(htmlToLine(candidate.title, { budget, source: 'the title' }));
      text = candidate.html === null ? '' : htmlToText(candidate.html, { budget, source: 'the item' });
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      problems.push({ where, title: itemTitle, link, reason: error.message });
      return;
    }
    const input: NewArticleInput = {
      url: link,
      title: itemTitle ?? '',
      authors: [...new Set(candidate.authors)],
      outlet: nonEmpty(context.outlet) ?? title,
      publishedAt: toIsoDateTime(candidate.published),
      section: nonEmpty(context.section) ?? nonEmpty(candidate.categories[0]),
      tags: [...new Set(candidate.categories.map((category) => category.trim()).filter((category) => category !== ''))],
      language: nonEmpty(candidate.language) ?? feedLanguage ?? 'en',
      text,
    };
    const result = validateArticle(input);
    if (result.ok) articles.push(result.article);
    else problems.push({ where, title: itemTitle, link, reason: result.reason });
  });
  return { format: parsed.format, title, articles, problems };
}

/** Whether a body looks like a feed document rather than an HTML page (for sniffing a URL of unknown kind). */
export function looksLikeFeed(body: string): boolean {
  const head = body.slice(0, 2_048).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return /"version"\s*:\s*"https?:\/\/jsonfeed\.org/.test(body.slice(0, 4_096)) || /"items"\s*:/.test(head);
  if (/^<!doctype html|^<html/i.test(head)) return false;
  return /<(rss|feed|rdf:RDF)[\s>]/i.test(head);
}
