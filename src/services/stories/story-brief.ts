import { z } from 'zod';
import { clamp, keyQuotes } from '../briefing/brief.js';
import { trimSentence } from '../briefing/clauses.js';
import { quotesOf } from '../briefing/quotes.js';
import { contentWords, rankSentences, selectSentences, type RankedSentence } from '../briefing/rank.js';
import { segmentArticle, type Sentence } from '../briefing/segment.js';
import { canonicalSpeaker } from '../briefing/speaker-identity.js';
import { wordCount } from '../briefing/text-scan.js';
import type { Bullet, Quote } from '../briefing/types.js';

/** What a story brief needs of each of the story's articles. */
export const StoryArticle = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string(),
  outlet: z.string().nullable().optional(),
  publishedAt: z.coerce.date(),
});
export type StoryArticle = z.output<typeof StoryArticle>;

/** A bullet of one article (`text` is `article.text.slice(start, end)`), with that article's id. */
export type StoryBullet = Bullet & { articleId: string };
/** A quote of one article, verbatim as `Quote` promises, with that article's id. */
export type StoryQuote = Quote & { articleId: string };
export type StorySource = { articleId: string; title: string; outlet: string | null; url: string; publishedAt: Date };

export type StoryBrief = {
  /** The headline of the freshest article. */
  headline: string;
  headlineArticleId: string;
  /** 3-5 bullets from across the articles, none repeating another or `whatsNew`, freshest article first. */
  bullets: StoryBullet[];
  /** A leading sentence of the freshest article that no earlier article says; `null` for a one-article story. */
  whatsNew: StoryBullet | null;
  /** Key quotes, each by a different speaker; quotes with a speaker come before quotes without one. */
  quotes: StoryQuote[];
  /** Every article, freshest first. */
  sources: StorySource[];
};

export type StoryBriefOptions = {
  /** Number of bullets, 3-5; default 4. Fewer when the articles have fewer distinct sentences. */
  bullets?: number;
  /** Number of key quotes, 0-10; default 3. */
  quotes?: number;
};

// Articles read in full, freshest first: the single-article engine costs a few milliseconds an article, and a story
// covered by two hundred outlets must not take a second. The others count only by their headlines and as sources.
const MAX_ANALYSED = 8;
// Where an article's lead may end (at the next paragraph break); see `leadOf`.
const LEAD_CHARS = 2_500;
// Candidate bullets per article: the story brief draws on every source, so no article's lesser sentences crowd out
// another article's best ones.
const CANDIDATES_PER_ARTICLE = 3;
// Quotes considered per article before the speakers are made distinct across the story.
const QUOTES_PER_ARTICLE = 5;
// A sentence (or quote) is said already when this share of its content words is in one said before.
const COVERED = 0.6;

type Analysed = { article: StoryArticle; ranked: RankedSentence[]; words: ReadonlySet<string>[]; quotes: Quote[] };

/**
 * Builds the brief of a story from its articles with the single-article engine (segmentation, clause trimming, the
 * learned ranker and `keyQuotes`) run on each article. Every bullet and quote is a verbatim span of one article and
 * names it. Only the freshest 8 articles are read, each to the end of its lead. Throws a `RangeError` for an empty
 * story.
 */
export function buildStoryBrief(articles: readonly StoryArticle[], options: StoryBriefOptions = {}): StoryBrief {
  if (articles.length === 0) throw new RangeError('a story brief needs at least one article');
  const bulletCount = clamp(options.bullets ?? 4, 3, 5);
  const quoteCount = clamp(options.quotes ?? 3, 0, 10);
  const byFreshness = [...articles].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
  const analysed = byFreshness.slice(0, MAX_ANALYSED).map(analyse);
  const [latest, ...earlier] = analysed as [Analysed, ...Analysed[]];
  const otherHeadlines = byFreshness.slice(MAX_ANALYSED).map((a) => a.title);
  const whatsNew = earlier.length === 0 ? null : newInLatest(latest, earlier, otherHeadlines);
  const whatsNewBullet = whatsNew === null ? null : toBullet(whatsNew, latest.article.id);
  const bullets = storyBullets(analysed, bulletCount, whatsNew);
  return {
    headline: latest.article.title,
    headlineArticleId: latest.article.id,
    bullets,
    whatsNew: whatsNewBullet,
    quotes: storyQuotes(analysed, [...bullets, ...(whatsNewBullet === null ? [] : [whatsNewBullet])], quoteCount),
    sources: byFreshness.map((a) => ({ articleId: a.id, title: a.title, outlet: a.outlet ?? null, url: a.url, publishedAt: a.publishedAt })),
  };
}

