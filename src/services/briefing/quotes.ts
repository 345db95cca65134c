import { findPeople, isNameWord, isOrgWord, splitRoleAndName, ROLE_WORDS, type Mention, type Person } from './people.js';
import { segmentArticle, type Line, type Segmentation, type Sentence } from './segment.js';
import type { ArticleText, Quote, Span } from './types.js';

/** A quoted passage between one pair of quote marks (without the marks). */
type Part = Span & { line: number; open: number; close: number | null };

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
    if (/^(?:say|tell|add|ask|warn|argue|insist|explain|believe|think|write|agree|admit|note)$/.test(base)) forms.add(base);
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
const SAY = SAY_FORMS.join('|');
const SAY_ING = new Set(SAY_FORMS.filter((form) => form.endsWith('ing')));
const DOCUMENT_FROM =
  /^(?:a|an|the|in a|in an)\s+(?:statement|release|news release|press release|report|email|e-mail|letter|post|tweet)\s+(?:from|by|issued by)\s+(.+)$/i;
const SAY_WORD = new RegExp(`\\b(?:${SAY})\\b`, 'g');
// `Ginsburg's comments`, `his remarks`, `the claims`: after a possessive or a determiner a verb form is a noun.
const NOUN_BEFORE = /(?:['’]s?|\b(?:the|a|an|his|her|its|their|our|my|your|these|those))\s+$/i;

/** Where the verbs of saying of `body` start, leaving out the verb forms used as nouns. */
function verbsOfSaying(body: string): number[] {
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
function hasSecondVerb(between: string): boolean {
  if (SECOND_VERB.test(between)) return true;
  // Participles are looked up by word: one regular expression of them all would be tried at every position.
  for (const word of between.match(/\b[a-z]+ing\b/g) ?? []) if (SAY_ING.has(word)) return true;
  return false;
}

const SPEAKING_AFTER = new RegExp(`^['’]?s?\\s*(?:,[^,]{1,90},\\s*)?(?:also\\s+|later\\s+)?(?:${SAY})\\b`);
const SPEAKING_BEFORE = new RegExp(`\\b(?:${SAY})\\s+$`);
const NAME_RUN = String.raw`((?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}'’\-]+)`;
// `explained Lindqvist, "..."` and `pollster Oren Halvik: "..."`: a name that introduces the quote right before it.
const INTRODUCED_BY = new RegExp(String.raw`(?:\b(${SAY})\s+${NAME_RUN}\s*[,:]|(?<![\p{L}\d])${NAME_RUN}\s*:)\s*$`, 'u');
const PRONOUN = /^(?:he|she|He|She)$/;
// `a longtime supporter`, `the contender`: a noun for a person by its ending or its word.
const PERSON_NOUN_END =
  /(?:er|or|ist|ian|ant|ent|man|woman|person|candidate|nominee|aide|host|hopeful|contender|incumbent|tycoon|mogul|veteran|chief|native|colleague|ally|rival|partner)s?$/;
const NOMINAL_HEAD =
  /\b(?:officials?|utility|spokes(?:man|woman|person|people)|police|ministry|department|government|researchers?|critics?|experts?|analysts?|residents?|lawyers?|attorneys?|prosecutors?|report|statement|study|survey|commission|agency|company|office|court|judge|doctors?|witness(?:es)?|authorities|sources?|source|officers?|members?|citizens?|submission|organizers?|organisers?|campaigners?|activists?|protesters?|parents?|friends?|neighbou?rs?|family|relatives?|staff|employees?|workers?|union|group|website|memo|email|letter|document|filing|judgment|ruling|campaign|party|team|club|board|council|committee|article|piece|book|post|tweet)\b/i;

/** What attribution looks at: person mentions outside quotes, every mention (for surnames), and the sentences. */
type Context = {
  text: string;
  mentions: readonly Mention[];
  all: readonly Mention[];
  sentences: readonly Sentence[];
  /** People already credited with a quote, in article order so far. */
  speakers: Set<Person>;
  /** Organisations already credited with a quote (`BC Hydro said`), with where, for a later `it said`. */
  organisations: Array<{ name: string; at: number }>;
};

type Attribution = { speaker: string | null; role: string | null; person: Person | null; pronoun: boolean };

/** A speaker that is not a person the article names: an organisation, an office, a description. */
function unnamedSpeaker(speaker: string): Attribution {
  return { speaker, role: null, person: null, pronoun: false };
}

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

const SMALL_WORDS = new Set('a an the of in on at for with and or to from by is are be as vs'.split(' '));

/** Title Case throughout and short: the name of a show, book, law or campaign. */
function isTitleLike(quoted: string): boolean {
  const words = quoted.replace(/[.,!?;:…]+$/, '').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 8) return false;
  const content = words.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  if (content.length === 0 || content.length === 1 && words.length === 1 && !/^\p{Lu}/u.test(words[0] ?? '')) return false;
  if (words.length === 1) return false;
  return content.every((w) => /^[\p{Lu}\d]/u.test(w)) && /^[\p{Lu}\d]/u.test(words[0] ?? '');
}

/** `on "Harbour Hour,"`, `told KTV's "Morning Tide"`, `titled "Undertow"`: the name of a show or work. */
function namesAWork(text: string, part: Part): boolean {
  const before = text.slice(Math.max(0, part.open - 60), part.open);
  return /\b(?:on|in|to|with|at|from|titled|entitled|called|named)\s+(?:\p{Lu}[\p{L}.&\-]*\s+){0,3}(?:\p{Lu}[\p{L}.&\-]*['’]s\s+)?$/u.test(before) || /\b(?:told|tells|telling)\s+(?:\p{Lu}[\p{L}.&\-]*\s+){0,3}\p{Lu}[\p{L}.&\-]*['’]s\s+$/u.test(before);
}

const SPOKEN_RIGHT_AFTER = new RegExp(`^[\\s,]*(?:(?:\\S+\\s+){0,3})(?:${SAY})\\b`);

function spokenRightAfter(text: string, part: Part): boolean {
  const after = text.slice((part.close ?? part.end) + 1, (part.close ?? part.end) + 60);
  return SPOKEN_RIGHT_AFTER.test(after);
}

function lineStart(lines: readonly Line[], part: Part): number {
  const line = lines[part.line];
  return line === undefined ? -1 : line.start + 1;
}

/** The last sentence starting at or before `offset + 1` (binary search; sentences are in article order). */
function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  let found: Sentence | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const sentence = sentences[mid] as Sentence;
    if (sentence.start <= offset + 1) {
      found = sentence;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const DOUBLE_OPEN = new Set(['“', '"', '„', '«']);
const DOUBLE_CLOSE = new Set(['”', '"', '»']);

const DOUBLE_MARKS = new Set(Array.from([...DOUBLE_OPEN, ...DOUBLE_CLOSE], (c) => c.charCodeAt(0)));

function usesSingleMarks(text: string, lines: readonly Line[]): boolean {
  let doubles = 0;
  let singles = 0;
  for (const line of lines) {
    for (let i = line.start; i < line.end; i += 1) {
      const c = text.charCodeAt(i);
      // Every double mark but `"` lies above U+00AA: one comparison settles most characters.
      if (c === 34 || (c > 0xaa && DOUBLE_MARKS.has(c))) doubles += 1;
      else if ((c === 0x2018 || c === 39) && isOpeningPosition(text, i, line)) singles += 1;
    }
  }
  return doubles < 2 || singles >= 4 * doubles;
}

function isOpeningPosition(text: string, i: number, line: Line): boolean {
  const before = i > line.start ? text.charAt(i - 1) : ' ';
  const after = text.charAt(i + 1);
  if (!/[\s(\[—–\-:;,/]/.test(before)) return false;
  if (!/[A-Za-z0-9\[.…(¡¿$£€]/.test(after)) return false;
  // '90s, 'em, 'n' are elisions, not quotes.
  if (/^\d\ds\b/.test(text.slice(i + 1, i + 5)) || /^(?:em|n|til|cause)\b/i.test(text.slice(i + 1, i + 7))) return false;
  return true;
}

function isClosingPosition(text: string, i: number, end: number): boolean {
  const before = text.charAt(i - 1);
  const after = i + 1 < end ? text.charAt(i + 1) : ' ';
  return /\S/.test(before) && !/[A-Za-z0-9]/.test(after);
}

/** Quoted passages of one story line. An unclosed passage runs to the end of the line. */
function scanLine(text: string, line: Line, single: boolean): Part[] {
  const parts: Part[] = [];
  let open: number | null = null;
  for (let i = line.start; i < line.end; i += 1) {
    const ch = text.charAt(i);
    if (!single) {
      if (ch === '"') {
        if (open === null) {
          if (/\S/.test(text.charAt(i + 1) || ' ') && i + 1 < line.end) open = i;
        } else {
          push(parts, text, line, open, i);
          open = null;
        }
      } else if (ch === '“' || ch === '„' || ch === '«') {
        if (open !== null) push(parts, text, line, open, null, i);
        open = i;
      } else if (ch === '”' || ch === '»') {
        if (open !== null) {
          push(parts, text, line, open, i);
          open = null;
        }
      }
    } else if (ch === '‘' || ch === "'") {
      if (open === null) {
        if (isOpeningPosition(text, i, line)) open = i;
      } else if (isClosingPosition(text, i, line.end)) {
        push(parts, text, line, open, i);
        open = null;
      }
    } else if (ch === '’' && open !== null && isClosingPosition(text, i, line.end)) {
      push(parts, text, line, open, i);
      open = null;
    }
  }
  if (open !== null) push(parts, text, line, open, null);
  return parts;
}

function push(parts: Part[], text: string, line: Line, open: number, close: number | null, stop?: number): void {
  let start = open + 1;
  let end = close ?? stop ?? line.end;
  while (start < end && /\s/.test(text.charAt(start))) start += 1;
  while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
  if (end <= start || !/[A-Za-z0-9]/.test(text.slice(start, end))) return;
  // An unclosed mark in mid-line is a stray, not a quote, unless it opens the paragraph (a quote that runs on into
  // the next paragraph; see groupParts) or the words after an attribution that broke a quote (`"A," she said. "B.`):
  // a writer who forgets the closing mark there still quotes to the end of the paragraph.
  if (close === null && open !== line.start && !resumesAfterAttribution(text, parts.at(-1), line, open)) return;
  parts.push({ start, end, line: line.index, open, close });
}

function resumesAfterAttribution(text: string, prev: Part | undefined, line: Line, open: number): boolean {
  return prev !== undefined && prev.line === line.index && prev.close !== null && isAttributionOnly(text.slice(prev.close + 1, open));
}

/**
 * Joins parts into quotes: the partial quotes of one reporter's sentence are one quote, a paragraph whose quote is left
 * open continues with the next paragraph's opening quote, and two full-sentence parts of one paragraph separated only
 * by an attribution, however long, are one quote.
 */
function groupParts(text: string, parts: readonly Part[], seg: Segmentation): Part[][] {
  const { lines, sentences } = seg;
  const groups: Part[][] = [];
  for (const part of parts) {
    const group = groups.at(-1);
    const prev = group?.at(-1);
    if (group !== undefined && prev !== undefined) {
      // `Tapper called it "unethical" and "horrifying."`: the partial quotes of one reporter's sentence are one quote.
      const first = group[0] as Part;
      const sentence = sentenceAt(sentences, first.open);
      // A title in quote marks ("Meet the Press") is not part of anyone's words.
      if (
        prev.line === part.line &&
        sentence !== undefined &&
        sentenceAt(sentences, part.open) === sentence &&
        isPartial(text, first, sentence) &&
        !isTitleLike(text.slice(prev.start, prev.end)) &&
        !isTitleLike(text.slice(part.start, part.end)) &&
        // `calling her "slow" and accusing her of being "careless"`: a second verb of saying starts a second quote.
        !hasSecondVerb(text.slice((prev.close ?? prev.end) + 1, part.open))
      ) {
        group.push(part);
        continue;
      }
      const nextLine = nextStoryLine(lines, prev.line);
      // A quote resumed after its attribution (`"A," she said. "B.`) has its speaker already: a next paragraph's part
      // with an attribution of its own starts a new quote rather than going on with it.
      const resumed = prev.open !== lines[prev.line]?.start && group.length > 1;
      if (prev.close === null && nextLine === part.line && part.open === lines[part.line]?.start && !(resumed && hasOwnAttribution(text, lines, part))) {
        group.push(part);
        continue;
      }
      if (continuesBrokenQuote(text, lines, prev, part)) {
        group.push(part);
        continue;
      }
      // `"A," she said on KTV's "Harbour Hour." "B."`: a show named in the attribution does not end the quote.
      const before = groups.at(-2)?.at(-1);
      const afterTitle = group.length === 1 && prev.line === part.line && isTitleLike(text.slice(prev.start, prev.end));
      if (afterTitle && before !== undefined && continuesBrokenQuote(text, lines, before, part)) {
        groups.at(-2)?.push(part);
        continue;
      }
    }
    groups.push([part]);
  }
  return groups;
}

/**
 * Is `part` the second half of a quote that an attribution broke after `prev`, in the same paragraph (`"A," she said.
 * "B."`)? The text between must be one clause of attribution, and `part` must not carry an attribution of its own.
 */
function continuesBrokenQuote(text: string, lines: readonly Line[], prev: Part, part: Part): boolean {
  if (prev.line !== part.line || prev.close === null) return false;
  const between = text.slice(prev.close + 1, part.open);
  const prevText = text.slice(prev.start, prev.end);
  // The second part must open a clause of its own (`, she said. "B."`, `, she said, "B"`), not finish the
  // reporter's clause (`, adding that the permits were granted "like favours."`).
  // `"A," she said. "B," she said.`: a part with an attribution of its own is a quote of its own.
  return (
    isAttributionOnly(between) &&
    !hasOwnAttribution(text, lines, part) &&
    /[,.!?…—–-]['’"”]*$/.test(prevText) &&
    // `The deal "puts lenders first," Berg wrote. "B."`: a lead-in that the attribution breaks at a comma goes on.
    (prev.open === startOfClause(text, lines, prev) || (/,['’"”]*$/.test(prevText) && !isTitleLike(prevText))) &&
    /[.,:;!?—–]['’"”]*\s*$/.test(between)
  );
}

/** `"B," she said`: the part is followed by an attribution of its own. */
function hasOwnAttribution(text: string, lines: readonly Line[], part: Part): boolean {
  if (part.close === null) return false;
  const own = text.slice(part.close + 1, Math.min(part.close + 120, lines[part.line]?.end ?? text.length));
  return AFTER_VERB_FIRST.test(own) || AFTER_NAME_FIRST.test(own);
}

function nextStoryLine(lines: readonly Line[], index: number): number {
  for (let i = index + 1; i < lines.length; i += 1) if (lines[i]?.kind === 'story') return i;
  return -1;
}

function startOfClause(text: string, lines: readonly Line[], part: Part): number {
  const line = lines[part.line];
  if (line === undefined) return -1;
  const before = text.slice(line.start, part.open).replace(/\s+$/, '');
  if (before.length === 0 || /[.!?:…"”’]$/.test(before)) return part.open;
  return -1;
}

/** Is the text between two quoted parts nothing but an attribution (`, she said. ` / ` Kallas told X in an interview. `)? */
function isAttributionOnly(between: string): boolean {
  const words = between.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 60) return false;
  // One clause only: no sentence ends inside it.
  if (/[.!?]\s+\S/.test(between.trim().replace(ABBREVIATION, ''))) return false;
  SAY_WORD.lastIndex = 0;
  return (SAY_WORD.test(between) || /\baccording to\b/.test(between)) && /^[\s,.;:—–-]*\S/.test(between);
}

/** Partial: the quote opens inside a reporter's sentence rather than at its start or after `said:` / `said,`. */
function isPartial(text: string, part: Part, sentence: Sentence | undefined): boolean {
  const from = sentence?.start ?? part.open;
  const before = text.slice(Math.min(from, part.open), part.open).trim();
  if (before.length === 0) return false;
  if (/[:]$/.test(before)) return false;
  if (/,$/.test(before) && /^[A-Z]/.test(text.charAt(part.start))) {
    SAY_WORD.lastIndex = 0;
    if (SAY_WORD.test(before.split(/\s+/).slice(-4).join(' '))) return false;
  }
  return true;
}

/** The attribution of a quote: after a part (`," she said`, `," said Trump`), else before it in its sentence. */
function attribute(text: string, group: readonly Part[], seg: Segmentation, ctx: Context, partial = false): Attribution | null {
  for (const part of group) {
    if (part.close === null) continue;
    // `Japan branded it an "outlaw nation." Russia insisted ...`: a partial quote that ends the reporter's sentence is
    // followed by the next sentence, whose subject is not the speaker.
    if (partial && /[.!?…]['’"”]*$/.test(text.slice(part.start, part.end)) && /^\s*\p{Lu}/u.test(clauseAfter(text, part, seg.lines))) continue;
    // `critics say it hires a "broker" to run the ferries, Lindqvist says`: a partial quote in mid-clause is not
    // followed by its attribution; only one that closes its clause (`"a disaster," Berg said`) can be.
    if (partial && !/[,!?—–-]['’"”]*$/.test(text.slice(part.start, part.end)) && !/^\s*[,—–]/.test(clauseAfter(text, part, seg.lines))) continue;
    const found = attributeAfter(text, part, seg, ctx);
    if (found !== null) return found;
  }
  const first = group[0];
  if (first === undefined) return null;
  // `Varga and Berg "were cautious" next to the mayor, Ortega said.`: a partial quote's sentence that ends by
  // naming who said it outranks the names before the quote.
  if (partial) return attributeAtSentenceEnd(text, group, seg, ctx) ?? attributeBefore(text, first, seg, ctx);
  return attributeBefore(text, first, seg, ctx) ?? attributeAtSentenceEnd(text, group, seg, ctx);
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
    const nameFirst = /,\s+((?:[\p{Lu}][\p{L}.'’\-]*\s+){0,3}[\p{Lu}][\p{L}'’\-]+|[Tt]he\s+[\p{L}'’\- ]{2,40}?|it)\s+(?:said|says|added)(?:\s+(?:on|in|at|during|last|this|yesterday|today|later|earlier|\p{Lu}\p{Ll}+day)\b[^,;:]{0,30})?[.!?]?\s*$/u.exec(rest);
    if (nameFirst?.[1] === undefined) return null;
    const at = last.close + 1 + (nameFirst.index ?? 0);
    return nameFirst[1] === 'it' ? organisationSpeaking(ctx, at) : resolvePhrase(nameFirst[1], at, ctx);
  }
  const phrase = leadingPhrase(trailing[1]);
  const found = resolvePhrase(phrase, last.close + 1 + (trailing.index ?? 0), ctx);
  return found === null ? null : withAppositiveRole(found, trailing[1].slice(trailing[1].indexOf(phrase) + phrase.length));
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

const NAME_PHRASE = String.raw`((?:[\p{L}\d.'’\-]+[ ,]+){0,10}?\p{Lu}[\p{L}.'’\-]+|he|she|He|She|it|It|I|we|they|(?:[Tt]he|[Aa]n?)\s+[\p{L}\d'’\- ]{2,60}?\p{Ll}|\p{Ll}[\p{Ll}'’\- ]{2,60}?)`;
const AFTER_VERB_FIRST = new RegExp(String.raw`^[\s,—–-]*(?:${SAY})\s+(?=\S)`, 'u');
const AFTER_NAME_FIRST = new RegExp(
  String.raw`^[\s,—–-]*${NAME_PHRASE}(?:,[^,]{1,90},|,)?\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+|would\s+|previously\s+|once\s+|recently\s+|is quoted as\s+|was quoted as\s+)?(?:${SAY})\b`,
  'u',
);
// `” ― Ana Ruiz. Getty Images`: the credit is a name (initials allowed) and ends where its sentence ends.
const DASH_CREDIT = /^\s*[―—–-]\s*(\p{Lu}[\p{L}'’\-]*(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’\-]*))*)/u;

function attributeAfter(text: string, part: Part, seg: Segmentation, ctx: Context): Attribution | null {
  const rest = clauseAfter(text, part, seg.lines);
  const at = (part.close ?? part.end) + 1;
  const verbFirst = AFTER_VERB_FIRST.exec(rest);
  if (verbFirst !== null) {
    const tail = rest.slice(verbFirst[0].length);
    const phrase = leadingPhrase(tail);
    const resolved = resolvePhrase(phrase, at, ctx);
    if (resolved !== null) return withAppositiveRole(resolved, tail.slice(tail.indexOf(phrase) + phrase.length));
  }
  const nameFirst = AFTER_NAME_FIRST.exec(rest);
  // `"...," it said.`: the organisation named or quoted last (only right after a quote, where `it` is a speaker).
  if (nameFirst?.[1] !== undefined && /^it$/i.test(nameFirst[1])) return organisationSpeaking(ctx, at);
  if (nameFirst?.[1] !== undefined) {
    const resolved = resolvePhrase(nameFirst[1], at, ctx);
    if (resolved !== null) return withAppositiveRole(resolved, rest.slice(nameFirst.index + nameFirst[0].indexOf(nameFirst[1]) + nameFirst[1].length));
  }
  const dash = DASH_CREDIT.exec(rest);
  if (dash?.[1] !== undefined) {
    const resolved = resolvePhrase(dash[1].trim(), at, ctx);
    if (resolved !== null && resolved.person !== null) return resolved;
  }
  return null;
}

/**
 * `said Tomas Adeyemi, the port's operations director`: the appositive right after a named speaker is their role, kept
 * as written, when the name came without one.
 */
function withAppositiveRole(found: Attribution, after: string): Attribution {
  if (found.role !== null || found.pronoun || found.speaker === null || !/^\p{Lu}/u.test(found.speaker)) return found;
  const protectedText = after.replace(ABBREVIATION, (m) => m.replace('.', '\u0000'));
  const appositive = /^\s*,\s*((?:the|a|an)\s+[^,.;:!?()"“”—–]{2,80}?)\s*(?:[,.;!?—–]|$)/u.exec(protectedText);
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

/** `X said: "..."`, `X warned that Putin "..."`, `according to X, "..."` within the quote's sentence. */
function attributeBefore(text: string, part: Part, seg: Segmentation, ctx: Context): Attribution | null {
  const line = seg.lines[part.line];
  const sentence = sentenceAt(seg.sentences, part.open);
  const from = Math.max(sentence?.start ?? line?.start ?? 0, line?.start ?? 0);
  const before = withoutAsides(text.slice(from, part.open));
  // What follows the quote in its own sentence (nothing when the quote ends the sentence and a new one starts), never
  // a fixed slice that could cut a name in two or reach into the next sentence.
  const close = part.close ?? part.end;
  let after = text.slice(close, Math.min(close + 400, line?.end ?? text.length));
  if (/[.!?…]['’"”]*$/.test(text.slice(part.start, part.end)) && !/^["”’'\s]*\p{Ll}/u.test(after)) after = '';
  const stop = after.replace(ABBREVIATION, (m) => m.replace('.', '\u0000')).search(/[.!?](?=["”’']?\s|$)/);
  if (stop >= 0) after = after.slice(0, stop + 1);
  const window = before + after;
  const according = /according to (.+)/.exec(window);
  if (according?.[1] !== undefined) {
    const resolved = resolvePhrase(leadingPhrase(according[1]), part.open, ctx);
    if (resolved !== null) return resolved;
  }
  const verbs = verbsOfSaying(before);
  for (let i = verbs.length - 1; i >= 0; i -= 1) {
    // `Berg was asked by host Piet Varga, "..."`: a passive verb of saying's agent is the speaker.
    const agent = /^\w+\s+by\s+(.+)$/.exec(before.slice(verbs[i] ?? 0));
    if (agent?.[1] !== undefined) {
      const found = resolvePhrase(leadingPhrase(agent[1]), from, ctx);
      if (found !== null) return found;
    }
    const head = before.slice(0, verbs[i]);
    // `Varga backed Berg on Wednesday, saying ...`: a participle's speaker is the subject of the main clause.
    const found = /,\s*$/.test(head) && /^\w+ing\b/.test(before.slice(verbs[i])) ? mainSubject(head, from, ctx) : subjectBefore(head, from, ctx);
    if (found !== null) return found;
  }
  // When no one is reported speaking, "Ana Ruiz’s “harbour plan”": the phrase is credited to the one whose it is.
  const possessor = /((?:[A-Z][A-Za-z.'’\-]+\s+){0,3}[A-Z][A-Za-z'’\-]+)['’]s?\s*$/.exec(before);
  if (possessor?.[1] !== undefined) {
    const resolved = resolvePhrase(possessor[1], part.open, ctx);
    if (resolved !== null && resolved.person !== null) return resolved;
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
    if (found?.person != null) return found;
  }
  // `Lind, the harbour engineer, is blunter: "..."`: a quote after a colon belongs to the sentence's subject.
  if (/:\s*$/.test(before)) return subjectAtStart(before, from, ctx);
  return null;
}

/**
 * The speaker phrase at the start of `rest` (after `said` or `according to`): everything up to the first comma, clause
 * or sentence end, cut before a preposition that starts an adjunct (`said Nicholson in an email`). The name is then
 * the phrase's last run of capitalised words and the rest its role (`Harbour Trust senior manager Ines Varga`).
 */
function leadingPhrase(rest: string): string {
  const protectedText = rest.replace(ABBREVIATION, (m) => m.replace('.', '\u0000'));
  const stop = protectedText.search(/[,;:()“”"—–]|[.!?](?:\s|$)|\s(?:who|which|whose|where|that)\s/);
  const head = (stop < 0 ? protectedText : protectedText.slice(0, stop)).replace(/\u0000/g, '.');
  const adjunct = head.search(/\s(?:in|on|at|during|after|before|while|when|to|from|about|with|by|last|this|as|adding|saying|told|and then)\s/);
  const phrase = (adjunct < 0 ? head : head.slice(0, adjunct)).trim();
  return phrase.split(/\s+/).slice(0, 12).join(' ');
}

// Titles, initials, `No.` and months (`at the Dec. 12 briefing`): their full stop ends no sentence.
const ABBREVIATED = String.raw`\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|Lt|Col|Sgt|Rev|St|Jr|Sr|Prof|Capt|Cmdr|Supt|Insp|Det|Const|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)`;
const ABBREVIATION = new RegExp(`${ABBREVIATED}\\.`, 'g');
/** Everything up to the start of the last sentence, where a title's full stop (`Sen. Ana Ruiz`) ends none. */
const BEFORE_LAST_SENTENCE = new RegExp(`^.*(?<!${ABBREVIATED})[.!?]\\s+`);

/** The subject at the start of the clause: a name, a pronoun or a nominal, up to the first verb-like word. */
function subjectAtStart(before: string, offset: number, ctx: Context): Attribution | null {
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

/** Who speaks for someone else: after `Holt's`, the speaker is this person, not Holt. */
const SPEAKS_FOR =
  /^(?:deputy|spokes(?:man|woman|person)|lawyers?|attorneys?|aides?|advis[eo]rs?|office|campaign|team|staff|wife|husband|son|daughter|mother|father|brother|sister|partner|secretary|manager|agent|family|friends?|colleagues?|successor|predecessor|opponents?|rivals?|allies|ally|supporters?|doctors?)$/;

/** Whether the first `n` words are a capitalised name in the possessive followed by someone who speaks for it. */
function isPossessorOf(words: readonly string[], n: number): boolean {
  const possessor = words.slice(0, n);
  return /['’]s$/.test(possessor.at(-1) ?? '') && SPEAKS_FOR.test(words[n] ?? '') && possessor.every((w) => /^\p{Lu}/u.test(w));
}

/** A person or pronoun named by the first words of `head`, with a title or role at most before the name. */
function personAtStart(head: string, offset: number, ctx: Context): Attribution | null {
  const words = head.trim().split(/\s+/).slice(0, 8);
  for (let n = Math.min(words.length, 6); n >= 1; n -= 1) {
    const found = resolvePhrase(words.slice(0, n).join(' '), offset, ctx);
    if (found === null || (found.person === null && !found.pronoun)) continue;
    // `Holt's deputy called it ...`: the deputy speaks, not Holt, and is kept as written (`Holt's accusation` stays Holt's).
    if (found.person !== null && isPossessorOf(words, n)) return unnamedSpeaker(words.slice(0, n + 1).join(' '));
    // `Lobbying records show Tomas Adeyemi met ...`: a name after the clause's own verb is not its subject.
    if (found.role !== null && !isTitleOrRole(found.role)) continue;
    return found;
  }
  return null;
}

/** A phrase led by a preposition or a time word (`In a statement to the Observer,`): its names are not the subject. */
const INTRODUCTORY = /^\s*(?:in|on|at|to|for|from|with|by|after|before|during|here|there|when|while|as|since|following|despite|unlike)\b/i;

/** A sentence adverb set off by a comma (`First, `, `Conversely, `): never the subject, even when capitalised. */
const SENTENCE_ADVERB =
  /^\s*(?:first|second|third|next|finally|lastly|secondly|thirdly|however|meanwhile|instead|still|now|later|earlier|yet|also|indeed|again|then|thus|therefore|besides|moreover|furthermore|nonetheless|nevertheless|conversely|separately|additionally|similarly|likewise|ultimately|notably|initially|previously|recently|overall)\s*,/i;

/** The clause without its leading introductory phrases (`In January, `, `Here in Columbia, `, `First, `). */
function withoutIntroduction(clause: string): string {
  let rest = clause.replace(BEFORE_LAST_SENTENCE, '').replace(SENTENCE_ADVERB, '');
  for (let comma = rest.indexOf(','); comma >= 0 && INTRODUCTORY.test(rest); comma = rest.indexOf(',')) rest = rest.slice(comma + 1);
  return rest;
}

/** The subject of the main clause: the first comma-separated segment after the introduction that starts with one. */
function mainSubject(clause: string, offset: number, ctx: Context): Attribution | null {
  for (const segment of withoutIntroduction(clause).split(',').slice(0, 4)) {
    const found = subjectAtStart(segment, offset, ctx);
    if (found !== null) return found;
  }
  return null;
}

// `presidential candidate`, `longtime activist`, `former state legislator`: nouns and adjectives of a description.
const DESCRIPTIVE = /^(?!(?:after|over|under|never|ever|rather|other|whether|later|per|total|usual|actual)$)\p{Ll}[\p{Ll}\-]*(?:ate|ial|al|ic|ive|ist|er|or|ant|ent|ary|ian|man|woman|person|time)s?$/u;

/** Words that can stand before a name as its title or role: capitalised words, role words, determiners, descriptions. */
function isTitleOrRole(role: string): boolean {
  return role
    .split(/\s+/)
    .every((w) => /^\p{Lu}/u.test(w) || ROLE_WORDS.has(w.toLowerCase().replace(/[.,]$/, '')) || /^(?:the|a|an|of|for|and)$/i.test(w) || /['’]s?$/.test(w) || DESCRIPTIVE.test(w));
}

const FILLER =
  /\s+(?:also|later|then|has|had|have|would|will|did|does|could|can|may|might|must|should|previously|once|recently|repeatedly|often|publicly|again|has also|had also|on \w+|last \w+|this \w+|in \w+|at \w+|\w+ly|\w+ed by)$/;

/**
 * The speaker phrase that ends `head` (the words before a verb of saying). Walks back over appositives
 * (`Ana Ruiz, Minister of Ports, Fisheries and Coastal Development, said`) to the segment that names someone.
 */
function subjectBefore(head: string, offset: number, ctx: Context): Attribution | null {
  let clause = head.replace(/\s+$/, '');
  for (let i = 0; i < 3; i += 1) clause = clause.replace(FILLER, '');
  const at = offset + head.length;
  // `pledged sanctions against what it called "a threat"`: `it` speaking is the organisation named last.
  if (/(?:^|\s)it$/i.test(clause)) return organisationSpeaking(ctx, at);
  // An appositive ("Tomas Lind, an engineer who attended, recalled") may hold clause words of its own, so a
  // head ending in a comma is cut only at hard punctuation.
  const appositive = clause.endsWith(',');
  const boundary = appositive ? /[;:()"“”—–]/ : /[;:()"“”—–]|\b(?:that|but|with|while|as|after|before|when|because|which|who|if)\b/i;
  const segments = clause.split(boundary).at(-1)?.split(',').map((s) => s.trim()) ?? [];
  const resolveSegment = (phrase: string, adjacent: boolean): Attribution | null => {
    const candidates = [phrase];
    const of = phrase.search(/\s(?:of|from|for|at|in)\s/);
    if (of > 0 && !DOCUMENT_FROM.test(phrase)) candidates.unshift(phrase.slice(0, of));
    for (const candidate of candidates) {
      const found = resolvePhrase(candidate, at, ctx);
      if (found === null) continue;
      // Away from the verb, only a person the article names elsewhere counts (not "Apps" at a sentence start).
      if (!adjacent && found.person === null && !found.pronoun) continue;
      return found;
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
 * Turns a speaker phrase into a speaker: a name (surname resolved to the full name), a pronoun resolved to the last
 * person of that gender, or a nominal speaker (`officials`, `a spokesperson for the camp`) kept as written.
 */
function resolvePhrase(phrase: string, at: number, ctx: Context): Attribution | null {
  const clean = phrase.replace(/^[\s,]+|[\s,]+$/g, '').replace(/\s+(?:himself|herself|themselves)$/, '');
  if (PRONOUN.test(clean)) {
    const gender = /^he$/i.test(clean) ? 'male' : 'female';
    const person = resolvePronoun(ctx, at, gender);
    return person === null ? null : { speaker: person.name, role: null, person, pronoun: true };
  }
  if (/^(?:I|we|they|it|you)$/i.test(clean)) return null;
  // `"..." that Berg can win, said Piet Varga`: a clause the quote runs on into, not who says it.
  if (/^(?:that|which|whether|if|because|than|so)\s/i.test(clean)) return null;
  if (/^the\s+(?:company|utility|firm|agency|organi[sz]ation|retailer|airline|carrier|broadcaster|manufacturer|automaker|bank|network|insurer|operator|developer|startup|group)$/i.test(clean)) {
    // `the company said` after `Nordvik ...`: the organisation it stands for, when the article has named one.
    const organisation = organisationSpeaking(ctx, at);
    if (organisation !== null) return organisation;
  }
  // "the harbour board issued a statement calling it ...": whoever issued it.
  const issuer = /^(.+?)\s+(?:issued|released|put out|posted|published|sent(?: out)?)\s+(?:a|an)\s+(?:\w+\s+)?(?:statement|release|letter|email|e-mail|report|tweet|post|memo)$/.exec(clean);
  if (issuer?.[1] !== undefined) return resolvePhrase(issuer[1], at, ctx);
  const document = DOCUMENT_FROM.exec(clean);
  if (document?.[1] !== undefined) return resolvePhrase(document[1], at, ctx);
  // "The RCMP statement said", "Facebook's statement said": the organisation or person it comes from.
  const owner = /^(?:[Tt]he\s+)?(\p{Lu}[\p{L}.'’\-]*(?:\s+(?:of\s+|for\s+)?\p{Lu}[\p{L}.'’\-]*)*?)(?:['’]s?)?\s+(?:statement|release|report|website|memo|letter|email|e-mail)$/u.exec(clean);
  if (owner?.[1] !== undefined && !/^(?:The|A|An|This|That|Its|His|Her|Their)$/.test(owner[1].trim())) {
    const name = owner[1].trim();
    const person = lookup(ctx.all, name, at);
    return { speaker: person?.name ?? name, role: null, person, pronoun: false };
  }
  // "her statement", "his tweet": the person's own words. "Her office", "his lawyer" speak for the person and are kept
  // as written (they are not the person).
  const possessive = /^(his|her)\s+(?:statement|post|tweet|letter|website|email|e-mail|memo)$/i.exec(clean);
  if (possessive?.[1] !== undefined) {
    const person = resolvePronoun(ctx, at, possessive[1].toLowerCase() === 'his' ? 'male' : 'female');
    if (person !== null) return { speaker: person.name, role: null, person, pronoun: true };
  }
  const words = clean.split(/\s+/);
  if (words.length > 12) return null;
  // `Mr. Lind of the Harbour Trust`, `Tomas Lind from the Harbour Trust`: the person, with the body they speak for.
  const affiliated = /^(.*?\p{Lu}[\p{L}'’\-]+)\s+(?:of|from|at|with)\s+(?:the\s+)?\p{Lu}/u.exec(clean);
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
  if (/[A-Z]/.test(clean)) {
    const split = splitRoleAndName(clean);
    if (split !== null) {
      const person = lookup(ctx.all, split.name, at);
      const role = split.role !== null && split.role.length > 0 ? stripDeterminer(split.role) : null;
      return { speaker: person?.name ?? split.name, role: role === '' ? null : role, person, pronoun: false };
    }
  }
  // "noted the Northport Evening Courier", "Ruiz's hometown Harbour Daily Post": an organisation named in full, after
  // any description of it.
  const organisation = /^(?:(?:[Tt]he\s+)?[\p{L}'’\-]+\s+){0,4}?(?:[Tt]he\s+)?((?:\p{Lu}[\p{L}&.'’\-]*\s+){1,5}\p{Lu}[\p{L}&.'’\-]*)$/u.exec(clean);
  if (organisation?.[1] !== undefined && organisation[1].split(/\s+/).some(isOrgWord)) {
    return unnamedSpeaker(organisation[1]);
  }
  // "the Times", "the Herald": a newspaper or body by the one word of its name that says what it is.
  const institution = /^[Tt]he\s+(\p{Lu}\p{Ll}+)$/u.exec(clean);
  if (institution?.[1] !== undefined && isOrgWord(institution[1])) return unnamedSpeaker(institution[1]);
  // "the EU", "NATO", "the RCMP": an organisation by its acronym.
  const acronym = /^(?:[Tt]he\s+)?(\p{Lu}{2,6})$/u.exec(clean);
  if (acronym?.[1] !== undefined) return unnamedSpeaker(acronym[1]);
  // "the Christie supporter", "a Justice Department official": a described speaker.
  // "an Iowa Democrat", "another New Hampshire Republican": a described member of a party.
  if (/^(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\p{L}\d\-'’]+\s+){0,4}(?:Democrat|Republican|Conservative|Liberal|Independent|Socialist)$/u.test(clean)) {
    return unnamedSpeaker(clean);
  }
  const described = /^(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\p{L}\d\-'’]+\s+){0,4}\p{Ll}[\p{Ll}\-]+$/u.test(clean);
  if (described && (NOMINAL_HEAD.test(clean) || ROLE_WORDS.has(clean.split(/\s+/).at(-1) ?? '') || PERSON_NOUN_END.test(clean))) {
    return unnamedSpeaker(clean);
  }
  const nominal = /^(?:(?:the|a|an|one|another|some|many|several|two|three|other|his|her|their|its)\s+)?[a-z][a-z'’\- ]*$/i.exec(clean);
  if (nominal !== null && NOMINAL_HEAD.test(clean) && words.length <= 7) {
    return unnamedSpeaker(clean);
  }
  return null;
}

const CAPITALISED_RUN = /(?<![\p{L}\d])\p{Lu}[\p{L}&'’\-]*(?:\s+(?:of\s+|for\s+|&\s+)?\p{Lu}[\p{L}&'’\-]*){0,5}/gu;

/**
 * The organisation an `it said` at `at` means: the nearest before it of an organisation already credited with a quote
 * and an organisation named within the last few hundred characters (a run of capitalised words with an organisation
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
    const words = match[0].replace(/['’]s$/, '').split(/\s+/);
    const lead = words[0] ?? '';
    const isOrganisation =
      words.length > 1 ? words.some(isOrgWord) || /^\p{Lu}{2,5}$/u.test(lead) : /^\p{Lu}{2,6}$/u.test(lead) || speaksAsBody(ctx, lead, from + match.index + match[0].length);
    if (!isOrganisation) continue;
    const name = words.join(' ').replace(/^(?:The|A|An)\s+/, '');
    if (best === null || from + match.index > best.at) best = { name, at: from + match.index };
  }
  return best?.name ?? null;
}

/** The organisation that an `it` or `the company` speaking at `at` stands for, as a speaker. */
function organisationSpeaking(ctx: Context, at: number): Attribution | null {
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

function stripDeterminer(role: string): string {
  return role.replace(/^(?:the|a|an)\s+/i, '').replace(/['’]s$/, '').trim();
}

function lookup(mentions: readonly Mention[], name: string, at: number): Person | null {
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
 * person of that sentence whose gender fits. Names inside quotes do not count.
 */
function resolvePronoun(ctx: Context, at: number, gender: 'male' | 'female'): Person | null {
  const bySentence = new Map<number, Person[]>();
  const speakers = new Map<number, Person>();
  const order: number[] = [];
  const same = gender === 'male' ? /\bhe\b/i : /\bshe\b/i;
  const pronounFirst = new Set<number>();
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
    bySentence.get(key)?.push(mention.person);
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
  return null;
}

/**
 * `Lind said the storm did damage. "Ropes snap that never snap."`: a quote with no attribution of its own
 * right after a sentence reporting what someone said belongs to that someone.
 */
function reportedJustBefore(text: string, part: Part, ctx: Context): Attribution | null {
  let previous: Sentence | undefined;
  for (const sentence of ctx.sentences) {
    if (sentence.end <= part.open) previous = sentence;
    else break;
  }
  if (previous === undefined) return null;
  const body = text.slice(previous.start, previous.end);
  // A sentence with a quote of its own reports that quote, not the one after it; but who it is about still counts.
  const quoting = /[“”"]/.test(body);
  // "..., said Bart Naylor, an advocate for Public Citizen." then a quote: Naylor goes on.
  const trailing = quoting ? null : /,\s+(?:said|says|according to)\s+([^,]+)(?:,[^,]*)?[.!]?$/.exec(body);
  if (trailing?.[1] !== undefined) {
    const found = resolvePhrase(leadingPhrase(trailing[1]), previous.start, ctx);
    if (found !== null) return found;
  }
  const verb = quoting ? undefined : verbsOfSaying(body)[0];
  if (verb !== undefined && verb <= 160) {
    const found = subjectBefore(body.slice(0, verb), previous.start, ctx);
    if (found !== null && (found.person !== null || found.pronoun)) return found;
    // "Berg set herself apart from the council by saying ...": the sentence's subject.
    const subject = subjectAtStart(body.slice(0, verb), previous.start, ctx);
    if (subject !== null) return subject;
  }
  // "Lind is hopeful about Berg's odds." after a Lind quote: the next quote is still Lind's.
  const opener = ctx.mentions.find((m) => m.start >= previous.start && m.start < previous.start + 40);
  if (opener !== undefined && ctx.speakers.has(opener.person)) {
    return { speaker: opener.person.name, role: null, person: opener.person, pronoun: false };
  }
  // "But early on, he lost patients." or "Her message is simple." about someone quoted already: the same goes for `he`,
  // `she`, `his` and `her` opening the sentence.
  const pronoun = /^(?:[^,]{1,30},\s*)?(?:(he|she)\b|(his|her)\s)/i.exec(body);
  if (pronoun !== null) {
    const word = (pronoun[1] ?? pronoun[2] ?? '').toLowerCase();
    const person = resolvePronoun(ctx, previous.start, word === 'he' || word === 'his' ? 'male' : 'female');
    if (person !== null && ctx.speakers.has(person)) return { speaker: person.name, role: null, person, pronoun: true };
  }
  return null;
}

/** A quote paragraph right after a lead-in that ends with `X said:` takes that speaker. */
function leadIn(text: string, seg: Segmentation, part: Part, ctx: Context): Attribution | null {
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
    if (verbAt < 0) return subjectAtStart(body.replace(/^(?:[^,]{1,40},\s*){1,2}/, ''), prev.start, ctx);
    return subjectBefore(body.slice(0, verbAt), prev.start, ctx);
  }
  return null;
}

export { isNameWord, isOrgWord, ROLE_WORDS };

/**
 * The quote's words as one string: parts that only a paragraph break separates are joined by a space; parts that the
 * reporter's words separate (`"A," she said. "B."`) by ` … `, so a reader sees that something was left out.
 */
export function joinParts(text: string, parts: readonly Span[]): string {
  return parts
    .map((part, i) => {
      const words = text.slice(part.start, part.end);
      if (i === 0) return words;
      const gap = text.slice(parts[i - 1]!.end, part.start);
      return `${/^[\s"'“”‘’]*$/.test(gap) ? ' ' : ' … '}${words}`;
    })
    .join('');
}
