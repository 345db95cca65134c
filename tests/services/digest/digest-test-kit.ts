import type { Article, DigestProgress, DigestRecord, DigestSettings, LocalDate } from '../../../src/data/schemas.js';
import type { ArticleStore, DigestStore, Store, StoryStore } from '../../../src/data/store.js';
import type { Digest, DigestLiner } from '../../../src/services/digest/build-digest.js';
import type { DigestPoster, PostOutcome } from '../../../src/services/digest/digest-runner.js';

/**
 * An in-memory digest store with the contract's claim rules (posted: never again; failed or stale claim: again,
 * keeping the progress). Each call runs to completion before the next starts, which is what an atomic claim guarantees.
 */
export class MemoryDigestStore implements DigestStore {
  readonly settings = new Map<string, DigestSettings>();
  readonly records = new Map<string, DigestRecord>();

  async getSettings(guildId: string): Promise<DigestSettings | undefined> {
    return this.settings.get(guildId);
  }
  async saveSettings(settings: DigestSettings): Promise<void> {
    this.settings.set(settings.guildId, settings);
  }
  async deleteSettings(guildId: string): Promise<boolean> {
    return this.settings.delete(guildId);
  }
  async listSettings(): Promise<DigestSettings[]> {
    return [...this.settings.values()];
  }
  async claim(guildId: string, localDate: LocalDate, instanceId: string, now: string, staleAfterMs: number): Promise<boolean> {
    const key = `${guildId}|${localDate}`;
    const record = this.records.get(key);
    if (record?.status === 'posted') return false;
    if (record?.status === 'claimed' && Date.parse(now) - Date.parse(record.claimedAt) < staleAfterMs) return false;
    this.records.set(key, {
      guildId,
      localDate,
      status: 'claimed',
      instanceId,
      claimedAt: now,
      postedAt: null,
      messageIds: record?.messageIds ?? [],
      windowTo: record?.windowTo ?? null,
      error: null,
      attempts: (record?.attempts ?? 0) + 1,
    });
    return true;
  }
  async saveProgress(guildId: string, localDate: LocalDate, progress: DigestProgress): Promise<void> {
    const key = `${guildId}|${localDate}`;
    const record = this.records.get(key);
    if (record && record.status !== 'posted') this.records.set(key, { ...record, messageIds: [...progress.messageIds], windowTo: progress.windowTo });
  }
  async markPosted(guildId: string, localDate: LocalDate, progress: DigestProgress, now: string): Promise<void> {
    const key = `${guildId}|${localDate}`;
    const record = this.records.get(key);
    // An upsert, as in the stores: a post that happened is recorded even without its claim row.
    this.records.set(key, {
      guildId,
      localDate,
      status: 'posted',
      instanceId: record?.instanceId ?? 'unknown',
      claimedAt: record?.claimedAt ?? now,
      postedAt: now,
      messageIds: [...progress.messageIds],
      windowTo: progress.windowTo,
      error: null,
      attempts: record?.attempts ?? 1,
    });
  }
  async markFailed(guildId: string, localDate: LocalDate, error: string, _now: string): Promise<void> {
    const key = `${guildId}|${localDate}`;
    const record = this.records.get(key);
    if (record) this.records.set(key, { ...record, status: 'failed', error });
  }
  async getRecord(guildId: string, localDate: LocalDate): Promise<DigestRecord | undefined> {
    return this.records.get(`${guildId}|${localDate}`);
  }
  async lastPosted(guildId: string): Promise<DigestRecord | undefined> {
    return [...this.records.values()]
      .filter((record) => record.guildId === guildId && record.status === 'posted')
      .sort((a, b) => b.localDate.localeCompare(a.localDate))[0];
  }
  async importSettings(settings: readonly DigestSettings[]): Promise<number> {
    for (const entry of settings) this.settings.set(entry.guildId, entry);
    return settings.length;
  }
}

/** Just `listPublished` of an article store, over a fixed list. */
export function memoryArticles(articles: readonly Article[]): Pick<ArticleStore, 'listPublished'> {
  return {
    async listPublished({ from, to, sections, limit, ingestedBy }) {
      return articles
        .filter((article) => article.publishedAt !== null && article.publishedAt >= from && article.publishedAt < to)
        .filter((article) => !sections || sections.length === 0 || sections.includes(article.section ?? ''))
        .filter((article) => ingestedBy === undefined || Date.parse(article.ingestedAt) <= Date.parse(ingestedBy))
        .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
        .slice(0, limit ?? 100);
    },
  };
}

/**
 * The store slice the digest needs; article methods other than `listPublished`, and story methods other than
 * `storyIdsOf` (over `storyOf`, article id to story id), are not called.
 */
export function memoryStore(
  articles: readonly Article[] = [],
  digests = new MemoryDigestStore(),
  storyOf: ReadonlyMap<string, string> = new Map(),
): Pick<Store, 'articles' | 'digests' | 'stories'> {
  const stories: Pick<StoryStore, 'storyIdsOf'> = {
    async storyIdsOf(ids) {
      return new Map(ids.flatMap((id) => (storyOf.has(id) ? [[id, storyOf.get(id) ?? '']] : [])));
    },
  };
  return { articles: memoryArticles(articles) as ArticleStore, digests, stories: stories as StoryStore };
}

let counter = 0;
/** A stored-article value for tests; text is written for the test, never copied from elsewhere. */
export function makeArticle(overrides: Partial<Article> & { publishedAt: string }): Article {
  counter += 1;
  const id = counter.toString(16).padStart(12, '0');
  return {
    id,
    url: `https://news.example/${id}`,
    title: `Story ${counter}`,
    authors: [],
    outlet: 'Example Times',
    section: 'World',
    tags: [],
    language: 'en',
    text: `Council votes on the harbour plan ${counter}. "We will build it," said Mayor Ana Lopez.`,
    contentHash: id.padEnd(64, '0'),
    ingestedAt: overrides.publishedAt,
    ...overrides,
  };
}

export function makeSettings(overrides: Partial<DigestSettings> = {}): DigestSettings {
  return {
    guildId: '100000000000000001',
    channelId: '200000000000000001',
    time: '07:00',
    timezone: 'UTC',
    maxStories: 10,
    sections: [],
    enabled: true,
    emptyDay: 'note',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Lines without the briefing engine: the title as summary, no quote. */
export const titleLines: DigestLiner = (article) => ({ summary: `About ${article.title}`, quote: null });

/** Records every post; answers from a script of outcomes (then succeeds). */
export class RecordingPoster implements DigestPoster<string> {
  readonly posts: { channelId: string; message: string }[] = [];
  #script: PostOutcome[];
  #next = 1;
  constructor(script: PostOutcome[] = []) {
    this.#script = [...script];
  }
  async post(channelId: string, message: string): Promise<PostOutcome> {
    const scripted = this.#script.shift();
    if (scripted && !scripted.ok) return scripted;
    this.posts.push({ channelId, message });
    return { ok: true, messageId: `9000000000000000${this.#next++}` };
  }
}

/** Renders a digest as one string per section, or the empty note. */
export const renderAsText = (digest: Digest): string[] =>
  digest.shown === 0
    ? [`No stories for ${digest.localDate}`]
    : digest.sections.map((section) => `${section.name ?? 'Other'}: ${section.stories.map((story) => story.title).join(', ')}`);
