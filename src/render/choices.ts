import type { ArticleSummary } from '../data/schemas.js';
import { clip } from './embed.js';
import { formatDate } from './format.js';
import { AUTOCOMPLETE_CHOICES_LIMIT, AUTOCOMPLETE_NAME_LIMIT, AUTOCOMPLETE_VALUE_LIMIT } from './limits.js';

/** An autocomplete suggestion as Discord takes it. */
export type StringChoice = { name: string; value: string };

/**
 * Autocomplete choices for articles, in the given order: at most 25, each name `Title · Outlet · date` cut to
 * 100 characters (the title is shortened first), each value the article id.
 */
export function renderArticleChoices(articles: readonly ArticleSummary[], timeZone: string): StringChoice[] {
  return articles.slice(0, AUTOCOMPLETE_CHOICES_LIMIT).map((article) => {
    const suffix = [article.outlet, article.publishedAt === null ? null : formatDate(article.publishedAt, timeZone)]
      .filter((part): part is string => part !== null)
      .map((part) => ` · ${part}`)
      .join('');
    const keep = Math.max(AUTOCOMPLETE_NAME_LIMIT - suffix.length, AUTOCOMPLETE_NAME_LIMIT / 2);
    const name = clip(`${clip(oneLine(article.title), keep, { note: false })}${suffix}`, AUTOCOMPLETE_NAME_LIMIT, { note: false });
    return { name, value: article.id };
  });
}

/** Autocomplete choices from plain strings (e.g. speaker names): unique, at most 25, names and values cut to 100. */
export function renderTextChoices(values: readonly string[]): StringChoice[] {
  const unique = [...new Set(values.map(oneLine).filter((value) => value !== ''))];
  return unique.slice(0, AUTOCOMPLETE_CHOICES_LIMIT).map((value) => ({
    name: clip(value, AUTOCOMPLETE_NAME_LIMIT, { note: false }),
    value: clip(value, AUTOCOMPLETE_VALUE_LIMIT, { note: false }),
  }));
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
