/** Which capitalised words can be part of a personal name, and which are roles, titles or organisations instead. */
import { genderOfGivenName } from './gender.js';
import { startsWithCapital } from './text-scan.js';

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
const SURNAME_ROLES = new Set('king prince bishop judge marshal chancellor major mayor head'.split(' '));

/** Whether `word` is a capitalised role word that is also a surname (`King`, not `king` or `KING`). */
export function isSurnameRole(word: string): boolean {
  const first = word.charCodeAt(0);
  return first >= 65 && first <= 90 && SURNAME_ROLES.has(word.toLowerCase()) && word.slice(1) === word.slice(1).toLowerCase();
}

/**
 * Whether `word`, a role word, is the surname of the name that closes `run`, the words before it: nothing capitalised
 * follows, and that name holds a known given name or itself follows a role (`Billie Jean King said`, `club president
 * Edmund King said`, `Judge Philip Head said`; not `Judge Ana Ruiz`, a role before a name).
 */
export function isRoleSurname(run: readonly string[], word: string, next: string | undefined): boolean {
  if (!isSurnameRole(word) || startsWithCapital(next ?? '')) return false;
  const names: string[] = [];
  let k = run.length - 1;
  for (; k >= 0 && names.length < 3 && isNameWord(run[k] ?? ''); k -= 1) names.push(run[k] ?? '');
  if (names.length === 0) return false;
  return names.some((w) => genderOfGivenName(w) !== null) || ROLE_WORDS.has((run[k] ?? '').toLowerCase().replace(/\.$/, ''));
}

export const PARTY_PLURAL = /^(?:Democrats|Republicans|Conservatives|Liberals|Independents|Progressives|Socialists|Tories)$/;

/** Particles of a surname (`van`, `de`, `bin`), in any case. */
export const PARTICLE = /^(?:van|von|de|der|den|da|di|du|le|la|del|della|bin|al|ibn|el)$/i;

/**
 * People in the plural who speak as a group (`Sources said`, `critics who say`) and are never part of a name (not the
 * plurals that also name bodies, `United Auto Workers`, `Ontario Nurses`: see `sentence-subject.ts`).
 */
export const GROUP_PLURALS = (
  'sources witnesses residents critics experts analysts authorities investigators researchers prosecutors protesters ' +
  'activists organizers organisers campaigners neighbours neighbors locals villagers supporters opponents observers ' +
  'lawmakers legislators aides'
).split(' ');

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
    'republican democrat democratic independent conservative liberal progressive socialist ' +
    // A group in the plural opening a sentence (`Sources said`, `Witnesses told`) speaks as a group, never as a person a
    // later `she said` could mean.
    GROUP_PLURALS.join(' ')
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

// Not the Nordic surnames in -qvist, -kvist and -quist (`Lindqvist`, `Bloomquist`).
const ROLE_NOUN_END = /^(?!\p{Ll}*(?:qv|kv|qu)ist$)\p{Ll}{5,}(?:ist|ator|ician)$/u;
const SENTENCE_ADVERB_END = /(?:ingly|ously|ently|antly|ably|ibly|edly|ively|fully|lessly|ainly|ically|ually|ionally)$/;
// Hoisted because tsx (esbuild) turns a `\p{...}` regex literal into a `new RegExp` where it stands, and this check runs
// for every capitalised token.
const NAME_WORD = /^\p{Lu}[\p{L}'’\-.]*$/u;
const ACRONYM = /^\p{Lu}{2,}$/u;

// Bounded: words come from the articles, and a bot reads new ones every day.
const nameWords = new Map<string, boolean>();
const NAME_WORDS_KEPT = 20_000;

/** Is `word` a capitalised word that can be part of a personal name? */
export function isNameWord(word: string): boolean {
  const first = word.charCodeAt(0);
  if (first < 128 && (first < 65 || first > 90)) return false; // not a capital: most words
  // findPeople asks again for every word it looks ahead to, and an article repeats its names: the answer is kept.
  let known = nameWords.get(word);
  if (known === undefined) {
    known = canBeName(word);
    if (nameWords.size >= NAME_WORDS_KEPT) nameWords.clear();
    nameWords.set(word, known);
  }
  return known;
}

/** `isNameWord` for a word that starts with an ASCII capital or a character beyond ASCII. */
function canBeName(word: string): boolean {
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
    const isParticle = PARTICLE.test(word) && start < end;
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

