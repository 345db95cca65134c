import { attribute } from './attribution.js';
import { leadIn, reportedJustBefore } from './earlier-credit.js';
import { findPeople } from './people.js';
import { groupParts, isNickname, isPartial, isTermList, isTitleLike, joinParts, lineStart, namesAWork, opensWithQuote, scanLine, spokenRightAfter, usesSingleMarks, type Part } from './quote-marks.js';
import { isAttributionOnly, isSayingParticiple } from './say-verbs.js';
import { segmentArticle, sentenceAt, type Segmentation } from './segment.js';
import { relativeClauseSubject, subjectAtStart, withoutIntroduction } from './sentence-subject.js';
import { confidenceOf, rivalFacts, speakerFeatures } from './speaker-confidence.js';
import { SPEAKER_MODEL } from './model/speaker-confidence.js';
import { canonicalSpeaker } from './speaker-identity.js';
import { credit, type Context, type Credit } from './speaker-phrase.js';
import { countStartingBefore, startsWithCapital, wordCount } from './text-scan.js';
import type { ArticleText, Quote, QuotePart, Span } from './types.js';

/**
 * Every direct quote of the article, in article order. Quote marks may be straight or curly; an article that quotes
 * with single marks only (British style) is read with single marks. A passage opened at the start of a paragraph and
 * left open continues with the next paragraph's opening mark; `"A," she said. "B."` is one quote of two parts. Quotes
 * in headlines, headings, captions and promo lines are not returned. Speakers are names as the article gives them
 * (surnames and pronouns resolved to the full name given earlier), or `null` when the article does not say or the
 * attribution's confidence is below the model's threshold: a wrong name costs a newsroom more than none.
 */
export function extractQuotes(article: ArticleText, segmentation?: Segmentation): Quote[] {
  const seg = segmentation ?? segmentArticle(article.text, article.title);
  return quotesOf(article.text, seg);
}

/** The quotes of the segmentation read last, kept for the next call on it (see `quotesOf`). */
let lastQuoted: { text: string; seg: Segmentation; quotes: readonly Quote[] } | undefined;

/**
 * Every quote of the article with its speaker shown only when confident (see `extractQuotes`). A call on the same
 * segmentation as the call before (a brief and then the article's quotes, the quote command's autocomplete on every
 * keystroke; `segmentArticle` returns the same one for the same article) gives the same quote objects without
 * attributing them again, in an array of its own.
 */
export function quotesOf(text: string, seg: Segmentation): Quote[] {
  if (lastQuoted === undefined || lastQuoted.seg !== seg || lastQuoted.text !== text) {
    const quotes = creditedQuotes(text, seg).map(({ quote }) => (quote.confidence >= SPEAKER_MODEL.threshold ? quote : withheld(quote)));
    lastQuoted = { text, seg, quotes };
  }
  return [...lastQuoted.quotes];
}

/** A quote whose speaker is not confident enough to show. */
function withheld(quote: Quote): Quote {
  return { ...quote, speaker: null, speakerRole: null, canonical: null };
}

/** A quote before the threshold applies, with the confidence model's features (`null` when no one was credited). */
export type CreditedQuote = { quote: Quote; features: number[] | null };

