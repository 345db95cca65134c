import type { Token } from './nlp.js';
import { isPlaceName } from './places.js';
import { isVerbOfSaying, SPEAKING_AFTER, SPEAKING_BEFORE } from './say-verbs.js';
import { sentenceAt, type Sentence } from './segment.js';

export type Gender = 'male' | 'female' | null;

/** A person the article names, keyed by surname for later short mentions. */
export type Person = {
  name: string;
  surname: string;
  gender: Gender;
  firstAt: number;
  /** Seen with a title, a known given name, or again by surname alone: a person rather than a place or a thing. */
  isPerson: boolean;
};

/** A named person, a pronoun or a nominal speaker ("officials") at a position of the article. */
export type Mention = { start: number; end: number; person: Person };

/** Words that are a role or title, never part of a name. */
export const ROLE_WORDS = new Set(
  (
    'mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother president vice prime minister ' +
    'secretary chancellor senator sen rep representative congressman congresswoman governor gov mayor judge justice ' +
    'chief director commissioner assistant deputy general gen col colonel lt lieutenant capt captain sgt sergeant officer ' +
    'detective inspector constable superintendent ambassador king queen prince princess duke duchess pope bishop archbishop ' +
    'chairman chairwoman chair ceo cfo coo founder leader speaker spokesman spokeswoman spokesperson diplomat envoy ' +
    'coach manager boss striker midfielder defender goalkeeper player star singer actor actress author editor reporter ' +
    'former late acting interim high foreign affairs security policy state defence defense interior finance health ' +
    'attorney premier mp mep councillor councilor alderman sheriff marshal commander admiral major minister’s officials ' +
    'const cst cpl insp supt det assemblyman assemblywoman assemblymember councilman councilwoman councilmember legislator lawmaker delegate trustee ' +
    'professor dean principal head executive analyst economist expert lawyer doctor nurse minister. ' +
    // `Ruiz Senior Adviser Tomas Lind`: the role between an owner and a name keeps the two apart.
    'senior adviser advisor strategist aide counsel ' +
    // `Sens. Ana Ruiz and Tomas Lind`, `Representatives Ana Ruiz and ...`: a role shared by the names after it.
    'sens senators reps representatives'
  ).split(/\s+/),
);

// Role words that are also common surnames (`Billie Jean King`, `Tom Judge`): after a given name, closing the name.
const SURNAME_ROLES = new Set('king prince bishop judge marshal chancellor major mayor'.split(' '));

/** Whether `word` is a capitalised role word that is also a surname (`King`, not `king` or `KING`). */
function isSurnameRole(word: string): boolean {
  const first = word.charCodeAt(0);
  return first >= 65 && first <= 90 && SURNAME_ROLES.has(word.toLowerCase()) && word.slice(1) === word.slice(1).toLowerCase();
}

/** Whether `word` starts with a capital letter. */
function isCapitalised(word: string | undefined): boolean {
  return word !== undefined && word !== word.toLowerCase() && word[0] === word[0]?.toUpperCase();
}

/**
 * Whether `word`, a role word, is the surname of the name that closes `run`, the words before it: that name holds a
 * known given name and nothing capitalised follows (`Billie Jean King said`; not `Judge Ana Ruiz`, a role before a name).
 */
export function isRoleSurname(run: readonly string[], word: string, next: string | undefined): boolean {
  if (!isSurnameRole(word) || isCapitalised(next)) return false;
  const names: string[] = [];
  for (let k = run.length - 1; k >= 0 && names.length < 3 && isNameWord(run[k] ?? ''); k -= 1) names.push(run[k] ?? '');
  return names.some((w) => genderOfGivenName(w) !== null);
}

const PARTY_PLURAL = /^(?:Democrats|Republicans|Conservatives|Liberals|Independents|Progressives|Socialists|Tories)$/;

/** Particles of a surname (`van`, `de`, `bin`), in any case. */
const PARTICLE = /^(?:van|von|de|der|den|da|di|du|le|la|del|della|bin|al|ibn|el)$/i;

