/** Who the subject of a reporter's clause is, when that clause says or introduces a quote. */
import { isDocumentPhrase } from './document-issuer.js';
import { GROUP_PLURALS, ROLE_WORDS } from './name-words.js';
import { BEFORE_LAST_SENTENCE, verbsOfSaying } from './say-verbs.js';
import { isPersonNoun, NOMINAL_HEAD, organisationSpeaking, resolvePhrase, SPEAKS_FOR, unnamedSpeaker, type Attribution, type Context } from './speaker-phrase.js';
import { startsWithCapital } from './text-scan.js';

/** The subject at the start of the clause: a name, a pronoun or a nominal, up to the first verb-like word. */
export function subjectAtStart(before: string, offset: number, ctx: Context): Attribution | null {
  // `Then she turned on Berg, calling him ...`: a leading conjunction or adverb is not the subject.
  const clause = before.replace(BEFORE_LAST_SENTENCE, '').replace(/^\s*(?:(?:but|and|so|then|still|later|earlier|meanwhile|also|yet|now|instead|indeed|again)\s+)+/i, '');
  const segments = clause.split(/,/);
  const found = personAtStart(segments[0] ?? '', offset, ctx);
  // `Another critic, Tomas Lind, likened ...`: a description's appositive names the subject.
  if (found === null && segments.length >= 3 && /^\s*(?:[Aa]n?|[Aa]nother|[Oo]ne|[Tt]he)\s/.test(segments[0] ?? '')) {
    const named = personAtStart(segments[1] ?? '', offset, ctx);
    if (named?.person != null && named.role === null) return named;
  }
  return found;
}


