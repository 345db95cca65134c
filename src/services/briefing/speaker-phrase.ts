/** What a speaker phrase names: a person (surname and pronoun resolved), an organisation, or a role phrase kept as written. */
import { DOCUMENT_NOUN, documentSpeaker } from './document-issuer.js';
import { lookup, personByRole, resolvePronoun } from './mention-lookup.js';
import { isNameWord, isOrgWord, ROLE_WORDS, splitRoleAndName } from './name-words.js';
import type { Mention, Person } from './people.js';
import { SPEAKING_AFTER } from './say-verbs.js';
import { sentenceAt, type Sentence } from './segment.js';
import { countStartingBefore } from './text-scan.js';
import type { Span } from './types.js';

const PRONOUN = /^(?:he|she|He|She)$/;
/** Who speaks for someone else: after `Holt's`, the speaker is this person, not Holt. */
export const SPEAKS_FOR =
  /^(?:deputy|spokes(?:man|woman|person)|lawyers?|attorneys?|aides?|advis[eo]rs?|office|campaign|team|staff|wife|husband|son|daughter|mother|father|brother|sister|partner|secretary|manager|agent|family|friends?|colleagues?|successor|predecessor|opponents?|rivals?|allies|ally|supporters?|doctors?)$/;
// `Lind's lawyer`, `Nordvik Steel's chief spokesman`: someone who speaks for the one named in the possessive.
const SPEAKING_FOR = /^(?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}.'’\-]*['’]s\s+(?:\p{Ll}[\p{Ll}\-]*\s+)?(\p{Ll}[\p{Ll}\-]*)$/u;
// `a longtime supporter`, `the contender`: a noun for a person by its ending or its word.
const PERSON_NOUN_END =
  /(?:er|or|ist|ian|ant|ent|man|woman|person|candidate|nominee|aide|host|hopeful|contender|incumbent|tycoon|mogul|veteran|chief|native|colleague|ally|rival|partner|chef|poet|pilot|athlete|goalie)s?$/;
const LOWER_WORD = /^\p{Ll}+$/u;

/** A lowercase noun for a person (`man`, `manager`, `striker`). */
export function isPersonNoun(word: string): boolean {
  return LOWER_WORD.test(word) && (ROLE_WORDS.has(word) || PERSON_NOUN_END.test(word));
}

export const NOMINAL_HEAD =
  /\b(?:officials?|utility|spokes(?:man|woman|person|people)|police|ministry|department|government|researchers?|critics?|experts?|analysts?|residents?|lawyers?|attorneys?|prosecutors?|report|statement|study|survey|commission|agency|company|office|court|judge|doctors?|witness(?:es)?|authorities|sources?|source|officers?|members?|citizens?|submission|organizers?|organisers?|campaigners?|activists?|protesters?|parents?|friends?|neighbou?rs?|family|relatives?|staff|employees?|workers?|union|group|website|memo|email|letter|document|filing|judgment|ruling|campaign|party|team|club|board|council|committee|article|piece|book|post|tweet|city|town|province|municipality)\b/i;

/** What attribution looks at: person mentions outside quotes, every mention (for surnames), and the sentences. */
export type Context = {
  text: string;
  mentions: readonly Mention[];
  all: readonly Mention[];
  sentences: readonly Sentence[];
  /** The spans inside quote marks: what someone says, never who says it. */
  quoted: readonly Span[];
  /** People already credited with a quote, in article order so far. */
  speakers: Set<Person>;
  /** Organisations already credited with a quote (`BC Hydro said`), with where, for a later `it said`. */
  organisations: Array<{ name: string; at: number }>;
};

export type Attribution = { speaker: string | null; role: string | null; person: Person | null; pronoun: boolean };

/** What ties a quote to its speaker; each cue is right more or less often, which the confidence model learns. */
export const CUES = [
  'verb-after',
  'name-after',
  'dash-credit',
  'sentence-end',
  'according-to',
  'verb-before',
  'possessor',
  'introducer',
  'colon',
  'lead-in',
  'reported-before',
  'speaker-goes-on',
  'continuation',
  'partial-subject',
] as const;
export type Cue = (typeof CUES)[number];

