import type { Article } from '../../data/schemas.js';
import type { Logger } from '../../log.js';
import { buildBrief } from '../briefing/brief.js';
import type { DigestLiner, DigestLines } from './build-digest.js';

/**
 * The briefing engine's digest lines for an article: the summary is the brief's first bullet (the engine picks the
 * top sentences and returns them in article order, so this is the highest-placed of the strongest, usually the lede)
 * and the quote is its key quote, verbatim, with the speaker as the article gives it.
 */
export function briefDigestLines(article: Article): DigestLines {
  const brief = buildBrief(article, { bullets: 3, quotes: 1 });
  const quote = brief.keyQuotes[0];
  return {
    summary: brief.bullets[0]?.text ?? null,
    quote: quote === undefined ? null : { text: quote.text, speaker: quote.speaker },
  };
}

/** `briefDigestLines`, except that an article the engine fails on gets no lines (logged) instead of failing the digest. */
export function safeDigestLines(log: Logger): DigestLiner {
  return (article) => {
    try {
      return briefDigestLines(article);
    } catch (error) {
      log.warn({ err: error, articleId: article.id }, 'digest lines failed');
      return { summary: null, quote: null };
    }
  };
}