/** Whether the first `n` words are a capitalised name in the possessive followed by someone who speaks for it. */
function isPossessorOf(words: readonly string[], n: number): boolean {
  const possessor = words.slice(0, n);
  return /['’]s$/.test(possessor.at(-1) ?? '') && SPEAKS_FOR.test(words[n] ?? '') && possessor.every((w) => /^\p{Lu}/u.test(w));
}

/** A person or pronoun named by the first words of `head`, with a title or role at most before the name. */
function personAtStart(head: string, offset: number, ctx: Context): Attribution | null {
  const words = head.trim().split(/\s+/).slice(0, 8);
  // `officials discussed what would "..."`: a group right before its verb is the subject, kept as written (not
  // `officials in Ottawa have issued a "..."`, where a title or a term may follow).
  for (let n = 1; n <= 3; n += 1) {
    const next = words[n] ?? '';
    if (PEOPLE_GROUP.test(words.slice(0, n).join(' ')) && VERB_LIKE.test(next)) return unnamedSpeaker(words.slice(0, n).join(' '));
  }
  // `The judge ruled he would "..."`: a definite role right before its verb, when no one named holds it.
  for (let n = 2; n <= 3; n += 1) {
    const next = words[n] ?? '';
    const phrase = words.slice(0, n).join(' ');
    if (/^the\s/i.test(phrase) && ROLE_WORDS.has((words[n - 1] ?? '').toLowerCase()) && VERB_LIKE.test(next) && !/^(?:former|late)$/i.test(words[1] ?? '')) {
      const found = resolvePhrase(phrase, offset, ctx);
      if (found !== null) return found;
    }
  }
  for (let n = Math.min(words.length, 6); n >= 1; n -= 1) {
    const found = resolvePhrase(words.slice(0, n).join(' '), offset, ctx);
    if (found === null || (found.person === null && !found.pronoun)) continue;
    // `Holt's deputy called it ...`: the deputy speaks, not Holt, and is kept as written (`Holt's accusation` stays Holt's).
    if (found.person !== null && isPossessorOf(words, n)) return unnamedSpeaker(words.slice(0, n + 1).join(' '));
    // `Lobbying records show Tomas Adeyemi met ...`: a name after the clause's own verb is not its subject.
    if (found.role !== null && !isTitleOrRole(found.role)) continue;
    // `the former Ajax man says`: a name inside a description, before the noun it modifies, is not who speaks.
    if (found.role !== null && /^(?:the|a|an)$/i.test(words[0] ?? '') && isPersonNoun(words[n] ?? '')) continue;
    return found;
  }
  return null;
}

// `officials`, `the federal researchers`: people in the plural, who can use the words of a partial quote together; besides
// the groups that are never names, the plurals that can also name a body (`Ontario Nurses`).
const PEOPLE_GROUP = new RegExp(
  `^(?:(?:the|some|many|several|other|local|federal|provincial|senior|city|state|government|health|police|hospital)\\s+)?(?:${[
    ...GROUP_PLURALS,
    ...'officials lawyers doctors nurses officers parents workers employees scientists economists councillors councilors'.split(' '),
  ].join('|')})$`,
  'i',
);

// `ruled`, `says`, `has`, `told`: a finite verb after a subject (a noun such as `quarterback` or `players` is none).
const VERB_LIKE =
  /^(?:\p{Ll}+ed|says|say|calls|argues|thinks|believes|wants|claims|insists|notes|is|was|are|were|has|had|have|will|would|could|can|may|might|must|should|did|does|do|told|made|took|gave|found|wrote|said|saw|sent|left|kept|held|put|set|met|got|went|came|knew|thought|felt|spoke|chose|also|now|then|still|often|once)$/u;

/** A phrase led by a preposition or a time word (`In a statement to the Observer,`): its names are not the subject. */
const INTRODUCTORY =
  /^\s*(?:in|on|at|to|for|from|with|by|after|before|during|here|there|when|while|as|since|following|despite|like|unlike|within|across|among|amid|through|throughout|between|beyond|inside|outside|against|without|behind|beneath|near|around)\b/i;

/** A sentence adverb set off by a comma (`First, `, `Conversely, `): never the subject, even when capitalised. */
const SENTENCE_ADVERB =
  /^\s*(?:first|second|third|next|finally|lastly|secondly|thirdly|however|meanwhile|instead|still|now|later|earlier|yet|also|indeed|again|then|thus|therefore|besides|moreover|furthermore|nonetheless|nevertheless|conversely|separately|additionally|similarly|likewise|ultimately|notably|initially|previously|recently|overall)\s*,/i;

/** The clause without its leading introductory phrases (`In January, `, `Here in Columbia, `, `First, `). */
export function withoutIntroduction(clause: string): string {
  let rest = clause.replace(BEFORE_LAST_SENTENCE, '').replace(SENTENCE_ADVERB, '');
  for (let comma = rest.indexOf(','); comma >= 0 && INTRODUCTORY.test(rest); comma = rest.indexOf(',')) rest = rest.slice(comma + 1);
  return rest;
}

/** The subject of the main clause: the first comma-separated segment after the introduction that starts with one. */
export function mainSubject(clause: string, offset: number, ctx: Context): Attribution | null {
  for (const segment of withoutIntroduction(clause).split(',').slice(0, 4)) {
    const found = subjectAtStart(segment, offset, ctx);
    if (found !== null) return found;
    // `went on air about his rival, Ana Ruiz, saying ...`: a predicate with no subject in view; the names after it are
    // its objects and appositives, not who speaks.
    if (PREDICATE_START.test(segment)) return null;
  }
  return null;
}

/** A segment that opens with a lowercase word other than a conjunction or preposition: a verb phrase, not a subject. */
const PREDICATE_START = /^\s*(?!(?:and|but|or|so|then|the|a|an|one|another|some|many|several|two|three|other|his|her|their|its)\b)(?![^\s]*ly\b)\p{Ll}+\s+\S+\s+\S+/u;

// `presidential candidate`, `longtime activist`, `former state legislator`: nouns and adjectives of a description.
const DESCRIPTIVE = /^(?!(?:after|over|under|never|ever|rather|other|whether|later|per|total|usual|actual)$)\p{Ll}[\p{Ll}\-]*(?:ate|ial|al|ic|ive|ist|er|or|ant|ent|ary|ian|man|woman|person|time|ee)s?$/u;
// `76-year-old`: an age describes the person named after it.
const AGE = /^\d{1,3}-year-old$/;

// `John Lind On Why The Pier Matters`: a capitalised preposition, pronoun or auxiliary is a heading's, never a title's.
const CAPITALISED_FUNCTION_WORD = /^(?:On|In|At|To|From|By|With|About|Against|Into|As|Like|Unlike|How|Why|What|When|Where|Who|She|He|It|They|We|Her|His|Its|Their|Is|Are|Was|Were|Be|Or|But|Not)$/;

/** Words that can stand before a name as its title or role: capitalised words, role words, determiners, descriptions. */
function isTitleOrRole(role: string): boolean {
  return role
    .split(/\s+/)
    .every((w) => (startsWithCapital(w) && !CAPITALISED_FUNCTION_WORD.test(w)) || AGE.test(w) || ROLE_WORDS.has(w.toLowerCase().replace(/[.,]$/, '')) || /^(?:the|a|an|of|for|and)$/i.test(w) || /['’]s?$/.test(w) || DESCRIPTIVE.test(w));
}

/** The run of capitalised words that ends a clause: a name a relative pronoun after it refers to. */
const ANTECEDENT = /((?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}'’\-]+)$/u;

// `offers, including one buyer who promised to put her "`: a relative `who` whose clause runs on, with no comma to
// close it, to where the quote opens.
const OPEN_RELATIVE = /(?:^|[\s,])who\s+([^,;:()"“”—–]*)$/i;
const DESCRIBED_ANTECEDENT = /(?:^|\s)((?:a|an|one|another|the)\s+(?:(?!(?:of|from|for|to|with|by|at|in|on|a|an|the)\s)[\p{L}\-]+\s+){0,2}[\p{Ll}\-]+)$/u;
// `Sen. Ana Ruiz of Maine, who said`: a name with the place or body it is from.
const AFFILIATED_ANTECEDENT = /((?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}'’\-]+\s+(?:of|from)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}'’\-]+)$/u;
// `McConnell, now the Senate leader, who said`: a description set off after the name it describes.
const AFTER_APPOSITIVE = /^(.*\S)\s*,\s*(?:now\s+|then\s+|also\s+)?(?:the|a|an)\s+[^,]{1,60}$/;

/**
 * The speaker of a partial quote that a relative clause's own verb of saying introduces, the clause still open where
 * the quote starts: the person or the description a `who` refers to (`one buyer who promised to put her "on the map"`,
 * `critics who say he is "soft"`), else `null`; `undefined` when no such `who` clause holds the quote and the
 * sentence's subject may speak (`casts Lind as a rival who would "ruin" it`).
 */
export function relativeClauseSubject(opening: string, offset: number, ctx: Context): Attribution | null | undefined {
  const found = OPEN_RELATIVE.exec(opening);
  if (found?.[1] === undefined || verbsOfSaying(found[1]).length === 0) return undefined;
  const before = opening.slice(0, found.index).replace(/[\s,]+$/, '');
  const at = offset + before.length;
  const bare = AFTER_APPOSITIVE.exec(before)?.[1] ?? before;
  const named = AFFILIATED_ANTECEDENT.exec(bare)?.[1] ?? ANTECEDENT.exec(bare)?.[1];
  const person = named === undefined ? null : resolvePhrase(named, at, ctx);
  if (person?.person != null) return person;
  const group = before.split(/\s+/).slice(-2);
  const described = DESCRIBED_ANTECEDENT.exec(before)?.[1] ?? [group.join(' '), group.at(-1) ?? ''].find((words) => PEOPLE_GROUP.test(words));
  const description = described === undefined ? null : resolvePhrase(described, at, ctx);
  return description?.speaker != null && description.person === null && !description.pronoun ? description : null;
}

const FILLER =
  /\s+(?:also|further|later|then|has|had|have|would|will|did|does|could|can|may|might|must|should|previously|once|recently|repeatedly|often|publicly|again|has also|had also|on \w+|last \w+|this \w+|in \w+|at \w+|\w+ly|\w+ed by)$/;

/**
 * The speaker phrase that ends `head` (the words before a verb of saying). Walks back over appositives
 * (`Ana Ruiz, Minister of Ports, Fisheries and Coastal Development, said`) to the segment that names someone.
 */
export function subjectBefore(head: string, offset: number, ctx: Context): Attribution | null {
  let clause = head.replace(/\s+$/, '');
  for (let i = 0; i < 3; i += 1) clause = clause.replace(FILLER, '');
  const at = offset + head.length;
  // `pledged sanctions against what it called "a threat"`: `it` speaking is the organisation named last.
  if (/(?:^|\s)it$/i.test(clause)) return organisationSpeaking(ctx, at);
  // `Ruiz disagrees with Tomas Lind, who says`: the relative pronoun's antecedent, the name just before it, speaks.
  const relative = /^(.*?\S)(?:\s*,\s*|\s+)who$/.exec(clause);
  const antecedent = relative?.[1] === undefined ? null : ANTECEDENT.exec(relative[1]);
  if (antecedent?.[1] !== undefined) {
    const found = resolvePhrase(antecedent[1], at, ctx);
    if (found?.person != null) return found;
  }
  // An appositive ("Tomas Lind, an engineer who attended, recalled") may hold clause words of its own, so a
  // head ending in a comma is cut only at hard punctuation.
  const appositive = clause.endsWith(',');
  const boundary = appositive ? /[;:()"“”—–]/ : /[;:()"“”—–]|\b(?:that|but|with|while|as|after|before|when|because|which|who|if)\b/i;
  const segments = clause.split(boundary).at(-1)?.split(',').map((s) => s.trim()) ?? [];
  const resolveSegment = (phrase: string, adjacent: boolean): Attribution | null => {
    const candidates = [phrase];
    const of = phrase.search(/\s(?:of|from|for|at|in)\s/);
    if (of > 0 && !isDocumentPhrase(phrase)) candidates.unshift(phrase.slice(0, of));
    for (const candidate of candidates) {
      const found = resolvePhrase(candidate, at, ctx);
      if (found === null) continue;
      // Away from the verb, only a person the article names elsewhere counts (not "Apps" at a sentence start).
      if (!adjacent && found.person === null && !found.pronoun) continue;
      return candidate === phrase ? found : withWholeDescription(found, phrase, at, ctx);
    }
    return null;
  };
  if (appositive && segments.length === 2) {
    // "Berg seemed glad to expand on it, telling the room, ...": the clause's subject.
    return subjectAtStart(segments[0] ?? '', offset, ctx);
  }
  if (appositive && segments.length > 2) {
    // "Ana Ruiz, Minister of Ports, Fisheries and Coastal Development, said": the subject comes before the
    // appositive, so the first segment that names someone wins.
    for (const [index, segment] of segments.slice(0, -1).entries()) {
      if (segment.length === 0 || INTRODUCTORY.test(segment)) continue;
      const found = resolveSegment(segment, index === 0);
      if (found === null) continue;
      // `she found Piet Varga in the kitchen and, ..., told Varga`: a segment that opens with a subject pronoun is a
      // clause, and the name in it is its object.
      if (found.role !== null && /^(?:he|she)\s+\p{Ll}/iu.test(found.role)) return subjectAtStart(segment, offset, ctx);
      // "One harbour veteran, Piet Varga, said": the appositive names the described subject.
      if (found.person === null && !found.pronoun && index + 2 < segments.length) {
        const named = resolveSegment(segments[index + 1] ?? '', false);
        if (named?.person != null) return named;
      }
      return found;
    }
    return null;
  }
  const last = segments.at(-1) ?? '';
  return last.length === 0 ? null : resolveSegment(last, true);
}

/**
 * `a spokesman for the harbour board could only quip`: a description found in the first words of `phrase` is kept
 * whole with whom it speaks for, when the whole phrase still names that description.
 */
function withWholeDescription(found: Attribution, phrase: string, at: number, ctx: Context): Attribution {
  if (found.person !== null || found.pronoun || found.speaker === null) return found;
  const whole = resolvePhrase(phrase, at, ctx);
  return whole?.person === null && whole.speaker?.startsWith(found.speaker) === true ? whole : found;
}

// `A spokesman for the board was blunt:`, `One resident put it plainly:`: a description, then its verb.
const DESCRIBED_SUBJECT =
  /^\s*((?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)\s+[^,;:()"“”]{2,60}?)\s+(?:was|were|is|are|had|has|could|would|can|will|did|seemed|sounded|put|gave|offered|kept|remained|got)\b/;

/** A description (`a spokesman for the board`, `one resident`) that opens the clause as its subject, or `null`. */
export function describedSubjectAtStart(before: string, offset: number, ctx: Context): Attribution | null {
  const phrase = DESCRIBED_SUBJECT.exec(withoutIntroduction(before))?.[1];
  if (phrase === undefined) return null;
  // `The answer from the ministry was short:` is no one: the description's head must be a person or a body.
  const cut = phrase.split(/\s(?:of|from|for|at|in|with)\s/)[0] ?? phrase;
  if (!NOMINAL_HEAD.test(cut) && !ROLE_WORDS.has(cut.split(/\s+/).at(-1)?.toLowerCase() ?? '')) return null;
  const head = resolvePhrase(cut, offset, ctx);
  return head === null ? null : withWholeDescription(head, phrase, offset, ctx);
}
