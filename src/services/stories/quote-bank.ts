import type { NewQuote, QuoteSpeaker } from '../../data/schemas.js';
import type { QuoteStore } from '../../data/store.js';
import { extractQuotes } from '../briefing/quotes.js';
import { canonicalSpeaker, foldForMatching } from '../briefing/speaker-identity.js';
import type { ArticleText, Quote } from '../briefing/types.js';

/** A quote as the bank keeps it: verbatim, with its speaker as written and the canonical key its quotes gather under. */
export function toBankQuote(quote: Quote): NewQuote {
  const canonical = quote.speaker === null ? '' : canonicalSpeaker(quote.speaker);
  return {
    text: quote.text,
    speaker: quote.speaker,
    canonicalSpeaker: canonical === '' ? null : canonical,
    speakerRole: quote.speakerRole,
    kind: quote.kind,
  };
}

/** Extracts every quote of each article and replaces the article's quotes in the bank, in one store call. */
export async function indexQuotes(quotes: QuoteStore, articles: readonly (ArticleText & { id: string })[]): Promise<number> {
  const entries = articles.map((article) => ({ articleId: article.id, quotes: extractQuotes(article).map(toBankQuote) }));
  await quotes.replace(entries);
  return entries.reduce((sum, entry) => sum + entry.quotes.length, 0);
}

/** Speakers offered or compared when a person types a name. */
const SPEAKER_CANDIDATES = 10;

/** Typed words as the quote bank compares them: folded (case and accents ignored), letters and digits only. */
export function foldedWords(typed: string): string[] {
  return foldForMatching(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * The bank's speaker a person means by `typed`: the one whose canonical form is the typed name's, else the only one
 * whose name words start with the typed words. Otherwise no speaker, with the candidates (none, or several).
 */
export async function resolveSpeaker(
  quotes: QuoteStore,
  typed: string,
): Promise<{ speaker: QuoteSpeaker; candidates?: never } | { speaker?: never; candidates: QuoteSpeaker[] }> {
  const canonical = canonicalSpeaker(typed);
  const prefixes = canonical === '' ? [] : canonical.split(' ');
  if (prefixes.length === 0) return { candidates: [] };
  const candidates = await quotes.speakers(prefixes, SPEAKER_CANDIDATES);
  const exact = candidates.find((candidate) => candidate.canonical === canonical);
  if (exact !== undefined) return { speaker: exact };
  if (candidates.length === 1 && candidates[0] !== undefined) return { speaker: candidates[0] };
  return { candidates };
}