/** Capitalised words that start sentences or name things other than people. */
const NOT_NAME = new Set(
  (
    'the a an this that these those it its he she they we i you his her their our my your but and or so if when while as ' +
    'in on at of for to from by with after before during since until about over under between into ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december today yesterday tomorrow mr. mrs. ms. dr. there here what who why how ' +
    'however meanwhile also still yet then now not no yes ultimately earlier later some many most all both each ' +
    'nonetheless nevertheless instead perhaps indeed besides moreover furthermore finally eventually again afterwards ' +
    'asked even only just once ' +
    // A preposition or determiner opening a sentence (`Like Lind, Ruiz voted no`, `Another Oslo school`) names no one.
    'like unlike another every ' +
    // A subordinator or auxiliary opening a clause (`Although Ruiz agreed`, `Had Lind waited`) is no part of a name.
    'although though unless whereas whether because had has have were was would could should did does is are shall might must ' +
    // A reader's instruction (`See Lind's timeline below`) opens with a capitalised verb that names no one.
    'see watch follow click subscribe listen ' +
    // A party word in the singular (`Republican claims`, `Democratic candidate Ana Ruiz`) is capitalised but names no
    // one; the plural is a group that can speak (`Democrats blasted the plan`).
    'republican democrat democratic independent conservative liberal progressive socialist'
  ).split(/\s+/),
);

const ORG_WORDS = new Set(
  (
    'news times post press party house ministry department council union police university college school hospital ' +
    'court government agency association committee commission company corp inc ltd group bank fund club league ' +
    'network channel tv radio magazine journal daily herald tribune guardian telegraph mail review institute centre center ' +
    'foundation office service services force army navy command airlines airport street road city county state states ' +
    'republic kingdom federation organisation organization nations assembly parliament congress senate administration ' +
    'railway railroad corporation authority'
  ).split(/\s+/),
);

const FEMALE_CUES = /\b(?:she|her|hers|herself|mrs|ms|miss|madam|lady|dame|woman|female|mother|wife|daughter|sister|actress|spokeswoman|chairwoman|congresswoman|businesswoman|queen|princess|duchess|girl|grandmother|aunt|niece|widow)\b/gi;
const MALE_CUES = /\b(?:he|him|his|himself|mr|sir|lord|man|male|father|husband|son|brother|actor|spokesman|chairman|congressman|businessman|king|prince|duke|boy|grandfather|uncle|nephew|widower)\b/gi;

// Common given names: a gender cue when the article gives no title or pronoun near the name.
const FEMALE_NAMES = new Set(
  (
    'mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley ' +
    'kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy ' +
    'shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ' +
    'ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl ' +
    'andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia ' +
    'judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte rose ' +
    'alexis kayla hillary hilary theresa angela ursula kaja melanie wendy caroline jody chrystia catherine jane claire ' +
    'fiona kate katie lucy sophie chloe ella lily amelia mia ava nina elena irina natalia svetlana marine nicola kamala ' +
    'nancy elise louise anne annie jo jenny jen meghan megan kirsty beth bethany holly lydia naomi rosa carmen lucia ' +
    'yvonne vanessa tina tanya tracy stacy susie sue carla paula monica erica erika veronica sylvia gina kristen kristin ' +
    'ronda serena venus amanda alison allison leah ruth esther miriam priya aisha fatima ana sofia ines lena ingrid olga eva ' +
    'astrid greta hanna johanna odile'
  ).split(/\s+/),
);
const MALE_NAMES = new Set(
  (
    'james robert john michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald ' +
    'steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric ' +
    'jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry ' +
    'tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah ' +
    'gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan ' +
    'alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny bill mike tom dave dan jim ' +
    'bob rob steve tony chris nick matt greg ben sam joe vladimir volodymyr emmanuel boris barack justin mitch elon jeff ' +
    'marc marco mario luis carlos jorge pedro miguel antonio francisco hans klaus olaf friedrich guenther jean-claude ' +
    'pierre jacques francois ivan sergei dmitry igor xi li wang ali mohammed muhammad ahmed omar hassan navdeep jagmeet ' +
    'murray konrad rod trevor seamus neil ian colin graham hugh angus duncan ross craig gordon stuart malcolm nigel ' +
    'keir rishi liam harry charlie oliver jake luke owen callum connor declan rory shane kieran brendan jamie carlo ' +
    'jurgen pep jose zinedine lionel cristiano andres sergio diego rafael novak roger andy piet tomas lars erik sven'
  ).split(/\s+/),
);

/** Gender suggested by a given name, or `null`. */
export function genderOfGivenName(name: string): Gender {
  const first = name.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (FEMALE_NAMES.has(first)) return 'female';
  if (MALE_NAMES.has(first)) return 'male';
  return null;
}