/** An attribution with the cue that gave it. */
export type Credit = Attribution & { cue: Cue };

/** `found` credited through `cue`, or `null` when there is none or its speaker is no mention of someone. */
export function credit(found: Attribution | null, cue: Cue): Credit | null {
  return found === null || (found.speaker !== null && !isMention(found.speaker)) ? null : { ...found, cue };
}

const ADVERBS = new Set('somehow however meanwhile also still yet then now instead perhaps indeed moreover therefore thus again here there even'.split(' '));
const DOCUMENTS = new RegExp(String.raw`\b${DOCUMENT_NOUN}s?$`);
// `the Coastal White Paper`, `Harbour Strategy Report`: a capitalised title of a document (an outlet such as `Washington
// Post` or `National Review` still speaks).
const DOCUMENT_TITLE = /\s(?:Paper|Report|Study|Survey|Statement|Memo|Memorandum|Strategy|Plan|Guidelines|Framework|Assessment|Audit|Analysis|Bill|Act)$/;
const CLAUSE_WORD = /\b(?:is|are|was|were|be|been|that|which|if|because|designed)\b/;
// `the department changed his life`: a pronoun after a word that is no preposition is a verb's object, in a clause.
const VERB_OBJECT = /\b(?!(?:of|for|at|to|from|with|in|on|by|about|and|or|near|behind)\s)\p{Ll}+\s+(?:his|her|their|its|him|them|my|our|me|us)\b/u;
const LEADING_PREPOSITION = /^(?:in|on|at|for|to|from|by|with|after|before|during|as|of)\s/i;

/**
 * Whether a speaker is a mention of a person, organisation or role (`Ana Ruiz`, `BC Hydro`, `a spokesperson`), not an
 * adverb (`Somehow`), a document (`a statement`, `In its two-page statement`: the document is not who speaks) or a
 * piece of a clause (`the system is designed for`).
 */
function isMention(speaker: string): boolean {
  const words = speaker.split(/\s+/);
  if (words.length === 1 && (ADVERBS.has(speaker.toLowerCase()) || /^\p{Lu}\p{Ll}+ly$/u.test(speaker))) return false;
  if (LEADING_PREPOSITION.test(speaker) || CLAUSE_WORD.test(speaker) || VERB_OBJECT.test(speaker)) return false;
  // `Washington Post` names an outlet; `the report`, `Holt's statement` are documents.
  const properName = words.every((w) => /^[\p{Lu}\d]/u.test(w)) && !/^(?:The|A|An|His|Her|Its|Their)$/.test(words[0] ?? '');
  return properName ? !DOCUMENT_TITLE.test(speaker) : !DOCUMENTS.test(speaker);
}

/** A speaker that is not a person the article names: an organisation, an office, a description. */
export function unnamedSpeaker(speaker: string): Attribution {
  return { speaker, role: null, person: null, pronoun: false };
}

