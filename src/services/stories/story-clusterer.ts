import { z } from 'zod';
import { cosine, norm, OnlineIdf, weighted } from './similarity.js';
import { DEFAULT_FEATURE_WEIGHTS, storyFeatures, type FeatureWeights, type TermVector } from './text-features.js';

/** What the clusterer needs of an article. */
export const ClusterItem = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string().optional(),
  outlet: z.string().nullable().optional(),
  publishedAt: z.coerce.date(),
});
export type ClusterItem = z.output<typeof ClusterItem>;

export type StoryAssignment = {
  storyId: string;
  isNew: boolean;
  /** Stories absorbed into `storyId` by this assignment (convergence); their articles now belong to `storyId`. */
  mergedStoryIds: string[];
  /** Similarity of the article to the story it joined, 0 for a new story. */
  score: number;
};

export type StoryClustererOptions = {
  /** Id of a story started by `item`; default the item's own id. */
  newStoryId?: (item: ClusterItem) => string;
  /** An article joins the most similar story at or above this score, else starts one. Default 0.2. */
  joinThreshold?: number;
  /** Two stories whose centroids reach this cosine become one. Default 0.5. */
  mergeThreshold?: number;
  /** Similarity halves for every this many hours between an article and a story's last article. Default 24. */
  halfLifeHours?: number;
  /** Stories with no article for this many hours are forgotten. Default 72. */
  windowHours?: number;
  features?: Partial<FeatureWeights>;
};

type Story = {
  id: string;
  size: number;
  firstSeen: number;
  lastSeen: number;
  /** Sum of the members' unit-length feature vectors, before IDF. */
  terms: TermVector;
  /** Number of members holding each term: what this story added to the IDF. */
  termDocs: Map<string, number>;
  /** The IDF-weighted centroid and its norm, recomputed when the story or the IDF has moved on. */
  centroid?: { vector: TermVector; norm: number; documents: number };
};

const HOUR_MS = 3_600_000;
// A term held by more stories than this is too common to propose candidates; its weight in any score is small.
const MAX_POSTING = 1_000;
// The IDF-weighted centroid is refreshed once the stream has grown this much since it was computed.
const IDF_REFRESH = 0.1;

/**
 * Streaming story clustering. Each article is compared with the centroids of the stories seen within the window
 * (headline, body lead, names and numbers, IDF learned online, similarity decaying with the time since the story's
 * last article); it joins the best story at or above `joinThreshold`, or starts a new one. A story it joins that now
 * converges with another candidate absorbs it. Pure: time comes only from the articles, and memory is bounded by the
 * window, as forgotten stories leave the index and the IDF.
 */
export class StoryClusterer {
  readonly #newStoryId: (item: ClusterItem) => string;
  readonly #joinThreshold: number;
  readonly #mergeThreshold: number;
  readonly #halfLifeMs: number;
  readonly #windowMs: number;
  readonly #weights: FeatureWeights;
  readonly #idf = new OnlineIdf();
  /** Stories by id, in order of their last update, so the stalest come first. */
  readonly #stories = new Map<string, Story>();
  readonly #postings = new Map<string, Set<Story>>();
  #now = -Infinity;

  constructor(options: StoryClustererOptions = {}) {
    this.#newStoryId = options.newStoryId ?? ((item) => item.id);
    this.#joinThreshold = options.joinThreshold ?? 0.2;
    this.#mergeThreshold = options.mergeThreshold ?? 0.5;
    this.#halfLifeMs = (options.halfLifeHours ?? 24) * HOUR_MS;
    this.#windowMs = (options.windowHours ?? 72) * HOUR_MS;
    this.#weights = { ...DEFAULT_FEATURE_WEIGHTS, ...options.features };
  }

  /** Number of stories held (those within the window). */
  get storyCount(): number {
    return this.#stories.size;
  }

  /** Loads articles that already have a story (a store's recent window at start-up) without reassigning them. */
  restore(items: readonly (ClusterItem & { storyId: string })[]): void {
    const sorted = [...items].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    for (const item of sorted) {
      const vector = this.#features(item);
      const time = item.publishedAt.getTime();
      this.#advance(time);
      const story = this.#stories.get(item.storyId) ?? this.#start(item.storyId, time);
      this.#add(story, vector, time);
    }
  }

