import { z } from 'zod';
import { NewArticle, type NewArticleInput } from '../../data/schemas.js';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const DATE_ONLY_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_ONLY_WORDS = /^(?:[a-z]+,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const DATE_ONLY_WORDS_DAY_FIRST = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i;
const ISO_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function dateOnly(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString();
}

/**
 * Normalizes a published date to ISO 8601 in UTC (`...Z`), or `null` when it cannot be read.
 * A date without a time (`February 28, 2025`, `2025-02-28`) becomes noon UTC, which is the same calendar day in
 * every time zone from UTC-11 to UTC+11; a date-time without an offset is read as UTC, never as the machine's zone.
 */
export function toIsoDateTime(raw: string | Date | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.toISOString();
  const text = raw.trim();
  if (text === '') return null;
  const iso = DATE_ONLY_ISO.exec(text);
  if (iso) return dateOnly(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const words = DATE_ONLY_WORDS.exec(text);
  if (words) {
    const month = MONTHS[(words[1] ?? '').slice(0, 4).toLowerCase()] ?? MONTHS[(words[1] ?? '').slice(0, 3).toLowerCase()];
    if (month !== undefined) return dateOnly(Number(words[3]), month, Number(words[2]));
  }
  const dayFirst = DATE_ONLY_WORDS_DAY_FIRST.exec(text);
  if (dayFirst) {
    const month = MONTHS[(dayFirst[2] ?? '').slice(0, 3).toLowerCase()];
    if (month !== undefined) return dateOnly(Number(dayFirst[3]), month, Number(dayFirst[1]));
  }
  const parsed = new Date(ISO_WITHOUT_OFFSET.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

/** Splits a byline (`By Ann Lee and Bo Park`, `Ann Lee, Bo Park`) into names; drops a leading `By`. */
export function splitAuthors(byline: string | null | undefined): string[] {
  if (!byline) return [];
  const cleaned = byline.replace(/\s+/g, ' ').trim().replace(/^by[:\s]+/i, '');
  return cleaned
    .split(/\s*(?:,|;|&|\band\b)\s*/i)
    .map((name) => name.trim())
    .filter((name) => name !== '' && !/^https?:\/\//i.test(name));
}

/** Collapses runs of whitespace inside a single line of text. */
export function collapseSpace(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** A non-empty trimmed string, or `null`. */
export function nonEmpty(value: string | null | undefined): string | null {
  const collapsed = collapseSpace(value);
  return collapsed === '' ? null : collapsed;
}

/** A reason a candidate article was rejected, in plain words (`title: title is empty`). */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const message = /received undefined$/.test(issue.message) ? 'missing' : issue.message;
      return issue.path.length > 0 ? `${issue.path.join('.')}: ${message}` : message;
    })
    .join('; ');
}

/** Validates one candidate article; the outcome is a value, never a throw. */
export function validateArticle(
  candidate: NewArticleInput | unknown,
): { ok: true; article: NewArticle } | { ok: false; reason: string } {
  const parsed = NewArticle.safeParse(candidate);
  return parsed.success ? { ok: true, article: parsed.data } : { ok: false, reason: describeZodError(parsed.error) };
}

/** A problem with one item of a source, reported while the other items are kept. */
export type ItemProblem = {
  /** Where in the source: `item 3`, `line 7`. */
  where: string;
  title: string | null;
  link: string | null;
  reason: string;
};
