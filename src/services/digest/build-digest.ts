import type { Article, LocalDate } from '../../data/schemas.js';
import type { DigestWindow } from './digest-slot.js';

/** The strongest quote of a story, verbatim, with its speaker as the article gives it (`null`: unattributed). */
export type DigestQuote = { text: string; speaker: string | null };

/** What the briefing engine contributes to a story's line in the digest. */
export type DigestLines = { summary: string | null; quote: DigestQuote | null };

/** Turns an article into its digest lines; see `briefDigestLines` for the briefing engine's version. */
export type DigestLiner = (article: Article) => DigestLines;

export type DigestStory = {
  id: string;
  title: string;
  url: string | null;
  outlet: string | null;
  section: string | null;
  publishedAt: string | null;
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
  /** The window's articles; any order, any number (more than `maxStories` counts towards `more`). */
  articles: readonly Article[];
  maxStories: number;
  lines: DigestLiner;
};

const publishedMs = (article: Article): number =>
  article.publishedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(article.publishedAt);

/**
 * The digest model: the newest `maxStories` articles, grouped by section (sections ordered by their newest story,
 * stories newest first), each with its summary line and strongest quote. Pure: same input, same digest.
 */
export function buildDigest(input: BuildDigestInput): Digest {
  const newestFirst = [...input.articles].sort((a, b) => publishedMs(b) - publishedMs(a) || a.id.localeCompare(b.id));
  const chosen = newestFirst.slice(0, Math.max(0, input.maxStories));
  const bySection = new Map<string | null, DigestStory[]>();
  for (const article of chosen) {
    const key = article.section;
    const stories = bySection.get(key) ?? [];
    stories.push({
      id: article.id,
      title: article.title,
      url: article.url,
      outlet: article.outlet,
      section: article.section,
      publishedAt: article.publishedAt,
      ...input.lines(article),
    });
    bySection.set(key, stories);
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
    more: newestFirst.length - chosen.length,
  };
}

/** True when the digest has no story to show. */
export const isEmptyDigest = (digest: Digest): boolean => digest.shown === 0;
