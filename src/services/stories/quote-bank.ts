import type { NewQuote } from '../../data/schemas.js';
import type { QuoteStore } from '../../data/store.js';
import { extractQuotes } from '../briefing/quotes.js';
import { canonicalSpeaker } from '../briefing/speaker-identity.js';
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
