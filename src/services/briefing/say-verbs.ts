/** The verbs of saying and the shapes of an attribution clause (`, she said.`), shared by quote grouping and attribution. */

// Verbs that introduce speech, each in its -s, -ed and -ing forms (irregular forms listed as they are).
const SAY_BASES =
  'add admit acknowledge agree announce argue ask assert boast caution claim comment complain concede conclude confirm ' +
  'continue counter declare demand deny describe disagree echo emphasize emphasise explain insist joke label laugh mention ' +
  'muse note observe plead post predict promise quip recall recount reiterate remark repeat reply report respond say ' +
  'shout state stress suggest testify text tweet urge vow warn whisper wonder write yell call brand dub term charge ' +
  'characterize characterise summarize summarise slam blast praise accuse hope believe think feel fear insist tell share email ' +
  'criticize criticise condemn hail decry denounce deride lambaste mock dismiss retort crow scold snap sniff chant ' +
  'exclaim concur caution plead quote cite blurt chime';
const IRREGULAR = 'said says told tells wrote written thought felt knew';
function sayForms(): string[] {
  const forms = new Set<string>(IRREGULAR.split(/\s+/));
  for (const base of SAY_BASES.split(/\s+/)) {
    const stem = base.endsWith('e') ? base.slice(0, -1) : base;
    // Bare forms such as "report", "post" or "state" are nouns as often as verbs; only unambiguous ones are kept.
    if (/^(?:say|tell|add|ask|warn|argue|insist|explain|believe|think|write|agree|admit|note|quip|joke)$/.test(base)) forms.add(base);
    forms.add(/(?:s|sh|ch|x)$/.test(base) ? `${base}es` : /[^aeiou]y$/.test(base) ? `${base.slice(0, -1)}ies` : `${base}s`);
    forms.add(/[^aeiou]y$/.test(base) ? `${base.slice(0, -1)}ied` : base.endsWith('e') ? `${base}d` : `${base}ed`);
    forms.add(`${stem}ing`);
    // quipped, admitting, labelled: a final consonant doubles before -ed and -ing.
    if (/^(?:dub|label|admit|quip|snap|slam|concur)$/.test(base)) {
      forms.add(`${base}${base.at(-1) ?? ''}ed`);
      forms.add(`${base}${base.at(-1) ?? ''}ing`);
    }
  }
  for (const multi of ['went on', 'goes on', 'pointed out', 'summed up', 'labeled']) forms.add(multi);
  return [...forms].sort((a, b) => b.length - a.length);
}
const SAY_FORMS = sayForms();
export const SAY = SAY_FORMS.join('|');
const SAY_FORM_SET = new Set(SAY_FORMS);

/** Whether `word` (in any case) is a form of a verb of saying: `Said`, `continued`, `Explains`. */
export function isVerbOfSaying(word: string): boolean {
  return SAY_FORM_SET.has(word.toLowerCase());
}
const SAY_ING = new Set(SAY_FORMS.filter((form) => form.endsWith('ing')));
/** Whether `word` (any case) is the participle of a verb of saying: `Noting`, `adding`. */
export function isSayingParticiple(word: string): boolean {
  return SAY_ING.has(word.toLowerCase());
}
export const SAY_WORD = new RegExp(`\\b(?:${SAY})\\b`, 'g');
// `Ginsburg's comments`, `his remarks`, `the claims`: after a possessive or a determiner a verb form is a noun.
const NOUN_BEFORE = /(?:['’]s?|\b(?:the|a|an|his|her|its|their|our|my|your|these|those))\s+$/i;

/** Where the verbs of saying of `body` start, leaving out the verb forms used as nouns. */
export function verbsOfSaying(body: string): number[] {
  const at: number[] = [];
  SAY_WORD.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = SAY_WORD.exec(body)) !== null) {
    if (!NOUN_BEFORE.test(body.slice(Math.max(0, match.index - 40), match.index))) at.push(match.index);
  }
  return at;
}
const SECOND_VERB = new RegExp(`\\b(?:and|but|while|before)\\s+(?:(?:he|she|they|we|it)\\s+)?(?:then\\s+|also\\s+|later\\s+|\\w+ly\\s+)?(?:${SAY})\\b`);