// Not the Nordic surnames in -qvist, -kvist and -quist (`Lindqvist`, `Bloomquist`).
const ROLE_NOUN_END = /^(?!\p{Ll}*(?:qv|kv|qu)ist$)\p{Ll}{5,}(?:ist|ator|ician)$/u;
const SENTENCE_ADVERB_END = /(?:ingly|ously|ently|antly|ably|ibly|edly|ively|fully|lessly|ainly|ically|ually|ionally)$/;
// Hoisted because tsx (esbuild) turns a `\p{...}` regex literal into a `new RegExp` where it stands, and this check runs
// for every capitalised token.
const NAME_WORD = /^\p{Lu}[\p{L}'’\-.]*$/u;
const ACRONYM = /^\p{Lu}{2,}$/u;

/** Is `word` a capitalised word that can be part of a personal name? */
export function isNameWord(word: string): boolean {
  const first = word.charCodeAt(0);
  if (first < 128 && (first < 65 || first > 90)) return false; // not a capital: most words
  if (!NAME_WORD.test(word)) return false;
  const lower = word.toLowerCase();
  if (NOT_NAME.has(lower) || ROLE_WORDS.has(lower.replace(/\.$/, ''))) return false;
  // `Interestingly, Lind ...`, `Certainly Lind ...`: a sentence adverb, by endings no given name or surname has.
  if (SENTENCE_ADVERB_END.test(lower)) return false;
  // `Journalist Ana Ruiz`, `Media Coordinator Tomas Lind`: a capitalised job title by the ending of a person noun.
  if ((lower.endsWith('ist') || lower.endsWith('ator') || lower.endsWith('ician')) && ROLE_NOUN_END.test(lower)) return false;
  if (ACRONYM.test(word)) return false; // NATO, EU, CBC
  return true;
}

export function isOrgWord(word: string): boolean {
  return ORG_WORDS.has(word.toLowerCase());
}

/** A name split into its role words (when given) and the name itself, from a capitalised phrase. */
export function splitRoleAndName(phrase: string): { role: string | null; name: string } | null {
  const words = phrase.trim().split(/\s+/).filter(Boolean);
  let end = words.length;
  while (end > 0 && /^[,.;:]$/.test(words[end - 1] ?? '')) end -= 1;
  // `Oren Halvik III`, `Tom Marsh Jr.`: a generational suffix follows the surname but is no part of it.
  if (end > 1 && /^(?:Jr|Sr|II|III|IV)\.?[,;:]?$/.test(words[end - 1] ?? '')) end -= 1;
  // `Billie Jean King`: a role word closing a name after a given name is its surname, read as a name word.
  const roleSurname = end > 1 && isRoleSurname(words.slice(0, end - 1), words[end - 1] ?? '', undefined);
  let start = roleSurname ? end - 1 : end;
  while (start > 0) {
    const word = (words[start - 1] ?? '').replace(/[,;:]$/, '');
    const isInitial = /^[A-Z]\.$/.test(word);
    const isParticle = /^(?:de|van|von|der|da|di|du|le|la|bin|al|el|ibn|del)$/.test(word) && start < end;
    if (!(isNameWord(word) || isInitial || isParticle)) break;
    start -= 1;
    if (end - start >= 4) break;
  }
  if (start === end) return null;
  const nameWords = words.slice(start, end).map((w) => w.replace(/[,;:]$/, ''));
  if (nameWords.some((w) => isOrgWord(w))) return null;
  const name = nameWords.join(' ').replace(/['’]s$/, '');
  const role = words.slice(0, start).join(' ').trim();
  return { role: role.length > 0 ? role.replace(/[,;:]$/, '') : null, name };
}

// Verbs of saying that are never nouns (not `comments`, `statement`): after a name, that name speaks.
const SAID = 'said|says|told|tells|added|adds|asked|explained|noted|wrote|replied|recalled';
const SPEAKS_NEXT = new RegExp(`^\\s+(?:${SAID}|didn['’]t|did not)\\b`);
const SAID_AFTER_WORD = new RegExp(`\\s(?:${SAID})\\b`, 'g');
const LAST_WORD = /(?:^|[^\p{L}'’.\-])(\p{Lu}\p{Ll}[\p{Ll}'’\-]*)$/u;
// Hoisted for the reason NAME_WORD is.
const WORD_CHAR = /[\p{L}\d]/u;

/**
 * Single capitalised words the article has speaking (`Onyeka said`) and also writes capitalised inside a sentence, after a
 * lower-case word or a comma, so not a word capitalised only for opening a sentence: people the article never names in
 * full (a reality-TV cast, first-name-only stories), who are people from their first mention on.
 */
function speakingNames(text: string): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  SAID_AFTER_WORD.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = SAID_AFTER_WORD.exec(text)) !== null) {
    const word = LAST_WORD.exec(text.slice(Math.max(0, match.index - 30), match.index))?.[1];
    if (word === undefined || seen.has(word)) continue;
    seen.add(word);
    if (isNameWord(word) && !isOrgWord(word) && !isPlaceName(word) && writtenInsideSentence(text, word)) names.add(word);
  }
  return names;
}