  /** Assigns one article: joins the most similar recent story or starts one, and merges stories that converge. */
  assign(item: ClusterItem): StoryAssignment {
    const vector = this.#features(item);
    const time = item.publishedAt.getTime();
    this.#advance(time);
    const query = weighted(vector, this.#idf);
    const queryNorm = norm(query);
    const scored = this.#candidates(vector)
      .map((story) => ({ story, score: this.#score(story, query, queryNorm, time) }))
      .filter((c) => c.score >= this.#joinThreshold)
      .sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (best === undefined) {
      const story = this.#start(this.#newStoryId(item), time);
      this.#add(story, vector, time);
      return { storyId: story.id, isNew: true, mergedStoryIds: [], score: 0 };
    }
    let target = best.story;
    this.#add(target, vector, time);
    const merged: string[] = [];
    for (const { story } of scored.slice(1)) {
      if (!this.#stories.has(story.id) || !this.#stories.has(target.id)) continue;
      if (this.#centroidSimilarity(target, story) < this.#mergeThreshold) continue;
      const [keep, drop] = story.firstSeen < target.firstSeen ? [story, target] : [target, story];
      this.#absorb(keep, drop);
      merged.push(drop.id);
      target = keep;
    }
    return { storyId: target.id, isNew: false, mergedStoryIds: merged, score: best.score };
  }

  #features(item: ClusterItem): TermVector {
    const raw = storyFeatures(item, this.#weights);
    const length = norm(raw);
    if (length > 0) raw.forEach((weight, term) => raw.set(term, weight / length));
    return raw;
  }

  /** Moves the clock to `time` (never back) and forgets the stories that fell out of the window. */
  #advance(time: number): void {
    if (time <= this.#now) return;
    this.#now = time;
    for (const story of this.#stories.values()) {
      if (story.lastSeen >= time - this.#windowMs) break;
      this.#forget(story);
    }
  }

  #start(id: string, time: number): Story {
    const story: Story = { id, size: 0, firstSeen: time, lastSeen: time, terms: new Map(), termDocs: new Map() };
    this.#stories.set(id, story);
    return story;
  }

  #add(story: Story, vector: TermVector, time: number): void {
    vector.forEach((weight, term) => {
      story.terms.set(term, (story.terms.get(term) ?? 0) + weight);
      story.termDocs.set(term, (story.termDocs.get(term) ?? 0) + 1);
      this.#post(term, story);
    });
    this.#idf.add(vector.keys());
    story.size += 1;
    story.firstSeen = Math.min(story.firstSeen, time);
    this.#touch(story, Math.max(story.lastSeen, time));
  }

  /** Records the story's latest article time and moves it to the fresh end of the story order. */
  #touch(story: Story, lastSeen: number): void {
    story.lastSeen = lastSeen;
    delete story.centroid;
    this.#stories.delete(story.id);
    this.#stories.set(story.id, story);
  }

  #post(term: string, story: Story): void {
    let posting = this.#postings.get(term);
    if (posting === undefined) {
      posting = new Set();
      this.#postings.set(term, posting);
    }
    posting.add(story);
  }

  #unpost(story: Story): void {
    for (const term of story.terms.keys()) {
      const posting = this.#postings.get(term);
      posting?.delete(story);
      if (posting?.size === 0) this.#postings.delete(term);
    }
  }

  #forget(story: Story): void {
    this.#stories.delete(story.id);
    this.#unpost(story);
    this.#idf.remove(story.termDocs, story.size);
  }

  #absorb(keep: Story, drop: Story): void {
    this.#stories.delete(drop.id);
    this.#unpost(drop);
    drop.terms.forEach((weight, term) => {
      keep.terms.set(term, (keep.terms.get(term) ?? 0) + weight);
      this.#post(term, keep);
    });
    drop.termDocs.forEach((count, term) => keep.termDocs.set(term, (keep.termDocs.get(term) ?? 0) + count));
    keep.size += drop.size;
    keep.firstSeen = Math.min(keep.firstSeen, drop.firstSeen);
    this.#touch(keep, Math.max(keep.lastSeen, drop.lastSeen));
  }

  #candidates(vector: TermVector): Story[] {
    const found = new Set<Story>();
    for (const term of vector.keys()) {
      const posting = this.#postings.get(term);
      if (posting === undefined || posting.size > MAX_POSTING) continue;
      for (const story of posting) found.add(story);
    }
    return [...found];
  }

  #centroid(story: Story): { vector: TermVector; norm: number } {
    const documents = this.#idf.documents;
    const cached = story.centroid;
    if (cached !== undefined && documents <= cached.documents * (1 + IDF_REFRESH)) return cached;
    const vector = weighted(story.terms, this.#idf);
    story.centroid = { vector, norm: norm(vector), documents };
    return story.centroid;
  }

  #score(story: Story, query: TermVector, queryNorm: number, time: number): number {
    const centroid = this.#centroid(story);
    const similarity = cosine(query, centroid.vector, queryNorm, centroid.norm);
    const gap = Math.max(0, time - story.lastSeen);
    return similarity * 0.5 ** (gap / this.#halfLifeMs);
  }

  #centroidSimilarity(a: Story, b: Story): number {
    const ca = this.#centroid(a);
    const cb = this.#centroid(b);
    return cosine(ca.vector, cb.vector, ca.norm, cb.norm);
  }
}
