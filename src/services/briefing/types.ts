/** Character offsets into the article text: `text.slice(start, end)`. */
export type Span = { start: number; end: number };

/**
 * One bullet of a brief: a sentence of the article, verbatim or cut at a clause boundary (`text` is always
 * `article.slice(start, end)`); a bullet cut before a trailing clause ends where its clause ends, without a final stop.
 */
export type Bullet = Span & {
  text: string;
  /** Index of the sentence in the article's story sentences (captions, credits and promo lines excluded). */
  sentenceIndex: number;
};

/** One verbatim piece of a quote: `text` is `article.slice(start, end)`, so a reader can check it against the article. */
export type QuotePart = Span & { text: string };

/**
 * A direct quote. `text` is verbatim; a quote interrupted by its attribution (`"A," she said. "B."`) is one quote whose
 * `parts` are each a verbatim span, and whose `text` joins them with ` … ` (or a space where only a paragraph break
 * separates them), so the elided attribution shows. A comma that ends a part before its attribution is left out.
 */
export type Quote = Span & {
  text: string;
  parts: QuotePart[];
  /**
   * Full name as the article gives it, an organisation, or a role phrase (`a spokesperson`); `null` when the article
   * does not say who spoke or the attribution is not confident enough to show (`speaker unclear`).
   */
  speaker: string | null;
  /** The speaker's title or role when the article gives one (e.g. `EU chief diplomat`). */
  speakerRole: string | null;
  /** The speaker's key for matching across articles (`canonicalSpeaker`), or `null` with no speaker. */
  canonical: string | null;
  /** How sure the attribution is, 0-1 (0 when no speaker was found); below the threshold the speaker is `null`. */
  confidence: number;
  /** `partial` when the quote is a fragment inside a sentence of the reporter's. */
  kind: 'direct' | 'partial';
  sentenceIndex: number;
};

export type BriefOptions = {
  /** Number of bullets, 3-6; by default three, and more while the brief stays within 75 words (`DEFAULT_LENGTH`). */
  bullets?: number;
  /** Number of key quotes; default 3. */
  quotes?: number;
};

export type Brief = {
  headline: string;
  bullets: Bullet[];
  keyQuotes: Quote[];
};

/** What the briefing engine needs of an article. */
export type ArticleText = { title: string; text: string };