/** Whether `word` appears as a whole word after a lower-case letter or a comma and a space. */
function writtenInsideSentence(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const next = text[at + word.length] ?? ' ';
    if (at < 2 || text[at - 1] !== ' ' || WORD_CHAR.test(next)) continue;
    const before = text[at - 2] ?? '';
    if (before === ',' || (before !== before.toUpperCase() && before === before.toLowerCase())) return true;
  }
  return false;
}

/**
 * The people an article names: runs of two or more capitalised name words in story sentences, with a gender when the
 * article signals one (titles, gendered role words, or the pronouns of sentences that mention only that person).
 */
export function findPeople(text: string, sentences: readonly Sentence[]): { people: Person[]; mentions: Mention[] } {
  const bySurname = new Map<string, Person>();
  const people: Person[] = [];
  const mentions: Mention[] = [];
  const evidence = new Map<Person, { male: number; female: number }>();
  const speaking = speakingNames(text);
  for (const sentence of sentences) {
    const words = joinHyphenated(sentence.tokens.filter((t) => t.value.trim() !== ''));
    // `Ana Ruiz Recalls Why She Left`: in a heading in Title Case, capitals do not mark where a name ends.
    if (isTitleCase(words)) continue;
    const inSentence: Person[] = [];
    // Mentions are pushed in article order: this sentence's are the ones pushed from here on.
    const firstOwn = mentions.length;
    for (let i = 0; i < words.length; i += 1) {
      const token = words[i];
      if (token === undefined) continue;
      if (!isNameWord(token.value)) {
        // `King says ...` after `Billie Jean King`: the surname alone, though a role word, still means that person.
        const named = isSurnameRole(token.value) ? bySurname.get(token.value.toLowerCase()) : undefined;
        if (named?.name.includes(' ') === true && !isCapitalised(words[i + 1]?.value) && !/^(?:the|a|an)$/i.test(words[i - 1]?.value ?? '')) {
          mentions.push({ start: token.start, end: token.end, person: named });
        }
        continue;
      }
      // `Said Ruiz: "..."`, `Continued Lind: "..."`: a verb of saying opening the sentence, before the name it inverts.
      if (i === 0 && isVerbOfSaying(token.value)) continue;
      // `Democrats Ana Ruiz and Tomas Lind`: a party in the plural before a full name is what they are, not a name.
      if (PARTY_PLURAL.test(token.value) && isNameWord(words[i + 1]?.value ?? '') && isNameWord(words[i + 2]?.value ?? '')) continue;
      let j = i;
      const run: string[] = [];
      while (j < words.length && run.length < 4) {
        const word = words[j]?.value ?? '';
        // `Pieter van Leeuwen`: a lower-case particle inside a name, between name words.
        const particle = run.length > 0 && PARTICLE.test(word) && isNameWord(words[j + 1]?.value ?? '');
        if (isNameWord(word) || particle || (/^[A-Z]\.$/.test(word) && run.length > 0)) run.push(word);
        else if (isRoleSurname(run, word, words[j + 1]?.value)) {
          run.push(word);
          j += 1;
          break;
        } else break;
        j += 1;
      }
      // `Harbour Board Delays Ferry Vote`: five capitalised words in a row are a title, not a name.
      if (run.length === 4 && isNameWord(words[j]?.value ?? '')) {
        while (j < words.length && isNameWord(words[j]?.value ?? '')) j += 1;
        i = j - 1;
        continue;
      }
      const isSentenceStart = i === 0;
      const last = words[j - 1];
      if (last === undefined) continue;
      if (run.some(isOrgWord)) {
        i = j - 1;
        continue;
      }
      const surname = (run.at(-1) ?? '').replace(/['’]s?$/, '');
      const before = words[i - 1]?.value.toLowerCase().replace(/\.$/, '') ?? '';
      const titled = ROLE_WORDS.has(before);
      // What follows the name: an appositive (", a resident of", ", 50,", ", president of") or a verb of saying marks a
      // person being introduced or speaking.
      const after = sentence.text.slice(last.end - sentence.start, last.end - sentence.start + 40);
      const introduced =
        /^,\s+(?:a|an|the|who|\d{1,3}\b)/.test(after) ||
        (run.length >= 2 && /^\s+(?:[a-z]+ed|is|was|has|had|will|would|may|might|could|can|must|should|did|does|says|spoke|told|thinks|believes|wants)\b/.test(after)) ||
        /^,\s+[a-z]+\s+(?:of|at|for|with)\b/.test(after) ||
        SPEAKS_NEXT.test(after);
      let person: Person | undefined;
      // `Van Leeuwen said`: a surname with its particle, however capitalised, is a short mention, not a new full name.
      const surnameOnly = run.slice(0, -1).every((w) => PARTICLE.test(w));
      if (run.length >= 2 && !surnameOnly) {
        const name = run.join(' ').replace(/['’]s?$/, '');
        const existing = bySurname.get(surname.toLowerCase());
        // `Lucky Ana Ruiz`, `Nominee Ana Ruiz`: a word before a full name the article already gave is no part of it.
        const tail = run.length >= 3 ? run.slice(1).join(' ').replace(/['’]s?$/, '') : null;
        const known =
          existing?.name === name ? existing : people.find((p) => p.name === name) ?? (existing !== undefined && existing.name === tail ? existing : undefined);
        // A full name refines a surname-only person; a different full name with the same surname is someone else
        // (Trevor and Mary Nicholson), and later surname-only mentions mean the one named last.
        if (known !== undefined) {
          person = known;
          bySurname.set(surname.toLowerCase(), known);
        } else if (isPlaceName(name)) {
          // `Nova Scotia`, `Truro, Nova Scotia`: a place is no person, though it may speak as a government.
          i = j - 1;
          continue;
        } else {
          const created: Person = { name, surname, gender: genderOfGivenName(name), firstAt: token.start, isPerson: false };
          created.isPerson = created.gender !== null;
          if (existing !== undefined && !existing.name.includes(' ')) {
            created.gender ??= existing.gender;
            created.isPerson ||= existing.isPerson;
          }
          person = created;
          bySurname.set(surname.toLowerCase(), person);
          people.push(person);
        }
      } else {
        person = bySurname.get(surname.toLowerCase());
        // `The senator from Ohio said`: a place before a verb of saying is no one introduced (a surname of someone
        // named in full, `Bristol` after `Ana Bristol`, is still that person).
        if (person === undefined && ((titled && !isSentenceStart) || introduced || speaking.has(surname)) && surname.length > 1 && !isPlaceName(surname)) {
          person = { name: surname, surname, gender: null, firstAt: token.start, isPerson: true };
          bySurname.set(surname.toLowerCase(), person);
          people.push(person);
        }
      }
      if (person !== undefined) {
        if (titled || introduced || run.length === 1) person.isPerson = true;
        if (/^(?:mrs|ms|miss|lady|dame|queen|princess|sister)$/.test(before)) person.gender = 'female';
        if (/^(?:mr|sir|lord|king|prince|father)$/.test(before)) person.gender = 'male';
        mentions.push({ start: token.start, end: last.end, person });
        if (!inSentence.includes(person)) inSentence.push(person);
      }
      i = j - 1;
    }
    // Each gendered word (she, her, Mrs, spokeswoman...) is evidence for the nearest person named before it in the
    // sentence, or for the sentence's first person when it comes before any name.
    const own = mentions.slice(firstOwn);
    if (own.length > 0) {
      for (const [pattern, key] of [[FEMALE_CUES, 'female'], [MALE_CUES, 'male']] as const) {
        pattern.lastIndex = 0;
        let cue: RegExpExecArray | null;
        while ((cue = pattern.exec(sentence.text)) !== null) {
          const at = sentence.start + cue.index;
          let owner = own[0]?.person;
          for (const m of own) if (m.end <= at) owner = m.person;
          if (owner === undefined) continue;
          const counts = evidence.get(owner) ?? { male: 0, female: 0 };
          counts[key] += 1;
          evidence.set(owner, counts);
        }
      }
    }
  }
  for (const [person, counts] of evidence) {
    if (person.gender !== null) continue;
    if (counts.female > counts.male) person.gender = 'female';
    else if (counts.male > counts.female) person.gender = 'male';
  }
  // Gender found for a full name also holds for its short form, and the other way round.
  return { people, mentions: mentions.map((m) => ({ ...m, person: canonical(bySurname, m.person) })) };
}

// Lower-case words a heading in Title Case keeps small, and capitalised words that only such a heading has.
const TITLE_SMALL_WORDS = new Set('a an the of in on at for with and or to from by as vs'.split(' '));
const TITLE_FUNCTION_WORDS = new Set(
  'on in at of for to from by with about against into as how why what when where who she he it they we her his its their is are was were be and or but not'.split(' '),
);

// Hoisted for the reason NAME_WORD is: this runs for every word of the sentences that open in capitals.
const LETTER_FIRST = /^\p{L}/u;
const CONTRACTION_END = /^n['’]t$/i;

/**
 * Whether a sentence is a heading in Title Case (`Ana Ruiz On Why The Pier Matters`): four words or more, none in lower
 * case but the small ones, and a capitalised function word after the first, which prose never has.
 */
function isTitleCase(words: readonly Token[]): boolean {
  let count = 0;
  let functionWords = 0;
  for (const word of words) {
    const value = word.value;
    // Punctuation, numbers and the second half of a contraction (`Can` `’t`) say nothing of the case.
    if (!LETTER_FIRST.test(value) || CONTRACTION_END.test(value)) continue;
    count += 1;
    const lower = value.toLowerCase();
    if (value === lower) {
      if (!TITLE_SMALL_WORDS.has(lower)) return false;
    } else if (count > 1 && TITLE_FUNCTION_WORDS.has(lower)) functionWords += 1;
  }
  return count >= 4 && functionWords > 0;
}

/** `Wilson`, `-`, `Raybould` written without spaces are one word, as the name `Wilson-Raybould` is. */
function joinHyphenated(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    const last = out.at(-1);
    const next = tokens[i + 1];
    if (
      token.value === '-' &&
      last !== undefined &&
      next !== undefined &&
      last.end === token.start &&
      token.end === next.start &&
      /^\p{Lu}/u.test(last.value) &&
      /^\p{Lu}/u.test(next.value)
    ) {
      out[out.length - 1] = { start: last.start, end: next.end, value: `${last.value}-${next.value}` };
      i += 1;
      continue;
    }
    out.push(token);
  }
  return out;
}

function canonical(bySurname: Map<string, Person>, person: Person): Person {
  if (person.name.includes(' ')) return person;
  const full = bySurname.get(person.surname.toLowerCase());
  if (full === undefined || full === person) return person;
  full.gender ??= person.gender;
  full.isPerson ||= person.isPerson;
  return full;
}

/** What resolution looks at: the article, its person mentions outside quotes, and its sentences. */
export type MentionIndex = { text: string; mentions: readonly Mention[]; sentences: readonly Sentence[] };

/** The person whose surname is the last word of `name`: the last one named before `at`, else the first one after. */
export function lookup(mentions: readonly Mention[], name: string, at: number): Person | null {
  const surname = name.split(/\s+/).at(-1)?.replace(/['’]s?$/, '').toLowerCase() ?? '';
  let found: Person | null = null;
  for (const mention of mentions) {
    if (mention.person.surname.toLowerCase() === surname) {
      found = mention.person;
      if (mention.start > at) break;
    }
  }
  return found;
}

/**
 * The person a `he`/`she` at `at` refers to: going back sentence by sentence (at most eight), the sentence's first
 * person (its subject, as news sentences name the subject first) when the gender fits or is unknown, else another
 * person of that sentence whose gender fits; an owner named in the possessive only when no one else fits. Names inside
 * quotes do not count.
 */
export function resolvePronoun(ctx: MentionIndex, at: number, gender: 'male' | 'female'): Person | null {
  const bySentence = new Map<number, Person[]>();
  const speakers = new Map<number, Person>();
  const order: number[] = [];
  const same = gender === 'male' ? /\bhe\b/i : /\bshe\b/i;
  const pronounFirst = new Set<number>();
  const owners: Person[] = [];
  for (const mention of ctx.mentions) {
    if (mention.start >= at) break;
    if (!mention.person.isPerson) continue;
    const sentence = sentenceAt(ctx.sentences, mention.start);
    const key = sentence?.index ?? -1;
    if (!bySentence.has(key)) {
      bySentence.set(key, []);
      order.push(key);
      // `Still, he turned down Mr. Varga's offer.`: a sentence whose subject is already `he` names someone else after it.
      if (sentence !== undefined && same.test(ctx.text.slice(sentence.start, mention.start))) pronounFirst.add(key);
    }
    // `Varga’s company built it`: an owner named in the possessive is seldom the subject a later `he` means.
    if (/^['’]s?\b/.test(ctx.text.slice(mention.end, mention.end + 3))) owners.push(mention.person);
    else bySentence.get(key)?.push(mention.person);
    // Someone the sentence has speaking ("Lohmar said", "said Lohmar") is who a following "he said" means.
    const after = ctx.text.slice(mention.end, mention.end + 100);
    const before = ctx.text.slice(Math.max(0, mention.start - 12), mention.start);
    if (SPEAKING_AFTER.test(after) || SPEAKING_BEFORE.test(before)) speakers.set(key, mention.person);
  }
  for (let k = order.length - 1, seen = 0; k >= 0 && seen < 8; k -= 1, seen += 1) {
    const people = bySentence.get(order[k] ?? -1) ?? [];
    const speaking = speakers.get(order[k] ?? -1);
    if (speaking !== undefined && (speaking.gender === gender || speaking.gender === null)) return speaking;
    if (pronounFirst.has(order[k] ?? -1)) continue;
    const subject = people[0];
    if (subject !== undefined && (subject.gender === gender || subject.gender === null)) return subject;
    const match = people.find((p) => p.gender === gender);
    if (match !== undefined) return match;
  }
  return owners.findLast((p) => p.gender === gender || p.gender === null) ?? null;
}

/**
 * The one person the article tied a role to before `at`, by title (`Mayor Ana Ruiz`) or appositive (`Ana Ruiz, the
 * city's mayor`), for a later `the mayor said`; `null` when no one, or more than one person, holds it.
 */
export function personByRole(ctx: MentionIndex, role: string, at: number): Person | null {
  const { titled, appositive, head } = rolePatterns(role);
  const holders = new Set<Person>();
  for (const mention of ctx.mentions) {
    if (mention.start >= at) break;
    const before = ctx.text.slice(Math.max(0, mention.start - 40), mention.start);
    const after = ctx.text.slice(mention.end, mention.end + 60);
    // Most mentions have no word of the role near them: a plain search rules them out before the patterns run.
    if (!before.toLowerCase().includes(head) && !after.toLowerCase().includes(head)) continue;
    if (mention.person.isPerson && mention.person.name.includes(' ') && (titled.test(before) || appositive.test(after))) holders.add(mention.person);
  }
  const [only] = holders;
  return holders.size === 1 && only !== undefined ? only : null;
}

/** The patterns `personByRole` tries for a role; built once per role, as the same few roles come up quote after quote. */
type RolePatterns = { titled: RegExp; appositive: RegExp; head: string };

// Bounded: roles come from the articles' words, and a bot reads new ones every day.
const rolePatternCache = new Map<string, RolePatterns>();
const ROLE_PATTERNS_KEPT = 500;

function rolePatterns(role: string): RolePatterns {
  const cached = rolePatternCache.get(role);
  if (cached !== undefined) return cached;
  const words = role.toLowerCase().split(/\s+/);
  const titled = new RegExp(`\\b${words.join('\\s+')}\\.?\\s+$`, 'i');
  // `Ana Ruiz, the city's mayor`, `Tomas Lind, 54, a harbour engineer`.
  const appositive = new RegExp(`^,\\s+(?:\\d{1,3},\\s+)?(?:the|a|an)?\\s*(?:[\\p{L}'’\\-]+\\s+){0,3}?${words.join('\\s+')}\\b`, 'iu');
  const patterns = { titled, appositive, head: words.at(-1) ?? '' };
  if (rolePatternCache.size >= ROLE_PATTERNS_KEPT) rolePatternCache.clear();
  rolePatternCache.set(role, patterns);
  return patterns;
}
