import type { Article, LocalDate } from '../../data/schemas.js';
import type { DigestWindow } from './digest-slot.js';

/** The strongest quote of a story, verbatim, with its speaker as the article gives it (`null`: speaker unclear). */
export type DigestQuote = { text: string; speaker: string | null };

/** What the briefing engine contributes to a story's line in the digest. */
export type DigestLines = { summary: string | null; quote: DigestQuote | null };

/** Turns an article into its digest lines; see `briefDigestLines` for the briefing engine's version. */
export type DigestLiner = (article: Article) => DigestLines;

/**
 * One story of the digest, shown through its freshest article (id, headline, link, outlet, section, date), with how
 * many of the window's articles cover it and their distinct outlets (sorted).
 */
export type DigestStory = {
  id: string;
  title: string;
  url: string | null;
  outlet: string | null;
  section: string | null;
  publishedAt: string | null;
  articleCount: number;
  outlets: string[];
} & DigestLines;

/** Stories of one section, newest first; `name` is `null` for stories without a section. */
export type DigestSection = { name: string | null; stories: DigestStory[] };

/** A server's digest for one local day, ready to render. */
export type Digest = {
  localDate: LocalDate;
  timezone: string;
  window: DigestWindow;
  /** Sections in order of their newest story; the section-less group comes last. */
  sections: DigestSection[];
  /** Stories shown (at most `maxStories`). */
  shown: number;
  /** Stories in the window beyond `maxStories`, never silently dropped: the rendering says "+N more". */
  more: number;
};

export type BuildDigestInput = {
  localDate: LocalDate;
  timezone: string;
  window: DigestWindow;
  /** The window's articles; any order, any number (stories beyond `maxStories` count towards `more`). */
  articles: readonly Article[];
  /** The story of each article that has one; an article without is a story of its own. */
  storyOf?: ReadonlyMap<string, string>;
  maxStories: number;
  lines: DigestLiner;
};

const publishedMs = (article: Article): number =>
  article.publishedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(article.publishedAt);

/** Articles of a story tried, freshest first, for a quote when its freshest article has none. */
const QUOTE_TRIES = 3;

/**
 * The digest model: the window's articles grouped by story, the newest `maxStories` stories (by their freshest
 * article) grouped by section (sections ordered by their newest story, stories newest first). Each story shows its
 * freshest article's headline and summary line, its outlets counted, and the strongest quote of its freshest
 * articles. Pure: same input, same digest.
 */
export function buildDigest(input: BuildDigestInput): Digest {
  const newestFirst = [...input.articles].sort((a, b) => publishedMs(b) - publishedMs(a) || a.id.localeCompare(b.id));
  const byStory = new Map<string, Article[]>();
  for (const article of newestFirst) {
    const key = input.storyOf?.get(article.id) ?? `article:${article.id}`;
    byStory.set(key, [...(byStory.get(key) ?? []), article]);
  }
  const stories = [...byStory.values()];
  const chosen = stories.slice(0, Math.max(0, input.maxStories));
  const bySection = new Map<string | null, DigestStory[]>();
  for (const members of chosen) {
    const [article] = members as [Article, ...Article[]];
    const lines = input.lines(article);
    const quote = lines.quote ?? members.slice(1, QUOTE_TRIES).map((other) => input.lines(other).quote).find((found) => found !== null) ?? null;
    const key = article.section;
    const sectionStories = bySection.get(key) ?? [];
    sectionStories.push({
      id: article.id,
      title: article.title,
      url: article.url,
      outlet: article.outlet,
      section: article.section,
      publishedAt: article.publishedAt,
      articleCount: members.length,
      outlets: [...new Set(members.flatMap((member) => (member.outlet === null ? [] : [member.outlet])))].sort(),
      ...lines,
      quote,
    });
    bySection.set(key, sectionStories);
  }
  const named = [...bySection.entries()].filter(([name]) => name !== null);
  const unnamed = bySection.get(null);
  const sections: DigestSection[] = named.map(([name, stories]) => ({ name, stories }));
  if (unnamed) sections.push({ name: null, stories: unnamed });
  return {
    localDate: input.localDate,
    timezone: input.timezone,
    window: input.window,
    sections,
    shown: chosen.length,
    more: stories.length - chosen.length,
  };
}

/** True when the digest has no story to show. */
export const isEmptyDigest = (digest: Digest): boolean => digest.shown === 0;
