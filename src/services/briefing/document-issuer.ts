/**
 * Who speaks through a document. A document is never a speaker: `a statement from the Harbour Board`, `the Harbour
 * Board's website`, `an email sent out by Lind` speak for whoever issued them, and `the report` for the issuer of the
 * document the article named last. A document whose issuer the article does not name has no speaker.
 */
import { lookup, resolvePronoun } from './mention-lookup.js';
import { ABBREVIATION } from './say-verbs.js';
import type { Attribution, Context } from './speaker-phrase.js';

/** The nouns of a document that can be quoted (`the report said`, `a statement from`, `her tweet`), singular. */
export const DOCUMENT_NOUN = String.raw`(?:news release|press release|media release|(?:white|green|discussion|research|working|position|policy) paper|blog post|text message|fact sheet|statement|release|report|document|study|survey|poll|letter|e-?mail|memo(?:randum)?|tweet|post|website|web site|filing|submission|ruling|editorial|article|book|piece|analysis|notice|bulletin|newsletter|message|brochure|pamphlet|backgrounder|handbook|manual|audit|assessment)`;

const DETERMINER = String.raw`(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ne|[Aa]nother)`;
const DEFINITE = /^(?:the|this|that)$/;
const MONTH = String.raw`(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|August|September|October|November|December)`;
// `fundraising`, `two-page`, `Aug. 28`: the words that describe a document, never a verb or a function word.
const NOT_MODIFIER =
  'said|says|say|told|tells|wrote|writes|added|is|was|were|are|has|had|have|be|been|will|would|could|should|can|may|did|does|not|and|or|but|that|which|who|to|of|in|on|at|by|for|with|from|as|a|an|the|its|his|her|their|this|these|those|issued|released|published|sent|posted|obtained|called|than|then|also';
