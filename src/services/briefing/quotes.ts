import { attribute, leadIn, reportedJustBefore } from './attribution.js';
import { findPeople, type Person } from './people.js';
import { groupParts, isPartial, isTitleLike, joinParts, lineStart, namesAWork, scanLine, spokenRightAfter, usesSingleMarks, type Part } from './quote-marks.js';
import { isAttributionOnly } from './say-verbs.js';
import { segmentArticle, sentenceAt, type Segmentation } from './segment.js';
import { subjectAtStart, withoutIntroduction } from './sentence-subject.js';
import type { Context } from './speaker-phrase.js';
import type { ArticleText, Quote } from './types.js';

/**
 * Every direct quote of the article, in article order. Quote marks may be straight or curly; an article that quotes
 * with single marks only (British style) is read with single marks. A passage opened at the start of a paragraph and
 * left open continues with the next paragraph's opening mark; `"A," she said. "B."` is one quote of two parts. Quotes
 * in headlines, headings, captions and promo lines are not returned. Speakers are names as the article gives them
 * (surnames and pronouns resolved to the full name given earlier), or `null` when the article does not say.
 */
export function extractQuotes(article: ArticleText, segmentation?: Segmentation): Quote[] {
  const seg = segmentation ?? segmentArticle(article.text, article.title);
  return quotesOf(article.text, seg);
}

export function quotesOf(text: string, seg: Segmentation): Quote[] {
  const storyLines = seg.lines.filter((line) => line.kind === 'story');
  const single = usesSingleMarks(text, storyLines);
  const parts: Part[] = [];
  for (const line of storyLines) parts.push(...scanLine(text, line, single));
  const groups = groupParts(text, parts, seg);
  const people = findPeople(text, seg.sentences);
  // Names inside quotes are what someone said, not who is speaking: pronouns never resolve to them.
  const mentions = people.mentions.filter((m) => !parts.some((p) => m.start >= p.start && m.end <= p.end));
  const context: Context = { text, mentions, all: people.mentions, sentences: seg.sentences, speakers: new Set(), organisations: [] };
  const quotes: Quote[] = [];
  let previous: { quote: Quote; person: Person | null; line: number; lastLine: number } | null = null;
  for (const group of groups) {
    const first = group[0];
    const last = group.at(-1);
    if (first === undefined || last === undefined) continue;
    const sentence = sentenceAt(seg.sentences, first.start);
    const kind = isPartial(text, first, sentence) ? 'partial' : 'direct';
    let attribution = attribute(text, group, seg, context, kind === 'partial');
    if (attribution === null && previous !== null && kind === 'direct' && first.start === lineStart(seg.lines, first)) {
      // A quote paragraph with no attribution of its own continues the speaker of the quote just before it.
      if (first.line - previous.lastLine <= 1 && previous.quote.speaker !== null) {
        attribution = {
          speaker: previous.quote.speaker,
          role: previous.quote.speakerRole,
          person: previous.person,
          pronoun: false,
        };
      }
    }
    if (attribution === null && previous !== null && previous.quote.speaker !== null && previous.lastLine === first.line) {
      // `Nurses are "worn ...," Ortega said. "That should worry a hospital."`: the same speaker goes on.
      const lastPart = previous.quote.parts.at(-1);
      const between = lastPart === undefined ? '' : text.slice(lastPart.end + 1, first.open);
      if (isAttributionOnly(between)) {
        attribution = { speaker: previous.quote.speaker, role: previous.quote.speakerRole, person: previous.person, pronoun: false };
      }
    }
    if (attribution === null) {
      const lead = leadIn(text, seg, first, context);
      if (lead !== null) attribution = lead;
    }
    if (attribution === null && kind === 'direct') attribution = reportedJustBefore(text, first, context);
    if (attribution === null && kind === 'direct' && previous !== null && previous.quote.speaker !== null && previous.lastLine === first.line) {
      // `"A," said Ines Varga, an engineer who has inspected the pier every spring. "B."`: a paragraph's unattributed quote
      // after an attributed one is the same speaker's (a new speaker would be named before or after it).
      attribution = { speaker: previous.quote.speaker, role: previous.quote.speakerRole, person: previous.person, pronoun: false };
    }
    const words = group.reduce((sum, p) => sum + text.slice(p.start, p.end).split(/\s+/).length, 0);
    // A few words in quote marks inside a reporter's sentence, with nobody saying them, are a term, a title or scare
    // quotes ("naive" user, Cris "Cyborg" Justino), not someone's words.
    // "Harbour Hour", "The Quiet Tide", "Pact for the Coast": a title in quote marks, not speech,
    // unless a verb of saying follows it.
    if (group.length === 1 && isTitleLike(text.slice(first.start, first.end)) && (!spokenRightAfter(text, first) || namesAWork(text, first))) continue;
    // `"City Museum hires a director," by Jane Roe`: the headline of a piece, credited to its author.
    if (group.length === 1 && first.close !== null && /,$/.test(text.slice(first.start, first.end)) && /^\s*by\s+(?:the\s+)?\p{Lu}/u.test(text.slice(first.close + 1, first.close + 40))) continue;
    if (attribution === null && kind === 'partial' && sentence !== undefined) {
      // "calls herself “The Anchor”", "described as “short of patience”": the sentence's subject uses the words.
      attribution = subjectAtStart(withoutIntroduction(text.slice(sentence.start, first.open)), sentence.start, context);
    }
    if (attribution === null && (words < 3 || (kind === 'partial' && words < 5))) continue;
    const quote: Quote = {
      start: first.start,
      end: last.end,
      text: joinParts(text, group),
      parts: group.map((p) => ({ start: p.start, end: p.end })),
      speaker: attribution?.speaker ?? null,
      speakerRole: attribution?.role ?? null,
      kind,
      sentenceIndex: sentence?.index ?? -1,
    };
    quotes.push(quote);
    if (attribution?.person != null) context.speakers.add(attribution.person);
    else if (attribution != null && attribution.speaker !== null && !attribution.pronoun && /^\p{Lu}/u.test(attribution.speaker)) {
      context.organisations.push({ name: attribution.speaker, at: first.start });
    }
    previous = { quote, person: attribution?.person ?? null, line: first.line, lastLine: last.line };
  }
  return quotes;
}