function analyse(article: StoryArticle): Analysed {
  const text = leadOf(article.text);
  const seg = segmentArticle(text, article.title);
  const ranked = rankSentences(seg.sentences.map(trimSentence), article.title);
  return { article, ranked, words: ranked.map((r) => new Set(contentWords(r.sentence.text))), quotes: quotesOf(text, seg) };
}

/**
 * The article up to the first paragraph break after `LEAD_CHARS`: a story brief draws on several articles, whose leads
 * carry the story, and reading each to the end would double its cost. Offsets into the lead are offsets into the text.
 */
function leadOf(text: string): string {
  const cut = text.indexOf('\n', LEAD_CHARS);
  return cut < 0 ? text : text.slice(0, cut);
}

/** The best-ranked sentence of the latest article that no sentence or headline of an earlier article covers. */
function newInLatest(latest: Analysed, earlier: readonly Analysed[], otherHeadlines: readonly string[]): Sentence | null {
  const said = [...earlier.flatMap((a) => [...a.words, new Set(contentWords(a.article.title))]), ...otherHeadlines.map((t) => new Set(contentWords(t)))];
  const order = latest.ranked.map((r, i) => ({ r, words: latest.words[i] as ReadonlySet<string> })).sort((a, b) => b.r.score - a.r.score);
  for (const { r, words } of order) {
    if (words.size >= 3 && !said.some((s) => containment(words, s) >= COVERED)) return r.sentence;
  }
  return null;
}

function storyBullets(analysed: readonly Analysed[], count: number, whatsNew: Sentence | null): StoryBullet[] {
  const source = new Map<RankedSentence, { articleId: string; order: number }>();
  const kept: { r: RankedSentence; words: ReadonlySet<string> }[] = [];
  const whatsNewWords = whatsNew === null ? undefined : new Set(contentWords(whatsNew.text));
  const candidates = analysed.flatMap((a, order) =>
    a.ranked
      .map((r, i) => ({ r, words: a.words[i] as ReadonlySet<string>, articleId: a.article.id, order }))
      .sort((x, y) => y.r.score - x.r.score)
      .slice(0, CANDIDATES_PER_ARTICLE),
  );
  // Best first, a candidate is dropped when a kept one (or what is new) already says it: the same wire sentence in
  // several outlets must not become several bullets, whichever words each outlet's own ranking weighs.
  for (const c of candidates.sort((x, y) => y.r.score - x.r.score)) {
    if (c.r.sentence === whatsNew) continue;
    if (whatsNewWords !== undefined && overlaps(c.words, whatsNewWords)) continue;
    if (kept.some((k) => overlaps(c.words, k.words))) continue;
    kept.push(c);
    source.set(c.r, { articleId: c.articleId, order: c.order });
  }
  return selectSentences(
    kept.map((k) => k.r),
    count,
  )
    .map((r) => ({ r, from: source.get(r) as { articleId: string; order: number } }))
    .sort((a, b) => a.from.order - b.from.order || a.r.sentence.index - b.r.sentence.index)
    .map(({ r, from }) => toBullet(r.sentence, from.articleId));
}

/** Each article's key quotes on the topic of the story's bullets, then the best of them with distinct speakers. */
function storyQuotes(analysed: readonly Analysed[], bullets: readonly Bullet[], count: number): StoryQuote[] {
  const candidates = analysed.flatMap((a) =>
    keyQuotes(a.quotes, bullets, a.article.title, QUOTES_PER_ARTICLE).map((quote) => ({
      quote: { ...quote, articleId: a.article.id },
      words: new Set(contentWords(quote.text)),
      score: (quote.speaker === null ? 0 : 2) + (quote.kind === 'direct' ? 0.5 : 0) + Math.min(wordCount(quote.text), 40) / 40,
    })),
  );
  // A stable sort keeps the fresher article's quote first among equals.
  candidates.sort((a, b) => b.score - a.score);
  const chosen: typeof candidates = [];
  const speakers = new Set<string>();
  for (const c of candidates) {
    if (chosen.length >= count) break;
    const speaker = c.quote.speaker === null ? null : canonicalSpeaker(c.quote.speaker);
    if (speaker !== null && speakers.has(speaker)) continue;
    if (chosen.some((k) => overlaps(k.words, c.words))) continue;
    if (speaker !== null) speakers.add(speaker);
    chosen.push(c);
  }
  return chosen.map((c) => c.quote);
}

function toBullet(sentence: Sentence, articleId: string): StoryBullet {
  return { start: sentence.start, end: sentence.end, text: sentence.text, sentenceIndex: sentence.index, articleId };
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return containment(a, b) >= COVERED || containment(b, a) >= COVERED;
}

/** Share of `a`'s words that are in `b`. */
function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0) return 0;
  let inside = 0;
  for (const word of a) if (b.has(word)) inside += 1;
  return inside / a.size;
}