/** Every quote with its best credited speaker, whatever the confidence: what `quotesOf` and the model's training read. */
export function creditedQuotes(text: string, seg: Segmentation): CreditedQuote[] {
  const storyLines = seg.lines.filter((line) => line.kind === 'story');
  const single = usesSingleMarks(text, storyLines);
  const parts: Part[] = [];
  for (const [k, line] of storyLines.entries()) parts.push(...scanLine(text, line, single, opensWithQuote(text, storyLines[k + 1], single)));
  const groups = groupParts(text, parts, seg);
  const people = findPeople(text, seg.sentences);
  // Names inside quotes are what someone said, not who is speaking: pronouns never resolve to them.
  const inQuote = insideAnyOf(parts);
  const mentions = people.mentions.filter((m) => !inQuote(m));
  const context: Context = { text, mentions, all: people.mentions, sentences: seg.sentences, quoted: parts, speakers: new Set(), organisations: [] };
  const quotes: CreditedQuote[] = [];
  let previous: Previous | null = null;
  for (const group of groups) {
    const first = group[0];
    const last = group.at(-1);
    if (first === undefined || last === undefined) continue;
    const sentence = sentenceAt(seg.sentences, first.start);
    const kind = isPartial(text, first, sentence) ? 'partial' : 'direct';
    // The speaker of the quote just before, going on (`continuation`) when nothing names a new one.
    const goesOn = goingOn(previous);
    let attribution = attribute(text, group, seg, context, kind === 'partial');
    if (attribution === null && previous !== null && kind === 'direct' && first.start === lineStart(seg.lines, first)) {
      // A quote paragraph with no attribution of its own continues the speaker of the quote just before it.
      if (first.line - previous.lastLine <= 1) attribution = goesOn;
    }
    if (attribution === null && previous !== null && previous.lastLine === first.line) {
      // `Nurses are "worn ...," Ortega said. "That should worry a hospital."`: the same speaker goes on.
      const lastPart = previous.group.at(-1);
      const between = lastPart === undefined ? '' : text.slice(lastPart.end + 1, first.open);
      if (isAttributionOnly(between)) attribution = goesOn;
    }
    attribution ??= leadIn(text, seg, first, context);
    if (attribution === null && kind === 'direct') attribution = reportedJustBefore(text, seg, first, context);
    if (attribution === null && kind === 'direct' && previous !== null && previous.lastLine === first.line && !othersBetween(context, previous, first)) {
      // `"A," said Ines Varga, an engineer who has inspected the pier every spring. "B."`: a paragraph's unattributed quote
      // after an attributed one is the same speaker's, unless the words between bring in someone else (`Ruiz was not
      // convinced. "B."`), who may be the one speaking now.
      attribution = goesOn;
    }
    if (isNickname(text, group)) continue;
    const words = group.reduce((sum, p) => sum + wordCount(text.slice(p.start, p.end)), 0);
    // "Harbour Hour", "The Quiet Tide", "Pact for the Coast": a title in quote marks, not speech,
    // unless a verb of saying follows it.
    if (group.length === 1 && isTitleLike(text.slice(first.start, first.end)) && (!spokenRightAfter(text, first) || namesAWork(text, first))) continue;
    // `"City Museum hires a director," by Jane Roe`: the headline of a piece, credited to its author.
    if (group.length === 1 && first.close !== null && /,$/.test(text.slice(first.start, first.end)) && BY_AUTHOR.test(text.slice(first.close + 1, first.close + 40))) continue;
    if (attribution === null && kind === 'partial' && sentence !== undefined && previous !== null && refersBack(text.slice(sentence.start, first.open))) {
      // `Ruiz said it was "not good." Adding, "..."`: a sentence with no subject of its own goes on from the quote of
      // the sentence before.
      const previousStart = previous.group[0]?.start ?? -1;
      if (sentenceAt(seg.sentences, previousStart)?.index === sentence.index - 1) attribution = goesOn;
    }
    const passive = sentence !== undefined && PASSIVE_SAYING.test(text.slice(sentence.start, first.open));
    if (attribution === null && kind === 'partial' && sentence !== undefined && !passive) {
      // "calls herself “The Anchor”", "described as “short of patience”": the sentence's subject uses the words, unless
      // they stand in a relative clause about someone else (`including one buyer who promised her “a fair price”`).
      const opening = withoutIntroduction(text.slice(sentence.start, first.open));
      const relative = relativeClauseSubject(opening, sentence.start, context);
      attribution = credit(relative === undefined ? subjectAtStart(opening, sentence.start, context) : relative, 'partial-subject');
    }
    // A few words in quote marks inside a reporter's sentence, with nobody saying them, are a term, a title or scare
    // quotes ("naive" user, Cris "Cyborg" Justino), not someone's words; after a passive verb of saying they are words
    // someone said.
    if (attribution === null && (words < 3 || (kind === 'partial' && words < 5 && !passive) || isTermList(text, group))) continue;
    const spokeBefore =
      attribution !== null &&
      (attribution.person !== null ? context.speakers.has(attribution.person) : context.organisations.some((o) => o.name === attribution?.speaker));
    const features = attribution === null ? null : speakerFeatures(attribution, { partial: kind === 'partial', spokeBefore, words, ...rivalFacts(text, seg, group, context, attribution) });
    const spans = group.map((p) => withoutTrailingComma(text, p));
    const speaker = attribution?.speaker ?? null;
    quotes.push({
      quote: {
        start: first.start,
        end: spans.at(-1)?.end ?? last.end,
        text: joinParts(text, spans),
        parts: spans,
        speaker,
        speakerRole: attribution?.role ?? null,
        canonical: speaker === null ? null : canonicalSpeaker(speaker),
        confidence: features === null ? 0 : confidenceOf(features),
        kind,
        sentenceIndex: sentence?.index ?? -1,
      },
      features,
    });
    if (attribution?.person != null) context.speakers.add(attribution.person);
    // An organisation an `it said` was credited to stays the one a later `it said` means, however far the next one is.
    else if (attribution != null && attribution.speaker !== null && startsWithCapital(attribution.speaker)) {
      context.organisations.push({ name: attribution.speaker, at: first.start });
    }
    previous = { credit: attribution, group, lastLine: last.line };
  }
  return quotes;
}