/**
 * `"A" and she told the board "B"`, `"A," telling reporters that it is "B"`: a second verb of saying between two
 * quoted parts, finite after a conjunction or a participle anywhere, starts a second quote.
 */
export function hasSecondVerb(between: string): boolean {
  if (SECOND_VERB.test(between)) return true;
  // Participles are looked up by word: one regular expression of them all would be tried at every position.
  for (const word of between.match(/\b[a-z]+ing\b/g) ?? []) if (SAY_ING.has(word)) return true;
  return false;
}
export const SPEAKING_AFTER = new RegExp(`^['’]?s?\\s*(?:,[^,]{1,90},\\s*)?(?:also\\s+|later\\s+)?(?:${SAY})\\b`);
export const SPEAKING_BEFORE = new RegExp(`\\b(?:${SAY})\\s+$`);

/** Is the text between two quoted parts nothing but an attribution (`, she said. ` / ` Kallas told X in an interview. `)? */
export function isAttributionOnly(between: string): boolean {
  const words = between.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 60) return false;
  // One clause only: no sentence ends inside it.
  if (/[.!?]\s+\S/.test(between.trim().replace(ABBREVIATION, ''))) return false;
  SAY_WORD.lastIndex = 0;
  return (SAY_WORD.test(between) || /\baccording to\b/.test(between)) && /^[\s,.;:—–-]*\S/.test(between);
}

// `Lind’s lawyer`, `Lind’s chief spokesman`: a possessive and who speaks for its owner come first.
const NAME_PHRASE = String.raw`((?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}.'’\-]*['’]s\s+(?:\p{Ll}[\p{Ll}\-]+\s+)?\p{Ll}[\p{Ll}\-]+|(?:[\p{L}\d.'’\-]+[ ,]+){0,10}?\p{Lu}[\p{L}.'’\-]+|he|she|He|She|it|It|I|we|they|(?:[Tt]he|[Aa]n?)\s+[\p{L}\d'’\- ]{2,60}?\p{Ll}|\p{Ll}[\p{Ll}'’\- ]{2,60}?)`;
export const AFTER_VERB_FIRST = new RegExp(String.raw`^[\s,—–-]*(?:${SAY})\s+(?=\S)`, 'u');
export const AFTER_NAME_FIRST = new RegExp(
  String.raw`^[\s,—–-]*${NAME_PHRASE}(?:,[^,]{1,90},|,)?\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|would\s+|previously\s+|once\s+|recently\s+|is quoted as\s+|was quoted as\s+)?(?:${SAY})\b`,
  'u',
);

// Titles, initials, `No.`, months (`at the Dec. 12 briefing`), units after a number (`16 lbs.`) and `etc.`: their full
// stop ends no sentence.
export const ABBREVIATED = String.raw`\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|Lt|Col|Sgt|Rev|St|Jr|Sr|Prof|Capt|Cmdr|Supt|Insp|Det|Const|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|\d+\s?(?:lbs?|kg|km|oz|ft|mi|cm|mm)|etc|approx|vs)`;
export const ABBREVIATION = new RegExp(`${ABBREVIATED}\\.`, 'g');
/** The end of a sentence: a full stop, `?` or `!` before a space, where a title's full stop (`Sen. Ana Ruiz`) ends none. */
export const SENTENCE_END = new RegExp(`(?<!${ABBREVIATED})[.!?](?=\\s)`);
/** Everything up to the start of the last sentence, where a title's full stop (`Sen. Ana Ruiz`) ends none. */
export const BEFORE_LAST_SENTENCE = new RegExp(`^.*(?<!${ABBREVIATED})[.!?]\\s+`);

