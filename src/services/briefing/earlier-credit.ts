/** Credits a quote with no cue in its own sentence takes from the text before it: the sentence just before, the paragraph before, or a lead-in paragraph. */
import { attributeAfter, leadingPhrase } from './attribution.js';
import { resolvePronoun } from './mention-lookup.js';
import type { Part } from './quote-marks.js';
import { verbsOfSaying } from './say-verbs.js';
import type { Segmentation, Sentence } from './segment.js';
import { subjectAtStart, subjectBefore } from './sentence-subject.js';
import { credit, resolvePhrase, type Context, type Credit } from './speaker-phrase.js';

/**
 * `Lind said the storm did damage. "Ropes snap that never snap."`: a quote with no attribution of its own
 * right after a sentence reporting what someone said belongs to that someone.
 */
export function reportedJustBefore(text: string, seg: Segmentation, part: Part, ctx: Context): Credit | null {
  let previous: Sentence | undefined;
  for (const sentence of ctx.sentences) {
    if (sentence.end <= part.open) previous = sentence;
    else break;
  }
  if (previous === undefined) return null;
  const body = text.slice(previous.start, previous.end);
  // A sentence with a quote of its own reports that quote, not the one after it; but who it is about still counts.
  const quoting = /[“”"]/.test(body);
  const reported = quoting ? null : reporterOf(body, previous.start, ctx);
  if (reported !== null) return reported;
  // Nothing but the quote's own marks between it and the sentence before.
  const opensSentence = /^[\s“”"]*$/.test(text.slice(previous.end, part.open));
  // `..., in consultation with the crews," said Lind in an email.` then a quote: a sentence that ends with the
  // attribution of a quote (whose opening mark may have been lost to a paragraph break) hands on to the quote after it.
  const lastMark = Math.max(body.lastIndexOf('”'), body.lastIndexOf('"'));
  if (quoting && opensSentence && lastMark > 0) {
    const mark = previous.start + lastMark;
    const found = attributeAfter(text, { start: mark, end: mark, line: previous.line, open: mark, close: mark }, seg, ctx);
    if (found !== null) return { ...found, cue: 'continuation' };
  }
  // "Lind is hopeful about Berg's odds." after a Lind quote: the next quote is still Lind's.
  const opener = ctx.mentions.find((m) => m.start >= previous.start && m.start < previous.start + 40);
  if (opener !== undefined && ctx.speakers.has(opener.person)) {
    return { speaker: opener.person.name, role: null, person: opener.person, pronoun: false, cue: 'speaker-goes-on' };
  }
  // "But early on, he lost patients." or "Her message is simple." about someone quoted already: the same goes for `he`,
  // `she`, `his` and `her` opening the sentence.
  const pronoun = /^(?:[^,]{1,30},\s*)?(?:(he|she)\b|(his|her)\s)/i.exec(body);
  if (pronoun !== null) {
    const word = (pronoun[1] ?? pronoun[2] ?? '').toLowerCase();
    const person = resolvePronoun(ctx, previous.start, word === 'he' || word === 'his' ? 'male' : 'female');
    if (person !== null && ctx.speakers.has(person)) return { speaker: person.name, role: null, person, pronoun: true, cue: 'speaker-goes-on' };
  }
  return quoting || part.open !== seg.lines[part.line]?.start || previous.line === part.line ? null : reportedInParagraph(text, previous, part, ctx);
}

/** The one a sentence without quote marks reports speaking (`..., said Bart Naylor.`, `Berg said ...`), or `null`. */
function reporterOf(body: string, start: number, ctx: Context): Credit | null {
  // "..., said Bart Naylor, an advocate for Public Citizen." then a quote: Naylor goes on.
  const trailing = /,\s+(?:said|says|according to)\s+([^,]+)(?:,[^,]*)?[.!]?$/.exec(body);
  if (trailing?.[1] !== undefined) {
    const found = resolvePhrase(leadingPhrase(trailing[1]), start, ctx);
    if (found !== null) return credit(found, 'reported-before');
  }
  // "According to Ruiz, the crews are exhausted." then a quote: Ruiz goes on (a group, `According to experts`, does
  // not speak one quote's words).
  const opening = /^[Aa]ccording to ([^,]+),/.exec(body);
  if (opening?.[1] !== undefined) {
    const found = resolvePhrase(leadingPhrase(opening[1]), start, ctx);
    if (found?.person != null) return credit(found, 'reported-before');
  }
  const verb = verbsOfSaying(body)[0];
  if (verb !== undefined && verb <= 160) {
    const found = subjectBefore(body.slice(0, verb), start, ctx);
    if (found !== null && (found.person !== null || found.pronoun)) return credit(found, 'reported-before');
    // "Berg set herself apart from the council by saying ...": the sentence's subject.
    const subject = subjectAtStart(body.slice(0, verb), start, ctx);
    if (subject !== null) return credit(subject, 'reported-before');
  }
  return null;
}

// `Young said`, `Will Young, a mechanic, told`: a sentence that opens with the speaker's name and verb of saying.
const REPORTER_OPENS = /^(?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}'’\-]*(?:,[^,]{1,80},)?\s+(?:also\s+|later\s+|then\s+)?$/u;

/**
 * `Young said he suspects a fault. That could set off a slide.` then a quote paragraph: the paragraph before reports
 * what a named person said, and the quote is theirs, unless someone else is named after them.
 */
function reportedInParagraph(text: string, last: Sentence, part: Part, ctx: Context): Credit | null {
  for (let i = last.index - 1; i >= Math.max(0, last.index - 3); i -= 1) {
    const sentence = ctx.sentences[i];
    if (sentence === undefined || sentence.line !== last.line) return null;
    const body = text.slice(sentence.start, sentence.end);
    if (/[“”"]/.test(body)) return null;
    const verb = verbsOfSaying(body)[0] ?? -1;
    if (verb < 0 || !REPORTER_OPENS.test(body.slice(0, verb))) continue;
    const found = reporterOf(body, sentence.start, ctx);
    const person = found?.person ?? null;
    if (found === null || person === null) return null;
    const rival = ctx.mentions.some((m) => m.start >= sentence.end && m.end <= part.open && m.person !== person && m.person.isPerson);
    return rival ? null : found;
  }
  return null;
}

/** A quote paragraph right after a lead-in that ends with `X said:` takes that speaker. */
export function leadIn(text: string, seg: Segmentation, part: Part, ctx: Context): Credit | null {
  const line = seg.lines[part.line];
  if (line === undefined || part.open !== line.start) return null;
  for (let i = part.line - 1; i >= 0; i -= 1) {
    const prev = seg.lines[i];
    if (prev === undefined) break;
    if (prev.kind !== 'story') continue;
    const body = text.slice(prev.start, prev.end);
    if (!/:\s*$/.test(body)) return null;
    const verbAt = verbsOfSaying(body).at(-1) ?? -1;
    // "On May 3, 2026, Berg made the following remark:" has no verb of saying; its subject introduces the quote.
    if (verbAt < 0) return credit(subjectAtStart(body.replace(/^(?:[^,]{1,40},\s*){1,2}/, ''), prev.start, ctx), 'lead-in');
    return credit(subjectBefore(body.slice(0, verbAt), prev.start, ctx), 'lead-in');
  }
  return null;
}
