/** Resolves a short mention (a surname, a pronoun, a role) to the person the article named in full. */
import type { Mention, Person } from './people.js';
import { SPEAKING_AFTER, SPEAKING_BEFORE } from './say-verbs.js';
import { sentenceAt, type Sentence } from './segment.js';

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
    // `He said police found Costa suggested ...`: whoever speaks after a sentence's own `he` is reported by it.
    if (pronounFirst.has(order[k] ?? -1)) continue;
    const speaking = speakers.get(order[k] ?? -1);
    if (speaking !== undefined && (speaking.gender === gender || speaking.gender === null)) return speaking;
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