const MODIFIER = String.raw`(?:(?!(?:${NOT_MODIFIER})(?![\p{L}\d\-]))[\p{Ll}\d][\p{Ll}\d\-]*|${MONTH})`;
const OWNER = String.raw`\p{Lu}[\p{L}.&'’\-]*(?:\s+(?:(?:of|for|and)\s+)?\p{Lu}[\p{L}.&'’\-]*){0,4}`;
// `the Harbour Board's annual report`, `the RCMP statement`, `the coroner's report`, `a fundraising email sent out by
// Lind`: a determiner, a capitalised owner or a possessive description, a document noun, and what follows it.
const DOCUMENT_PHRASE = new RegExp(
  String.raw`^(?:(?:[Ii]n|[Oo]n|[Ff]rom|[Tt]hrough)\s+)?(?:(${DETERMINER})\s+)?(?:${MODIFIER}\s+){0,3}(?:(${OWNER})['’]?s?\s+|((?:\p{Ll}[\p{Ll}\-]*\s+){0,2}\p{Ll}[\p{Ll}\-]*)['’]s\s+)?(?:${MODIFIER}\s+){0,3}(${DOCUMENT_NOUN})s?(?![\p{L}\d])(.*)$`,
  'u',
);
const ANY_DOCUMENT_NOUN = new RegExp(String.raw`(?<![\p{L}\d])${DOCUMENT_NOUN}`, 'u');
const ISSUING = 'issued|released|published|sent|posted|put|written|signed|prepared|commissioned|authored|drafted|distributed|circulated|shared|produced|compiled|submitted|filed|delivered|tweeted|emailed';
const WHEN = String.raw`(?:(?:on|late|early)\s+)?(?:\p{Lu}\p{Ll}+day|${MONTH}\s+\d{1,2})(?:\s+(?:night|morning|afternoon|evening))?|(?:last|this|earlier this|late last)\s+\p{Ll}+|yesterday|today|overnight`;
// `from the Harbour Board`, `of the Harbour Board`, `titled Winter Work by the union`, `sent out Tuesday night by Lind`.
const ISSUED_BY = new RegExp(
  String.raw`^(?:\s+(?:titled|entitled|called|headlined)\s+.*?)?(?:\s+(?:${ISSUING})(?:\s+(?:out|up|online|jointly|publicly))?)?(?:\s+(?:${WHEN}))?\s+(?:by|from|of)\s+(.+)$`,
  'u',
);
// `on the Harbour Board's website`, `on the website of the Harbour Board`.
const ON_SITE = new RegExp(
  String.raw`\s(?:on|from|at)\s+(?:the\s+)?(${OWNER})['’]s?\s+(?:official\s+)?(?:website|web site|site|blog|web page|page|account|feed|channel)(?![\p{L}])|\s(?:on|from)\s+the\s+(?:official\s+)?(?:website|web site|site|blog|page|account)\s+of\s+(?:the\s+)?(${OWNER})`,
  'u',
);
// What may follow a document that names no issuer: nothing, a time, an adjunct (`the report released Monday`).
const BARE_REST = new RegExp(String.raw`^(?:\s*$|\s*[,;:.!?]|\s+(?:on|last|this|earlier|late|released|issued|published|posted|sent|dated|titled|entitled|obtained|seen|also|itself)(?![\p{L}])|\s+\p{Lu}\p{Ll}+day(?![\p{L}]))`, 'u');
// The issuer's words end at punctuation, an adjunct or a verb: `Lind on Tuesday night warned`.
const ISSUER_END =
  /[,;:()“”"—–]|[.!?](?=\s|$)|\s(?:on|in|at|during|last|this|next|earlier|later|late|that|which|who|whose|when|where|and|but|to|about|after|before|while|as|than|obtained|says?|said|warn(?:s|ed)?|shows?|showed|found|finds|notes?|noted|added|adds|states?|stated|reads?|details?|detailed)(?![\p{L}])/u;

type Resolve = (phrase: string, at: number, ctx: Context) => Attribution | null;

/** A document phrase taken apart: its determiner, its owner (`Lind's`, `the coroner's`), its noun and what follows. */
type DocumentPhrase = { determiner: string | null; owner: string | null; describedOwner: string | null; noun: string; rest: string };

function readDocument(phrase: string): DocumentPhrase | null {
  if (!ANY_DOCUMENT_NOUN.test(phrase)) return null;
  const match = DOCUMENT_PHRASE.exec(phrase);
  if (match === null) return null;
  // `the white paper` refers back to `a paper`, `the e-mail` to `an email`.
  const noun = (match[4] ?? '').split(/\s+/).at(-1)?.replace('-', '') ?? '';
  return { determiner: match[1] ?? null, owner: match[2] ?? null, describedOwner: match[3] ?? null, noun, rest: match[5] ?? '' };
}

/** Whether `phrase` names a document (`a statement from the Harbour Board`, `the report`), whose issuer speaks. */
export function isDocumentPhrase(phrase: string): boolean {
  return readDocument(phrase.trim()) !== null;
}

/** The issuer's own words at the start of `rest`, without the adjuncts and verbs after them. */
function issuerWords(rest: string): string {
  const protectedText = rest.replace(ABBREVIATION, (m) => m.replace('.', '\u0000'));
  const stop = protectedText.search(ISSUER_END);
  return (stop < 0 ? protectedText : protectedText.slice(0, stop)).replace(/\u0000/g, '.').trim();
}

/**
 * The speaker of a document phrase at `at`: its issuer as the phrase names it, or for `the report` the issuer of the
 * document the article named last; `null` for a document whose issuer is not named, `undefined` when `phrase` names
 * no document.
 */
export function documentSpeaker(phrase: string, at: number, ctx: Context, resolve: Resolve): Attribution | null | undefined {
  const document = readDocument(phrase);
  return document === null ? undefined : speakerOf(document, at, ctx, resolve, true);
}

/**
 * The speaker of a document taken apart (see `documentSpeaker`). When `whole`, the phrase is a speaker phrase by
 * itself, and words after a bare document (`the report card`) mean it names something else.
 */
function speakerOf(document: DocumentPhrase, at: number, ctx: Context, resolve: Resolve, whole: boolean): Attribution | null | undefined {
  const issued = ISSUED_BY.exec(document.rest);
  if (issued?.[1] !== undefined) {
    const issuer = issuerWords(issued[1]);
    return issuer.length === 0 ? null : resolve(issuer, at, ctx);
  }
  const site = ON_SITE.exec(document.rest);
  const siteOwner = site?.[1] ?? site?.[2];
  if (siteOwner !== undefined) return owned(siteOwner, at, ctx);
  if (whole && !BARE_REST.test(document.rest)) return undefined;
  if (document.owner !== null) return owned(document.owner, at, ctx);
  if (document.describedOwner !== null) return resolve(`${document.determiner ?? ''} ${document.describedOwner}`.trim(), at, ctx);
  const determiner = document.determiner?.toLowerCase() ?? '';
  if (determiner === 'his' || determiner === 'her') {
    const person = resolvePronoun(ctx, at, determiner === 'his' ? 'male' : 'female');
    return person === null ? null : { speaker: person.name, role: null, person, pronoun: true };
  }
  if (!DEFINITE.test(determiner)) return determiner === '' && !whole ? undefined : null;
  return whole ? lastIssuer(ctx, at, document.noun, resolve) : undefined;
}

/** `the RCMP statement`, `Nordvik's website`: the organisation or person whose document it is. */
function owned(owner: string, at: number, ctx: Context): Attribution {
  const name = owner.replace(/['’]s?$/, '');
  const person = lookup(ctx.all, name, at);
  return { speaker: person?.name ?? name, role: null, person, pronoun: false };
}

// Where a document may be named: a determiner or an owner, a few modifiers, a document noun.
const DOCUMENT_MENTION = new RegExp(
  String.raw`(?<![\p{L}\d'’.\-])(?:${DETERMINER}[^\S\n]+)?(?:(?:${MODIFIER}|\p{Lu}[\p{L}.&\-]*['’]?s?)[^\S\n]+){0,5}?${DOCUMENT_NOUN}s?(?![\p{L}\d])`,
  'gu',
);
// `Lind said in a statement`, `said Lind in an email`, `the Harbour Board issued a statement`: the one who wrote it.
const WRITER_BEFORE = new RegExp(
  String.raw`(?:((?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}'’\-]+|[Tt]he\s+[\p{Ll}\-]+(?:\s+[\p{Ll}\-]+)?)\s+(?:(?:said|says|wrote|writes|added|adds|stated|announced|explained|noted|confirmed)\s+(?:\p{Ll}+\s+){0,2}?(?:in|on|through)|issued|released|published|posted|put out|sent(?: out)?)|(?:said|says|wrote|added|stated)\s+((?:\p{Lu}[\p{L}.'’\-]*\s+){0,3}\p{Lu}[\p{L}'’\-]+)\s+(?:in|on))\s+$`,
  'u',
);

const mentionsOf = new WeakMap<Context, Array<{ at: number; phrase: string }>>();

/** Every place the article names a document, with the words from there to the end of its sentence. */
function documentMentions(ctx: Context): Array<{ at: number; phrase: string }> {
  const known = mentionsOf.get(ctx);
  if (known !== undefined) return known;
  const found: Array<{ at: number; phrase: string }> = [];
  DOCUMENT_MENTION.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = DOCUMENT_MENTION.exec(ctx.text)) !== null) {
    const from = match.index;
    const tail = ctx.text.slice(from, from + 300).replace(ABBREVIATION, (m) => m.replace('.', '\u0000'));
    const stop = tail.search(/[.!?](?=\s|$)|\n/);
    found.push({ at: from, phrase: (stop < 0 ? tail : tail.slice(0, stop)).replace(/\u0000/g, '.') });
  }
  mentionsOf.set(ctx, found);
  return found;
}

/**
 * `the report said` after `a report by the Harbour Board`: the issuer of the latest document of that noun named before
 * `at`, else of the latest document of any noun, passing over other bare mentions (`the white paper`); `null` when that
 * document's issuer is unknown.
 */
function lastIssuer(ctx: Context, at: number, noun: string, resolve: Resolve): Attribution | null {
  const mentions = documentMentions(ctx);
  let latest: Attribution | null | undefined;
  for (let i = mentions.length - 1; i >= 0; i -= 1) {
    const mention = mentions[i];
    if (mention === undefined || mention.at >= at) continue;
    const document = readDocument(mention.phrase);
    if (document === null) continue;
    const issuer = issuerAt(mention, document, ctx, resolve);
    if (issuer === undefined) continue;
    if (document.noun === noun) {
      latest = issuer;
      break;
    }
    if (latest === undefined) latest = issuer;
  }
  return latest == null ? null : { ...latest, pronoun: true };
}

/** The issuer of a document the article names at `mention`, `null` when unknown, `undefined` for a mere reference. */
function issuerAt(mention: { at: number; phrase: string }, document: DocumentPhrase, ctx: Context, resolve: Resolve): Attribution | null | undefined {
  const writer = WRITER_BEFORE.exec(ctx.text.slice(Math.max(0, mention.at - 80), mention.at));
  const name = writer?.[1] ?? writer?.[2];
  const wrote = name === undefined ? null : resolve(name, mention.at, ctx);
  return wrote ?? speakerOf(document, mention.at, ctx, resolve, false);
}