// Hoisted for the reason NAME_WORD is (name-words.ts): resolvePhrase runs for every speaker phrase of every quote.
const ORGANISATION_DESCRIPTION = /^the\s+(?:\p{Ll}[\p{Ll}\-]*\s+){0,2}(?:company|utility|firm|agency|organi[sz]ation|retailer|airline|carrier|broadcaster|manufacturer|automaker|bank|network|insurer|operator|developer|startup|group|railway|railroad|corporation|ministry|department)$/iu;
const AFFILIATED = /^(.*?\p{Lu}[\p{L}'’\-]+)\s+(?:of|from|at|with)\s+(?:the\s+)?\p{Lu}/u;
const ORGANISATION_NAME = /^(?:(?:[Tt]he\s+)?[\p{L}'’\-]+\s+){0,4}?(?:[Tt]he\s+)?((?:\p{Lu}[\p{L}&.'’\-]*\s+){1,5}\p{Lu}[\p{L}&.'’\-]*)$/u;
const OUTLET = /^(?:[Tt]he\s+)?((?:\p{Lu}[\p{L}&.'’\-]*\s+(?:(?:and|of|&)\s+)?){1,4}(?:magazine|newspaper|daily|weekly|tabloid|broadcaster|network|news agency|wire service|radio|television))$/u;
const INSTITUTION = /^[Tt]he\s+(\p{Lu}\p{Ll}+)$/u;
const ACRONYM_NAME = /^(?:[Tt]he\s+)?(\p{Lu}{2,6})$/u;
const OFFICE = /^[Tt]he\s+((?:[\p{L}\-]+\s+){0,4}(\p{Ll}+))$/u;
const DESCRIBED = /^(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\p{L}\d\-'’]+\s+){0,4}\p{Ll}[\p{Ll}\-]+$/u;

/**
 * Turns a speaker phrase into a speaker: a name (surname resolved to the full name), a pronoun resolved to the last
 * person of that gender, or a nominal speaker (`officials`, `a spokesperson for the camp`) kept as written.
 */
export function resolvePhrase(phrase: string, at: number, ctx: Context): Attribution | null {
  const clean = phrase.replace(/^[\s,]+|[\s,]+$/g, '').replace(/\s+(?:himself|herself|themselves)$/, '');
  if (PRONOUN.test(clean)) {
    const gender = /^he$/i.test(clean) ? 'male' : 'female';
    const person = resolvePronoun(ctx, at, gender);
    return person === null ? null : { speaker: person.name, role: null, person, pronoun: true };
  }
  if (/^(?:I|we|they|it|you)$/i.test(clean)) return null;
  // `Ana Ruiz and Tomas Lind ... . The latter said`: the second (or first) of the two people named just before.
  const ordinal = /^the\s+(latter|former)$/i.exec(clean);
  if (ordinal?.[1] !== undefined) {
    const person = oneOfPair(ctx, at, /^latter$/i.test(ordinal[1]) ? 1 : 0);
    return person === null ? null : { speaker: person.name, role: null, person, pronoun: true };
  }
  // `"..." that Berg can win, said Piet Varga`: a clause the quote runs on into, not who says it.
  if (/^(?:that|which|whether|if|because|than|so)\s/i.test(clean)) return null;
  if (ORGANISATION_DESCRIPTION.test(clean)) {
    // `the company said`, `the ferry company said` after `Nordvik ...`: the organisation it stands for, when the article
    // has named one.
    const organisation = organisationSpeaking(ctx, at);
    if (organisation !== null) return organisation;
  }
  // "the harbour board issued a statement calling it ...": whoever issued it.
  const issuer = /^(.+?)\s+(?:issued|released|put out|posted|published|sent(?: out)?)\s+(?:a|an)\s+(?:\w+\s+)?(?:statement|release|letter|email|e-mail|report|tweet|post|memo)$/.exec(clean);
  if (issuer?.[1] !== undefined) return resolvePhrase(issuer[1], at, ctx);
  // `a statement from the Harbour Board`, `Nordvik's website`, `her tweet`, `the report`: whoever issued the document.
  const issued = documentSpeaker(clean, at, ctx, resolvePhrase);
  if (issued !== undefined) return issued;
  // `Lind's lawyer said`: the lawyer speaks, kept as written, not Lind.
  const speakingFor = SPEAKING_FOR.exec(clean);
  if (speakingFor?.[1] !== undefined && SPEAKS_FOR.test(speakingFor[1])) return unnamedSpeaker(clean);
  const words = clean.split(/\s+/);
  if (words.length > 12) return null;
  // `Mr. Lind of the Harbour Trust`, `Tomas Lind from the Harbour Trust`: the person, with the body they speak for.
  const affiliated = AFFILIATED.exec(clean);
  if (affiliated?.[1] !== undefined) {
    const head = splitRoleAndName(affiliated[1]);
    if (head !== null && !head.name.split(/\s+/).some(isOrgWord)) {
      const person = lookup(ctx.all, head.name, at);
      if (person !== null || head.role !== null || head.name.includes(' ')) {
        const role = head.role === null ? null : stripDeterminer(head.role);
        return { speaker: person?.name ?? head.name, role: role === '' ? null : role, person, pronoun: false };
      }
    }
  }
  // `King says` after `Billie Jean King`: a role word alone is the surname of someone the article named with it in full.
  if (words.length === 1 && ROLE_WORDS.has(clean.toLowerCase())) {
    const person = lookup(ctx.all, clean, at);
    if (person?.name.includes(' ') === true) return { speaker: person.name, role: null, person, pronoun: false };
  }
  if (/[A-Z]/.test(clean)) {
    const split = splitRoleAndName(clean);
    if (split !== null) {
      const person = lookup(ctx.all, split.name, at);
      // `BC Ferries said`: an acronym before one capitalised word that names no known person is an organisation's
      // name, not a role and a surname.
      if (person?.name.includes(' ') !== true && split.role !== null && /^\p{Lu}{2,6}$/u.test(split.role) && !split.name.includes(' ')) return unnamedSpeaker(clean);
      // `a spokesperson for Nordvik Steel`, `a friend of Ana Ruiz`: the one described speaks, and is kept as written.
      if (split.role !== null && /^(?:the|a|an)\s.*\s(?:for|of|at|with|from)$/i.test(split.role)) return unnamedSpeaker(clean);
      const role = split.role !== null && split.role.length > 0 ? stripDeterminer(split.role) : null;
      return { speaker: person?.name ?? split.name, role: role === '' ? null : role, person, pronoun: false };
    }
  }
  // "noted the Northport Evening Courier", "Ruiz's hometown Harbour Daily Post": an organisation named in full, after
  // any description of it.
  const organisation = ORGANISATION_NAME.exec(clean);
  if (organisation?.[1] !== undefined && organisation[1].split(/\s+/).some(isOrgWord)) {
    return unnamedSpeaker(organisation[1]);
  }
  // `wrote Harbour magazine`, `told the Coast Courier newspaper`: an outlet, named with what it is.
  const outlet = OUTLET.exec(clean);
  if (outlet?.[1] !== undefined) return unnamedSpeaker(outlet[1]);
  // "the Times", "the Herald": a newspaper or body by the one word of its name that says what it is.
  const institution = INSTITUTION.exec(clean);
  if (institution?.[1] !== undefined && isOrgWord(institution[1])) return unnamedSpeaker(institution[1]);
  // "the EU", "NATO", "the RCMP": an organisation by its acronym.
  const acronym = ACRONYM_NAME.exec(clean);
  if (acronym?.[1] !== undefined) return unnamedSpeaker(acronym[1]);
  // "the Christie supporter", "a Justice Department official": a described speaker.
  // "an Iowa Democrat", "another New Hampshire Republican": a described member of a party.
  if (/^(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\p{L}\d\-'’]+\s+){0,4}(?:Democrat|Republican|Conservative|Liberal|Independent|Socialist)$/u.test(clean)) {
    return unnamedSpeaker(clean);
  }
  // `Mayor Ana Ruiz ... the mayor said`, `Tomas Lind, the harbour engineer ... the engineer said`: the one person the
  // article gave that role, by the whole description or, unless it sets one holder against another (`the former
  // mayor`), by its head noun.
  // `The singer said` at a sentence start is the same description as `the singer`, and `The Harbour Watch host`, `the
  // Oslo-born striker` describe a person as well, however capitalised the words before the role.
  const office = OFFICE.exec(clean);
  const head = office?.[2] ?? '';
  if (office?.[1] !== undefined && isPersonNoun(head)) {
    // `The Florida senator` is not whichever senator the article named: a capitalised word sets one holder apart too.
    const contrastive = /\b(?:former|ex|late|previous|then|new|acting|interim|outgoing|incoming|other|current|first|second)\b|\p{Lu}/u.test(office[1]);
    const holder = personByRole(ctx, office[1], at) ?? (contrastive || head === office[1] ? null : personByRole(ctx, head, at));
    if (holder !== null) return { speaker: holder.name, role: null, person: holder, pronoun: true };
  }
  const described = DESCRIBED.test(clean);
  if (described && (NOMINAL_HEAD.test(clean) || ROLE_WORDS.has(clean.split(/\s+/).at(-1) ?? '') || PERSON_NOUN_END.test(clean))) {
    return unnamedSpeaker(clean);
  }
  const nominal = /^(?:(?:the|a|an|one|another|some|many|several|two|three|other|his|her|their|its)\s+)?[a-z][a-z'’\- ]*$/i.exec(clean);
  if (nominal !== null && NOMINAL_HEAD.test(clean) && words.length <= 7) {
    return unnamedSpeaker(clean);
  }
  return null;
}

/** The person at `index` of the two named in the sentence before the one at `at`; `null` unless exactly two are. */
function oneOfPair(ctx: Context, at: number, index: number): Person | null {
  const previous = ctx.sentences[countStartingBefore(ctx.sentences, at + 2) - 2];
  if (previous === undefined) return null;
  const named: Person[] = [];
  for (let k = countStartingBefore(ctx.mentions, previous.start); k < ctx.mentions.length; k += 1) {
    const mention = ctx.mentions[k];
    if (mention === undefined || mention.start >= previous.end) break;
    if (mention.person.isPerson && !named.includes(mention.person)) named.push(mention.person);
  }
  return named.length === 2 ? named[index] ?? null : null;
}

const CAPITALISED_RUN = /(?<![\p{L}\d])\p{Lu}[\p{L}&'’\-]*(?:\s+(?:of\s+|for\s+|&\s+)?\p{Lu}[\p{L}&'’\-]*){0,5}/gu;

/**
 * The organisation an `it said` at `at` means: the nearest before it of an organisation already credited with a quote
 * and an organisation named in the story's own words (outside quote marks) within the last few hundred characters (a run of capitalised words with an organisation
 * word, `Ministry of Health`, or led by an acronym, `BC Hydro`, `NATO`). `null` when there is none: never guessed.
 */
function lastOrganisation(ctx: Context, at: number): string | null {
  let best: { name: string; at: number } | null = null;
  for (const org of ctx.organisations) if (org.at < at && (best === null || org.at > best.at)) best = org;
  const from = Math.max(0, at - 600);
  const window = ctx.text.slice(from, at);
  CAPITALISED_RUN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = CAPITALISED_RUN.exec(window)) !== null) {
    const start = from + match.index;
    // A name in quote marks is what someone says; one on a link or promo line (`READ MORE: ...`) is no story text.
    if (ctx.quoted.some((span) => start >= span.start && start < span.end) || !inStory(ctx, start)) continue;
    const words = match[0].replace(/['’]s$/, '').split(/\s+/);
    const lead = words[0] ?? '';
    const isOrganisation =
      words.length > 1 ? words.some(isOrgWord) || /^\p{Lu}{2,5}$/u.test(lead) : /^\p{Lu}{2,6}$/u.test(lead) || speaksAsBody(ctx, lead, start + match[0].length);
    if (!isOrganisation) continue;
    const name = words.join(' ').replace(/^(?:The|A|An)\s+/, '');
    if (best === null || start > best.at) best = { name, at: start };
  }
  return best?.name ?? null;
}

/** Whether `at` falls inside a story sentence. */
function inStory(ctx: Context, at: number): boolean {
  const sentence = sentenceAt(ctx.sentences, at);
  return sentence !== undefined && at < sentence.end;
}

/** The organisation that an `it` or `the company` speaking at `at` stands for, as a speaker. */
export function organisationSpeaking(ctx: Context, at: number): Attribution | null {
  const organisation = lastOrganisation(ctx, at);
  return organisation === null ? null : { speaker: organisation, role: null, person: null, pronoun: true };
}

/**
 * `Nordvik said Thursday ...`: one capitalised word speaking that the article never gives a first name or a gender is a
 * company or body, which a later `the company said` means.
 */
function speaksAsBody(ctx: Context, word: string, end: number): boolean {
  if (!isNameWord(word) || !SPEAKING_AFTER.test(ctx.text.slice(end, end + 100))) return false;
  const person = lookup(ctx.all, word, end);
  return person === null || (!person.name.includes(' ') && person.gender === null);
}

/** A role as shown: without its determiner or possessive, and empty for an honorific alone (`Dr.`, `Mr.`), which is no role. */
export function stripDeterminer(role: string): string {
  const bare = role.replace(/^(?:the|a|an)\s+/i, '').replace(/['’]s$/, '').trim();
  return /^(?:(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|rev)\.?\s*)+$/i.test(bare) ? '' : bare;
}

