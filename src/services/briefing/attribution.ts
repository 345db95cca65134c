/** Which cue in a quote's own sentence ties it to its speaker: a verb of saying before or after it, a colon, a dash credit, `according to`. */
import { isDocumentPhrase } from './document-issuer.js';
import type { Part } from './quote-marks.js';
import { ABBREVIATION, AFTER_NAME_FIRST, AFTER_VERB_FIRST, isSayingParticiple, SAY, SENTENCE_END, verbsOfSaying } from './say-verbs.js';
import { sentenceAt, type Line, type Segmentation } from './segment.js';
import { describedSubjectAtStart, mainSubject, subjectAtStart, subjectBefore, withoutIntroduction } from './sentence-subject.js';
import { credit, organisationSpeaking, resolvePhrase, stripDeterminer, type Attribution, type Context, type Credit } from './speaker-phrase.js';
import { startsWithCapital } from './text-scan.js';

const NAME_RUN = String.raw`((?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}'’\-]+)`;
// `explained Lindqvist, "..."` and `pollster Oren Halvik: "..."`: a name that introduces the quote right before it.
const INTRODUCED_BY = new RegExp(String.raw`(?:\b(${SAY})\s+${NAME_RUN}\s*[,:]|(?<![\p{L}\d])${NAME_RUN}\s*:)\s*$`, 'u');
// `Rather than rows of desks, asks harbour editor Ana Ruiz, "has anyone ..."`: a verb of saying that opens its clause
// (after a comma or at the sentence start) with the speaker phrase after it, set off by a comma before the quote.
const INVERTED_CREDIT = new RegExp(String.raw`(?:^|[,;—–]\s*)(${SAY})\s+([^,;:()“”"]{2,80}?)\s*,\s*$`, 'u');

