import { z } from 'zod';
import { NewArticle } from '../../data/schemas.js';
import { IngestError } from '../../errors.js';
import { describeZodError, nonEmpty, splitAuthors, toIsoDateTime, type ItemProblem } from './normalize.js';

export type ParsedFile = { articles: NewArticle[]; problems: ItemProblem[] };

const BY_LINE = /^by\s+(.+)$/i;
const PUBLISHED_LINE = /^(?:published|posted|updated)(?:\s+on)?[:\s]+(.+)$/i;

/**
 * Reads a plain-text article: the first non-empty line is the title; an optional `By ...` line gives the authors
 * (`By Ann Lee| The Daily` gives author and outlet); an optional `Published ...` line gives the date; every other
 * non-empty line is a paragraph (single newlines separate paragraphs in this format). Throws
 * `IngestError('malformed_file')` when there is no title or no text.
 */
export function parseTextArticle(content: string, source: string): NewArticle {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  let index = lines.findIndex((line) => line.trim() !== '');
  const title = index === -1 ? '' : (lines[index] ?? '').trim();
  index += 1;
  let authors: string[] = [];
  let outlet: string | null = null;
  let publishedAt: string | null = null;

  // The byline and date lines, when present, come right after the title, in either order.
  for (let header = 0; header < 2 && index < lines.length; header += 1) {
    const line = (lines[index] ?? '').trim();
    const by = BY_LINE.exec(line);
    const published = PUBLISHED_LINE.exec(line);
    if (by && authors.length === 0) {
      const [names, ...rest] = (by[1] ?? '').split('|');
      authors = splitAuthors(names);
      outlet = nonEmpty(rest.join('|'));
    } else if (published && publishedAt === null && toIsoDateTime(published[1]) !== null) {
      publishedAt = toIsoDateTime(published[1]);
    } else {
      break;
    }
    index += 1;
  }
  const text = lines
    .slice(index)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n\n');
  const parsed = NewArticle.safeParse({ title, authors, outlet, publishedAt, text });
  if (!parsed.success) {
    throw new IngestError('malformed_file', `${source} is not a usable text article: ${describeZodError(parsed.error)}.`);
  }
  return parsed.data;
}

const KEY_ALIASES: Readonly<Record<string, string>> = {
  published_at: 'publishedAt',
  published: 'publishedAt',
  date: 'publishedAt',
  datePublished: 'publishedAt',
  body: 'text',
  content: 'text',
  link: 'url',
  headline: 'title',
  lang: 'language',
  category: 'section',
  source: 'outlet',
  site: 'outlet',
};

/** Accepts the spellings article files use in the wild and hands the strict `NewArticle` schema one shape. */
function lenientRecord(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const target = KEY_ALIASES[key] ?? key;
    if (!(target in out) || out[target] === undefined || out[target] === null) out[target] = field;
  }
  if (out.authors === undefined && typeof out.author === 'string') out.authors = splitAuthors(out.author);
  else if (out.authors === undefined && Array.isArray(out.author)) out.authors = out.author;
  delete out.author;
  if (typeof out.authors === 'string') out.authors = splitAuthors(out.authors);
  if (typeof out.publishedAt === 'number') {
    // Unix time in seconds or milliseconds
    const ms = out.publishedAt < 100_000_000_000 ? out.publishedAt * 1_000 : out.publishedAt;
    out.publishedAt = toIsoDateTime(new Date(ms)) ?? out.publishedAt;
  } else if (typeof out.publishedAt === 'string') {
    // An unreadable date stays as it is, so that the schema reports it instead of silently dropping it
    out.publishedAt = toIsoDateTime(out.publishedAt) ?? out.publishedAt;
  }
  if (typeof out.tags === 'string') out.tags = out.tags.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
  if (out.url === '') out.url = null;
  return out;
}

/** One article object from a JSON or JSONL file, with common key spellings accepted. */
export const LenientArticle = z.preprocess(lenientRecord, NewArticle);

function problemFor(value: unknown, where: string, reason: string): ItemProblem {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const title = typeof record.title === 'string' ? record.title : typeof record.headline === 'string' ? record.headline : null;
  const link = typeof record.url === 'string' ? record.url : typeof record.link === 'string' ? record.link : null;
  return { where, title, link, reason };
}

/**
 * Reads a JSON file holding one article object or an array of them. Each article is validated on its own: a bad
 * one is reported (`item 3`) and skipped. Throws `IngestError('malformed_file')` when the file is not JSON.
 */
export function parseJsonArticles(content: string, source: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IngestError('malformed_file', `${source} is not valid JSON (${reason}).`, { cause: error });
  }
  const items = Array.isArray(data) ? data : [data];
  const result: ParsedFile = { articles: [], problems: [] };
  items.forEach((item, index) => {
    const parsed = LenientArticle.safeParse(item);
    if (parsed.success) result.articles.push(parsed.data);
    else result.problems.push(problemFor(item, Array.isArray(data) ? `item ${index + 1}` : 'article', describeZodError(parsed.error)));
  });
  return result;
}

/**
 * Reads one line of a JSONL file, one article object per line (blank lines are the caller's to skip). A line that
 * is not JSON or not a valid article is a problem at `line N`.
 */
export function parseJsonLine(line: string, number: number): { ok: true; article: NewArticle } | { ok: false; problem: ItemProblem } {
  const where = `line ${number}`;
  let value: unknown;
  try {
    value = JSON.parse(number === 1 ? line.replace(/^\uFEFF/, '') : line);
  } catch (error) {
    return { ok: false, problem: { where, title: null, link: null, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` } };
  }
  const parsed = LenientArticle.safeParse(value);
  return parsed.success ? { ok: true, article: parsed.data } : { ok: false, problem: problemFor(value, where, describeZodError(parsed.error)) };
}
