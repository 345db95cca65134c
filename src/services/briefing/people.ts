/** Finds the people an article names and where it mentions them. */
import { genderCues, genderOfGivenName, type Gender } from './gender.js';
import { isNameWord, isOrgWord, isRoleSurname, isSurnameRole, PARTICLE, PARTY_PLURAL, ROLE_WORDS } from './name-words.js';
import type { Token } from './nlp.js';
import { isPlaceName } from './places.js';
import { isVerbOfSaying } from './say-verbs.js';
import type { Sentence } from './segment.js';
import { startsWithCapital } from './text-scan.js';

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
  // `Mrs Lind` beside `Tomas Lind`: family members known only by title and surname, by how the article names them.
  const relatives = new Map<string, Person>();
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
        if (named?.name.includes(' ') === true && !startsWithCapital(words[i + 1]?.value ?? '') && !/^(?:the|a|an)$/i.test(words[i - 1]?.value ?? '')) {
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
        else if (isRoleSurname([words[i - 1]?.value ?? '', ...run], word, words[j + 1]?.value)) {
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
      // `Shocked Ana Ruiz, 79, was ...`: a participle opening a sentence before a full name describes the person.
      if (isSentenceStart && run.length >= 3 && /^\p{Lu}\p{Ll}+(?:ed|ing)$/u.test(run[0] ?? '') && genderOfGivenName(run[0] ?? '') === null && genderOfGivenName(run[1] ?? '') !== null) {
        run.shift();
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
        // `Mrs Lind said` after `Tomas Lind`: a title of the other gender than the given name is another of the family,
        // named as the article names her.
        const titledGender = HONORIFIC_GENDER.get(before) ?? null;
        const givenGender = person === undefined ? null : genderOfGivenName(person.name);
        if (person !== undefined && titledGender !== null && givenGender !== null && givenGender !== titledGender) {
          const key = `${words[i - 1]?.value ?? before} ${surname}`;
          person = relatives.get(key) ?? { name: key, surname, gender: titledGender, firstAt: token.start, isPerson: true };
          if (!relatives.has(key)) people.push(person);
          relatives.set(key, person);
        }
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
      for (const cue of genderCues(sentence.text)) {
        const at = sentence.start + cue.index;
        let owner = own[0]?.person;
        for (const m of own) if (m.end <= at) owner = m.person;
        if (owner === undefined) continue;
        const counts = evidence.get(owner) ?? { male: 0, female: 0 };
        counts[cue.gender] += 1;
        evidence.set(owner, counts);
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
      startsWithCapital(last.value) &&
      startsWithCapital(next.value)
    ) {
      out[out.length - 1] = { start: last.start, end: next.end, value: `${last.value}-${next.value}` };
      i += 1;
      continue;
    }
    out.push(token);
  }
  return out;
}

// Titles that say a person's gender, as the lower-case word before a name.
const HONORIFIC_GENDER = new Map<string, Gender>([
  ...['mrs', 'ms', 'miss', 'lady', 'dame'].map((t) => [t, 'female'] as const),
  ...['mr', 'sir', 'lord'].map((t) => [t, 'male'] as const),
]);

function canonical(bySurname: Map<string, Person>, person: Person): Person {
  if (person.name.includes(' ')) return person;
  const full = bySurname.get(person.surname.toLowerCase());
  if (full === undefined || full === person) return person;
  full.gender ??= person.gender;
  full.isPerson ||= person.isPerson;
  return full;
}
