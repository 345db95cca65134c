import { z } from 'zod';
import { norm, OnlineIdf } from './similarity.js';
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
  /** An article joins the most similar story at or above this score, else starts one. Default 0.06. */
  joinThreshold?: number;
  /** Two stories whose centroids reach this cosine become one. Default 0.1. */
  mergeThreshold?: number;
  /**
   * Stories merge only when the article that joined one also scores at or above this with the other: it bridges them.
   * Default 0.1.
   */
  bridgeThreshold?: number;
  /**
   * The join threshold for a story that shares a single word with the article, as one word in common is often chance
   * (two stories about one town's council). Default 0.1.
   */
  oneWordThreshold?: number;
  /**
   * Similarity halves for every this many hours between an article and the nearest end of a story's span (its first
   * to its last article). Default 6.
   */
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
  /** The norm of the IDF-weighted centroid, and the stream's length when it was computed. */
  centroid?: { norm: number; documents: number };
};

const HOUR_MS = 3_600_000;
// A term held by more stories than this is too common to propose candidates; its weight in any score is small.
const MAX_POSTING = 1_000;
// The IDF-weighted centroid is refreshed once the stream has grown this much since it was computed.
const IDF_REFRESH = 0.1;

/**
 * Streaming story clustering. Each article is compared with the centroids of the stories seen within the window
 * (headline words and word pairs, body lead, IDF learned online, similarity decaying with the time between the article
 * and the story); it joins the best story at or above `joinThreshold`, or starts a new one. When the article also
 * scores well with another story and the two centroids now converge, the older story absorbs the newer. Pure: time
 * comes only from the articles, and memory is bounded by the window, as forgotten stories leave the index and the IDF.
 */
export class StoryClusterer {
  readonly #newStoryId: (item: ClusterItem) => string;
  readonly #joinThreshold: number;
  readonly #mergeThreshold: number;
  readonly #halfLifeMs: number;
  readonly #bridge: number;
  readonly #oneWordThreshold: number;
  readonly #windowMs: number;
  readonly #weights: FeatureWeights;
  readonly #idf = new OnlineIdf();
  /** Stories by id, in order of their last update, so the stalest come first. */
  readonly #stories = new Map<string, Story>();
  // Arrays, not sets: most terms belong to one story, and a set per term cost more memory than the stories themselves.
  readonly #postings = new Map<string, Story[]>();
  #now = -Infinity;

  constructor(options: StoryClustererOptions = {}) {
    this.#newStoryId = options.newStoryId ?? ((item) => item.id);
    this.#joinThreshold = options.joinThreshold ?? 0.06;
    this.#mergeThreshold = options.mergeThreshold ?? 0.1;
    this.#bridge = options.bridgeThreshold ?? 0.1;
    this.#oneWordThreshold = options.oneWordThreshold ?? 0.1;
    this.#halfLifeMs = (options.halfLifeHours ?? 6) * HOUR_MS;
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
    const scored = this.#scoreCandidates(vector, time);
    const best = scored[0];
    if (best === undefined) {
      const id = this.#newStoryId(item);
      // An id already held (the same article assigned twice) names that story; a second story of one id would be lost.
      const held = this.#stories.get(id);
      const story = held ?? this.#start(id, time);
      this.#add(story, vector, time);
      return { storyId: story.id, isNew: held === undefined, mergedStoryIds: [], score: 0 };
    }
    let target = best.story;
    this.#add(target, vector, time);
    const merged: string[] = [];
    for (const { story, score } of scored.slice(1)) {
      if (score < this.#bridge) break;
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
      const held = story.terms.get(term);
      story.terms.set(term, (held ?? 0) + weight);
      story.termDocs.set(term, (story.termDocs.get(term) ?? 0) + 1);
      if (held === undefined) this.#post(term, story);
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

  /** Lists `story` under `term`; called once per term a story comes to hold. */
  #post(term: string, story: Story): void {
    const posting = this.#postings.get(term);
    if (posting === undefined) this.#postings.set(term, [story]);
    else posting.push(story);
  }

  #unpost(story: Story): void {
    for (const term of story.terms.keys()) {
      const posting = this.#postings.get(term);
      if (posting === undefined) continue;
      const at = posting.indexOf(story);
      if (at >= 0) posting.splice(at, 1);
      if (posting.length === 0) this.#postings.delete(term);
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
      const held = keep.terms.get(term);
      keep.terms.set(term, (held ?? 0) + weight);
      if (held === undefined) this.#post(term, keep);
    });
    drop.termDocs.forEach((count, term) => keep.termDocs.set(term, (keep.termDocs.get(term) ?? 0) + count));
    keep.size += drop.size;
    keep.firstSeen = Math.min(keep.firstSeen, drop.firstSeen);
    this.#touch(keep, Math.max(keep.lastSeen, drop.lastSeen));
  }