/**
 * A test of whether a span lies inside one of `spans`. It sorts the spans by start once and keeps the furthest end
 * reached so far, so each test is a binary search rather than a scan of every quote of the article.
 */
function insideAnyOf(spans: readonly Span[]): (span: Span) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  for (const s of sorted) reach.push(Math.max(reach.at(-1) ?? -Infinity, s.end));
  // Every span that can contain `span` starts at or before it, and so is at or before the last such one.
  return (span) => (reach[countStartingBefore(sorted, span.start + 1) - 1] ?? -Infinity) >= span.end;
}

// Hoisted for the reason NAME_WORD is (name-words.ts): tested for every quote ending in a comma.
const BY_AUTHOR = /^\s*by\s+(?:the\s+)?\p{Lu}/u;

// `He was also described as "..."`, `she is often called "..."`: the subject of a passive verb of saying is who the words
// are about, not who says them.
const PASSIVE_SAYING =
  /\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+|also\s+|once\s+)?(?:described|called|labell?ed|branded|dubbed|termed|characteri[sz]ed|hailed|derided|denounced|mocked|praised|deemed|seen|regarded|viewed|accused)\s+(?:by\s+[^,;:]{1,60}?\s+)?(?:as\s+|of\s+)?$/i;

// `Adding, `, `And noting that `: a participle of saying with no subject; `That makes it `, `This was `: a demonstrative
// standing for the words just reported.
const NO_SUBJECT = /^\s*(?:(?:and|but)\s+)?(?:(\p{L}+ing)\b[^,;:]*,?|(?:that|this)\s+\p{Ll}+(?:\s+\p{Ll}+){0,3})\s*$/iu;

/** Whether the words of a sentence before its quote are a subjectless opening that refers back to what was just said. */
function refersBack(opening: string): boolean {
  const match = NO_SUBJECT.exec(opening);
  return match !== null && (match[1] === undefined || isSayingParticiple(match[1]));
}

/** The quote just before, as the next one sees it. */
type Previous = { credit: Credit | null; group: readonly Part[]; lastLine: number };

/** Whether the reporter's words between the previous quote and `part` name a person other than its speaker. */
function othersBetween(ctx: Context, previous: Previous, part: Part): boolean {
  const from = previous.group.at(-1)?.end ?? part.open;
  const speaker = previous.credit?.person ?? null;
  return ctx.mentions.some((m) => m.start >= from && m.end <= part.open && m.person !== speaker && m.person.isPerson);
}

/** The previous quote's speaker, credited to a quote that names no one new. */
function goingOn(previous: Previous | null): Credit | null {
  const credit = previous?.credit;
  return credit == null || credit.speaker === null ? null : { ...credit, cue: 'continuation' };
}

/** `"It is a great day," she said`: the comma belongs to the reporter's sentence, not to the words quoted. */
function withoutTrailingComma(text: string, part: Part): QuotePart {
  let end = part.end;
  while (end > part.start + 1 && /[,\s]/.test(text.charAt(end - 1))) end -= 1;
  return { start: part.start, end, text: text.slice(part.start, end) };
}