// Hoisted for the reason NAME_WORD is (name-words.ts): these run for every quote.
const NEXT_SENTENCE = /^\s*\p{Lu}/u;
const NAME_FIRST_AT_END = /,\s+((?:[\p{Lu}][\p{L}.'’\-]*\s+){0,3}[\p{Lu}][\p{L}'’\-]+|[Tt]he\s+[\p{L}'’\- ]{2,40}?|it)\s+(?:said|says|added)(?:\s+(?:on|in|at|during|last|this|yesterday|today|later|earlier|\p{Lu}\p{Ll}+day)\b[^,;:]{0,30})?[.!?]?\s*$/u;
const APPOSITIVE_ROLE = /^\s*,\s*((?:the|a|an|\p{Lu}[\p{L}\u0000.]*['’]s)\s+[^,.;:!?()"“”—–]{2,80}?)\s*(?:[,.;!?—–]|$)/u;
const GOES_ON_LOWER = /^["”’'\s]*\p{Ll}/u;
const OPENING_PARTICIPLE = /^\s*(?:(?:and|but|yet)\s+)?(\p{L}+ing)\b/iu;

/** The attribution of a quote: after a part (`," she said`, `," said Trump`), else before it in its sentence. */
export function attribute(text: string, group: readonly Part[], seg: Segmentation, ctx: Context, partial = false): Credit | null {
  for (const part of group) {
    if (part.close === null) continue;
    // `Japan branded it an "outlaw nation." Russia insisted ...`: a partial quote that ends the reporter's sentence is
    // followed by the next sentence, whose subject is not the speaker.
    if (partial && /[.!?…]['’"”]*$/.test(text.slice(part.start, part.end)) && NEXT_SENTENCE.test(clauseAfter(text, part, seg.lines))) continue;
    // `critics say it hires a "broker" to run the ferries, Lindqvist says`: a partial quote in mid-clause is not
    // followed by its attribution; only one that closes its clause (`"a disaster," Berg said`) can be.
    if (partial && !/[,!?—–-]['’"”]*$/.test(text.slice(part.start, part.end)) && !/^\s*[,—–―]/.test(clauseAfter(text, part, seg.lines))) continue;
    const found = attributeAfter(text, part, seg, ctx);
    if (found !== null) return found;
  }
  const first = group[0];
  if (first === undefined) return null;
  const closing = creditClosingParagraph(text, first, seg, ctx);
  if (closing !== null) return closing;
  // `Varga and Berg "were cautious" next to the mayor, Ortega said.`: a partial quote's sentence that ends by
  // naming who said it outranks the names before the quote.
  const atEnd = (): Credit | null => credit(attributeAtSentenceEnd(text, group, seg, ctx), 'sentence-end');
  if (partial) return atEnd() ?? attributeBefore(text, first, seg, ctx);
  return attributeBefore(text, first, seg, ctx) ?? atEnd();
}

/**
 * `"She can say it, but it looks unlikely" that Berg can win, said Tomas Lind, a pollster.`: the reporter's
 * sentence goes on after the quote and names the speaker at its end.
 */
function attributeAtSentenceEnd(text: string, group: readonly Part[], seg: Segmentation, ctx: Context): Attribution | null {
  const last = group.at(-1);
  if (last?.close == null) return null;
  const sentence = sentenceAt(seg.sentences, last.close);
  const line = seg.lines[last.line];
  const end = Math.min(sentence !== undefined && sentence.end > last.close ? sentence.end : (line?.end ?? text.length), line?.end ?? text.length);
  const rest = withoutAsides(text.slice(last.close + 1, end));
  if (/[“”"„«»]/.test(rest)) return null;
  const trailing = /,\s+(?:said|says|added|according to)\s+(.+)$/.exec(rest);
  if (trailing?.[1] === undefined) {
    // `..., Ortega said.` / `..., the mayor said Monday.`
    // `..., including the valley, it said.`: the organisation quoted.
    const nameFirst = NAME_FIRST_AT_END.exec(rest);
    if (nameFirst?.[1] === undefined) return namedAtEnd(rest, last.close + 1, ctx);
    const at = last.close + 1 + (nameFirst.index ?? 0);
    return nameFirst[1] === 'it' ? organisationSpeaking(ctx, at) : resolvePhrase(nameFirst[1], at, ctx);
  }
  const phrase = leadingPhrase(trailing[1]);
  const found = resolvePhrase(phrase, last.close + 1 + (trailing.index ?? 0), ctx);
  return found === null ? null : withAppositiveRole(found, trailing[1].slice(trailing[1].indexOf(phrase) + phrase.length));
}

// `..., Harbour Board senior counsel Ana Ruiz wrote in a court filing.`: a speaker phrase with its role, a verb of
// saying and at most an adjunct end the sentence.
const CREDIT_AT_END = new RegExp(
  String.raw`,\s+([^,;:()"“”]{2,80}?)\s+(${SAY})(?:\s+(?:in|on|at|to|during|last|this|yesterday|today|later|earlier)\b[^,;:]{0,40})?[.!?]?\s*$`,
  'u',
);

/** The person a sentence-end credit with a role before the name names (`, senior counsel Ana Ruiz wrote.`), or `null`. */
function namedAtEnd(rest: string, at: number, ctx: Context): Attribution | null {
  const found = CREDIT_AT_END.exec(rest);
  if (found?.[1] === undefined || /ing$/.test(found[2] ?? '')) return null;
  const resolved = resolvePhrase(found[1], at + found.index, ctx);
  return resolved?.person != null && !resolved.pronoun ? resolved : null;
}

function clauseAfter(text: string, part: Part, lines: readonly Line[]): string {
  const line = lines[part.line];
  const end = line?.end ?? text.length;
  const from = (part.close ?? part.end) + 1;
  let rest = text.slice(from, Math.min(end, from + 200));
  const nextQuote = rest.search(/[“"‘„«]/);
  if (nextQuote >= 0) rest = rest.slice(0, nextQuote);
  return withoutAsides(rest);
}

// `” ― Ana Ruiz. Getty Images`: the credit is a name (initials allowed) and ends where its sentence ends.
const DASH_CREDIT = /^\s*[―—–-]\s*(\p{Lu}[\p{L}'’\-]*(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’\-]*))*)/u;

// `... evil.” ― Ana Ruiz.` at the end of a paragraph: the credit of everything quoted in it.
const CLOSING_DASH_CREDIT = /[―—–]\s*(\p{Lu}[\p{L}'’\-]*(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’\-]*))*)\.?\s*$/u;

/**
 * `“A ... ‘B.” And C “D.” ― Ana Ruiz`: a paragraph that opens with a quote and ends with a dash credit (a list of
 * readers' words) is that person's throughout, even where stray marks cut the quote in pieces before the credit.
 */
function creditClosingParagraph(text: string, first: Part, seg: Segmentation, ctx: Context): Credit | null {
  const line = seg.lines[first.line];
  if (line === undefined || first.open !== line.start) return null;
  // A credit is a name: only the paragraph's last words can hold it.
  const from = Math.max(first.end, line.end - 120);
  const dash = CLOSING_DASH_CREDIT.exec(text.slice(from, line.end));
  if (dash?.[1] === undefined) return null;
  const resolved = resolvePhrase(dash[1].trim(), from + dash.index, ctx);
  return resolved?.person != null ? credit(resolved, 'dash-credit') : null;
}

export function attributeAfter(text: string, part: Part, seg: Segmentation, ctx: Context): Credit | null {
  const clause = clauseAfter(text, part, seg.lines);
  // `"...," she said. Engineer Tomas Lind said the work ...`: the credit after a quote ends with its sentence; a name and
  // a verb of saying past the full stop open the next sentence, which reports someone else.
  const end = SENTENCE_END.exec(clause);
  const rest = end === null ? clause : clause.slice(0, end.index + 1);
  const at = (part.close ?? part.end) + 1;
  // `"... we don't even know." Lind laughed and said, "I ..."`: after a finished sentence, a clause that opens the next
  // quote introduces that one.
  if (/[.…]['’"”]*$/.test(text.slice(part.start, part.end)) && /[,:]\s*$/.test(clause) && /^[“"‘„«]/.test(text.slice(at + clause.length).trimStart())) return null;
  const verbFirst = AFTER_VERB_FIRST.exec(rest);
  // `"...," suggesting he might hire Lind`: what follows a participle is its object, never its subject.
  if (verbFirst !== null && !/ing\s*$/.test(verbFirst[0])) {
    const tail = rest.slice(verbFirst[0].length);
    const phrase = leadingPhrase(tail);
    const resolved = resolvePhrase(phrase, at, ctx);
    const after = tail.slice(tail.indexOf(phrase) + phrase.length);
    if (resolved !== null) return credit(withAppositiveRole(withAppositiveName(resolved, after, at, ctx), after), 'verb-after');
  }
  const nameFirst = startsOwnSentence(text, part, rest) ? creditClosingSentence(rest) : AFTER_NAME_FIRST.exec(rest);
  // `"...," it said.`: the organisation named or quoted last (only right after a quote, where `it` is a speaker).
  if (nameFirst?.[1] !== undefined && /^it$/i.test(nameFirst[1])) return credit(organisationSpeaking(ctx, at), 'name-after');
  // `"... close," and the board agreed`: a clause a conjunction joins on is a new statement, not the quote's credit.
  if (nameFirst?.[1] !== undefined && !/^(?:and|but|or|nor|yet|while|whereas|though|although)\s/i.test(nameFirst[1])) {
    const resolved = resolvePhrase(nameFirst[1], at, ctx);
    const after = rest.slice(nameFirst.index + nameFirst[0].indexOf(nameFirst[1]) + nameFirst[1].length);
    if (resolved !== null) return credit(withAppositiveRole(withAppositiveName(resolved, after, at, ctx), after), 'name-after');
  }
  const dash = DASH_CREDIT.exec(rest);
  if (dash?.[1] !== undefined) {
    const resolved = resolvePhrase(dash[1].trim(), at, ctx);
    if (resolved !== null && resolved.person !== null) return credit(resolved, 'dash-credit');
  }
  return null;
}

/**
 * Whether the words after a quote that ends its own sentence with a full stop (`"... in May." Lind ...`) open a new
 * sentence; a question or exclamation mark may end the quote only (`"Why wait?" Lind asked, ...`).
 */
function startsOwnSentence(text: string, part: Part, rest: string): boolean {
  return /\.['’"”]*$/.test(text.slice(part.start, part.end)) && NEXT_SENTENCE.test(rest);
}

// `Lind said.`, `Lind told reporters on Monday.`, `Lind told the Herald.`: after the verb of saying at most a short
// adjunct or the one told, and the sentence ends.
const CLOSES_SENTENCE =
  /^(?:\s+(?:(?:on|in|at|to|during|after|before|from|last|this|yesterday|today|later|earlier|afterwards|again|reporters|me|us|him|her|them|\p{Ll}+ly|\p{Lu}[\p{L}'’.]*)(?:\s+[^\s.!?,;:]+){0,5}?|the\s+\p{Ll}+|the(?:\s+\p{Lu}[\p{L}'’.]*)+))?\s*[.!?,]?\s*$/u;

/**
 * `"We start in May." Lind said.` credits Lind, but `"We start in May." Lind said the pier would ...` is a new sentence
 * reporting Lind's own words: after a quote that ends its sentence, a name and verb of saying are its credit only when
 * they close the sentence that follows.
 */
function creditClosingSentence(rest: string): RegExpExecArray | null {
  const found = AFTER_NAME_FIRST.exec(rest);
  return found !== null && CLOSES_SENTENCE.test(rest.slice(found.index + found[0].length)) ? found : null;
}

/**
 * `said Lind's lawyer, Ana Ruiz`, `Lind's brother, Piet, told reporters`: a described speaker whose appositive names
 * them is that person, with the description as their role.
 */
function withAppositiveName(found: Attribution, after: string, at: number, ctx: Context): Attribution {
  if (found.person !== null || found.pronoun || found.speaker === null) return found;
  const appositive = /^\s*,\s*((?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}'’\-]+)\s*(?:[,.;!?]|$)/u.exec(after);
  if (appositive?.[1] === undefined) return found;
  const named = resolvePhrase(appositive[1], at, ctx);
  if (named === null || named.speaker === null || named.role !== null || (named.person === null && !named.speaker.includes(' ') && !/['’]s\s/.test(found.speaker))) return found;
  return { ...named, role: stripDeterminer(found.speaker) };
}

/**
 * `said Tomas Adeyemi, the port's operations director`: the appositive right after a named speaker is their role, kept
 * as written, when the name came without one.
 */
function withAppositiveRole(found: Attribution, after: string): Attribution {
  if (found.role !== null || found.pronoun || found.speaker === null || !startsWithCapital(found.speaker)) return found;
  const protectedText = after.replace(ABBREVIATION, (m) => m.replace('.', '\u0000'));
  // `, the port's operations director`, `, B.C.'s provincial health officer`: led by a determiner or a possessive name.
  const appositive = APPOSITIVE_ROLE.exec(protectedText);
  const role = appositive?.[1]?.replace(/\u0000/g, '.');
  if (role === undefined || /\b(?:who|whom|which|that|whose|where|when)\b/.test(role)) return found;
  return { ...found, role };
}

/**
 * The clause without short bracketed asides (`Rep. Tomas Lind (R-Ohio) said`, `Sen. Ana Ruiz (D-Vt.), a member, said`),
 * so that the name and the verb read as neighbours. Offsets into the result may run up to the asides' length short.
 */
function withoutAsides(clause: string): string {
  return clause.includes('(') ? clause.replace(/\s?\([^()“”"]{1,40}\)/g, '') : clause;
}

const THINKING = /^(?:feels?|felt|feeling|believes?|believed|thinks?|thought|hopes?|hoped|fears?|feared|knew|knows)\b/i;

/** `X said: "..."`, `X warned that Putin "..."`, `according to X, "..."` within the quote's sentence. */
function attributeBefore(text: string, part: Part, seg: Segmentation, ctx: Context): Credit | null {
  const line = seg.lines[part.line];
  const sentence = sentenceAt(seg.sentences, part.open);
  const from = Math.max(sentence?.start ?? line?.start ?? 0, line?.start ?? 0);
  const before = withoutAsides(text.slice(from, part.open));
  // What follows the quote in its own sentence (nothing when the quote ends the sentence and a new one starts), never
  // a fixed slice that could cut a name in two or reach into the next sentence.
  const close = part.close ?? part.end;
  let after = text.slice(close, Math.min(close + 400, line?.end ?? text.length));
  if (/[.!?…]['’"”]*$/.test(text.slice(part.start, part.end)) && !GOES_ON_LOWER.test(after)) after = '';
  const stop = after.replace(ABBREVIATION, (m) => m.replace('.', '\u0000')).search(/[.!?](?=["”’']?\s|$)/);
  if (stop >= 0) after = after.slice(0, stop + 1);
  const window = before + after;
  // `According to Ruiz, the crews are "..."` opens the sentence as often as `, according to Ruiz` ends it; but in
  // `According to the Courier, Lind said "..."` the verb of saying after the phrase has a speaker of its own.
  const according = /\b[Aa]ccording to (.+)/.exec(window);
  if (according?.[1] !== undefined && !(according.index < before.length && verbsOfSaying(before.slice(according.index)).length > 0)) {
    const resolved = resolvePhrase(leadingPhrase(according[1]), part.open, ctx);
    if (resolved !== null) return credit(resolved, 'according-to');
  }
  // `"Lind accused of fraud," by Ana Ruiz: "..."`: a verb in another quote's marks is what someone wrote, not the reporter.
  const verbs = verbsOfSaying(before).filter((verb) => !ctx.quoted.some((span) => from + verb >= span.start && from + verb < span.end));
  for (let i = verbs.length - 1; i >= 0; i -= 1) {
    // `Lind said that Varga felt "deep regret"`: a verb of thinking after a verb of saying is part of what was said.
    if (i > 0 && THINKING.test(before.slice(verbs[i] ?? 0))) continue;
    // `Berg was asked by host Piet Varga, "..."`: a passive verb of saying's agent is the speaker.
    const agent = /^\w+\s+by\s+(.+)$/.exec(before.slice(verbs[i] ?? 0));
    if (agent?.[1] !== undefined) {
      const found = resolvePhrase(leadingPhrase(agent[1]), from, ctx);
      if (found !== null) return credit(found, 'verb-before');
    }
    const head = before.slice(0, verbs[i]);
    // `Varga backed Berg on Wednesday, saying ...`: a participle's speaker is the subject of the main clause.
    const found = /,\s*$/.test(head) && /^\w+ing\b/.test(before.slice(verbs[i])) ? mainSubject(head, from, ctx) : subjectBefore(head, from, ctx);
    if (found !== null) return credit(found, 'verb-before');
  }
  // `Acknowledging that Lind "has a point," though, Berg did say ...`: a participle of saying that opens the sentence
  // belongs to the main clause after the quote, whose subject speaks (unless another verb of saying between them has
  // a speaker of its own: `Citing a report that called it "..."`).
  const opening = OPENING_PARTICIPLE.exec(before);
  if (opening?.[1] !== undefined && isSayingParticiple(opening[1]) && verbs.every((at) => at < opening[0].length)) {
    const found = subjectAfterOpening(text.slice(part.start, part.end), after, close, ctx);
    if (found !== null) return credit(found, 'verb-before');
  }
  // When no one is reported speaking, "Ana Ruiz’s “harbour plan”": the phrase is credited to the one whose it is.
  const possessor = /((?:[A-Z][A-Za-z.'’\-]+\s+){0,3}[A-Z][A-Za-z'’\-]+)['’]s?\s*$/.exec(before);
  if (possessor?.[1] !== undefined) {
    const resolved = resolvePhrase(possessor[1], part.open, ctx);
    if (resolved !== null && resolved.person !== null) return credit(resolved, 'possessor');
  }
  // `explained Lindqvist, "..."`, `pollster Oren Halvik: "..."`: a person the article names, right before the quote,
  // introduces it (a listener after `told` or `asked` does not).
  const introducer = INTRODUCED_BY.exec(before);
  const name = introducer?.[2] ?? introducer?.[3];
  const listener =
    /^(?:told|tells|telling|asked|asks|asking)$/i.test(introducer?.[1] ?? '') ||
    /\b(?:to|for|with|by|from|at|about|on|of|in)\s+(?:(?:the|a|an)\s+)?$/i.test(before.slice(0, introducer?.index ?? 0));
  if (introducer !== null && name !== undefined && !listener) {
    const found = resolvePhrase(name, from + introducer.index, ctx);
    if (found?.person != null) return credit(found, 'introducer');
  }
  // A participle (`, telling reporters,`) and `told`/`asked` (`Asked about it,`) have their listener after them.
  const inverted = INVERTED_CREDIT.exec(before);
  if (inverted?.[2] !== undefined && !/(?:ing|^told|^asked)$/i.test(inverted[1] ?? '')) {
    const found = resolvePhrase(leadingPhrase(inverted[2]), from + inverted.index, ctx);
    if (found !== null) return credit(found, 'introducer');
  }
  // `Lind, the harbour engineer, is blunter: "..."`, `A spokesman for the board was blunt: "..."`: a quote after a
  // colon belongs to the sentence's subject, never to a name in a phrase before it (`During Ruiz's visit, ...`).
  if (/:\s*$/.test(before)) {
    const clause = withoutIntroduction(before);
    return credit(subjectAtStart(clause, from, ctx) ?? describedSubjectAtStart(clause, from, ctx), 'colon');
  }
  return null;
}

/**
 * The subject of the main clause after an opening participial phrase that holds the quote: the clause starts after the
 * comma that ends the quote (`"has a point," though, Berg did say`) or, failing that, the first comma after it.
 */
function subjectAfterOpening(quoted: string, after: string, at: number, ctx: Context): Attribution | null {
  const comma = /,['’"”]*$/.test(quoted) ? 0 : after.indexOf(',') + 1;
  return comma < 0 ? null : mainSubject(after.slice(comma).replace(/^[\s"”’']+/, ''), at, ctx);
}

/**
 * The speaker phrase at the start of `rest` (after `said` or `according to`): everything up to the first comma, clause
 * or sentence end, cut before a preposition that starts an adjunct (`said Nicholson in an email`). The name is then
 * the phrase's last run of capitalised words and the rest its role (`Harbour Trust senior manager Ines Varga`).
 */
export function leadingPhrase(rest: string): string {
  const protectedText = rest.replace(ABBREVIATION, (m) => m.replace('.', '\u0000'));
  const stop = protectedText.search(/[,;:()“”"—–]|[.!?](?:\s|$)|\s(?:who|which|whose|where|that)\s/);
  const head = (stop < 0 ? protectedText : protectedText.slice(0, stop)).replace(/\u0000/g, '.');
  // `a statement from the Harbour Board`, `a document titled Winter: A Primer on the Port's website`: the document's
  // issuer follows it and is the speaker, so the phrase runs on past a title's colon to the end of the clause.
  if (isDocumentPhrase(head)) {
    const end = protectedText.search(/[,;()“”"—–]|[.!?](?:\s|$)|\s(?:who|which|whose|where|that)\s/);
    return (end < 0 ? protectedText : protectedText.slice(0, end)).replace(/\u0000/g, '.').trim().split(/\s+/).slice(0, 24).join(' ');
  }
  const adjunct = head.search(/\s(?:in|on|at|during|after|before|while|when|to|from|about|with|by|last|this|as|adding|saying|told|and then)\s/);
  // `accused by Ana Ruiz of "..."`: a preposition that ends the phrase leads into the quote and is no part of the name.
  const phrase = (adjunct < 0 ? head : head.slice(0, adjunct)).trim().replace(/\s+(?:of|as|for)$/, '');
  return phrase.split(/\s+/).slice(0, 12).join(' ');
}