  /**
   * The stories scoring at or above the join threshold, best first. Dot products accumulate over the postings of the
   * article's terms, rarest first; once the terms left carry too little of the article's weight for a story holding
   * only them to reach the threshold, they only add to the stories already found. A term too common to index stories
   * by (`MAX_POSTING`) also only adds.
   */
  #scoreCandidates(vector: TermVector, time: number): { story: Story; score: number }[] {
    const terms: { term: string; weight: number; posting: Story[] | undefined }[] = [];
    let remaining = 0;
    vector.forEach((raw, term) => {
      const weight = raw * this.#idf.idf(term);
      remaining += weight * weight;
      terms.push({ term, weight, posting: this.#postings.get(term) });
    });
    const queryNorm = Math.sqrt(remaining);
    if (queryNorm === 0) return [];
    terms.sort((a, b) => (a.posting?.length ?? 0) - (b.posting?.length ?? 0));
    const floor = (this.#joinThreshold * queryNorm) ** 2;
    const dots = new Map<Story, { dot: number; shared: number }>();
    for (const { term, weight, posting } of terms) {
      if (posting === undefined) {
        remaining -= weight * weight;
        continue;
      }
      const scale = weight * this.#idf.idf(term);
      const isWord = !term.includes('_');
      if (remaining >= floor && posting.length <= MAX_POSTING) {
        for (const story of posting) {
          const found = dots.get(story) ?? { dot: 0, shared: 0 };
          found.dot += scale * (story.terms.get(term) ?? 0);
          if (isWord) found.shared += 1;
          dots.set(story, found);
        }
      } else {
        dots.forEach((found, story) => {
          const share = story.terms.get(term);
          if (share === undefined) return;
          found.dot += scale * share;
          if (isWord) found.shared += 1;
        });
      }
      remaining -= weight * weight;
    }
    const scored: { story: Story; score: number }[] = [];
    dots.forEach(({ dot, shared }, story) => {
      if (shared === 0) return;
      // Distance to the story's span: an article older than the story (a feed's backlog) decays as a newer one does.
      const gap = Math.max(0, time - story.lastSeen, story.firstSeen - time);
      const score = (dot / (queryNorm * this.#centroidNorm(story))) * 0.5 ** (gap / this.#halfLifeMs);
      if (score >= (shared === 1 ? this.#oneWordThreshold : this.#joinThreshold)) scored.push({ story, score });
    });
    return scored.sort((a, b) => b.score - a.score);
  }

  /** Norm of the story's IDF-weighted centroid, cached until the story or the IDF has moved on. */
  #centroidNorm(story: Story): number {
    const documents = this.#idf.documents;
    const cached = story.centroid;
    if (cached !== undefined && documents <= cached.documents * (1 + IDF_REFRESH)) return cached.norm;
    let sum = 0;
    story.terms.forEach((weight, term) => {
      const x = weight * this.#idf.idf(term);
      sum += x * x;
    });
    story.centroid = { norm: Math.sqrt(sum), documents };
    return story.centroid.norm;
  }

  #centroidSimilarity(a: Story, b: Story): number {
    const [small, large] = a.terms.size <= b.terms.size ? [a, b] : [b, a];
    let dot = 0;
    small.terms.forEach((weight, term) => {
      const other = large.terms.get(term);
      if (other !== undefined) dot += weight * other * this.#idf.idf(term) ** 2;
    });
    return dot / (this.#centroidNorm(a) * this.#centroidNorm(b) || 1);
  }
}
