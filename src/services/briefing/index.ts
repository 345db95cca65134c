export { buildBrief, keyQuotes, DEFAULT_LENGTH, DEFAULT_QUOTES } from './brief.js';
export { extractQuotes } from './quotes.js';
export { segmentArticle, splitSentences, classifyLine, type LineKind, type Line, type Sentence, type Segmentation } from './segment.js';
export type { ArticleText, Brief, BriefOptions, Bullet, Quote, Span } from './types.js';
