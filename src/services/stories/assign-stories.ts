import type { StoryAssignmentRecord } from '../../data/schemas.js';
import type { Store } from '../../data/store.js';
import { DEFAULT_FEATURE_WEIGHTS } from './text-features.js';
import { StoryClusterer } from './story-clusterer.js';

/** An article to put in a story: what the clusterer compares, and its date (published, else ingested). */
export type StoryCandidate = { id: string; title: string; text: string; outlet: string | null; publishedAt: string };

/** How far back (and forward) of a batch's articles the clusterer is restored from: its own window. */
export const STORY_WINDOW_HOURS = 72;
/** At most this many stored articles restore the clusterer for one batch, the newest of the window first. */
export const RESTORE_LIMIT = 5_000;

const HOUR_MS = 3_600_000;
/** One assignment at a time per store in this process, so that concurrent feed polls never split one story in two. */
const running = new WeakMap<Store, Promise<unknown>>();

export type StoryAssignmentReport = { assigned: number; newStories: number; merges: number };

/**
 * Puts each article in a story, in date order: the clusterer is restored from the stored articles in the batch's
 * window (bounded by `RESTORE_LIMIT`), then each article joins the most similar story or starts one (its own id
 * becomes the story id); merges of converging stories are recorded with the assignment. One store write per batch.
 */
export async function assignStories(store: Store, articles: readonly StoryCandidate[]): Promise<StoryAssignmentReport> {
  if (articles.length === 0) return { assigned: 0, newStories: 0, merges: 0 };
  const previous = running.get(store) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => assignInOrder(store, articles));
  running.set(store, next);
  return next;
}

async function assignInOrder(store: Store, articles: readonly StoryCandidate[]): Promise<StoryAssignmentReport> {
  const dated = articles
    .map((article) => ({ ...article, time: Date.parse(article.publishedAt) }))
    .sort((a, b) => a.time - b.time);
  const first = dated[0]?.time ?? 0;
  const last = dated.at(-1)?.time ?? 0;
  const members = await store.stories.recent({
    from: new Date(first - STORY_WINDOW_HOURS * HOUR_MS).toISOString(),
    to: new Date(last + STORY_WINDOW_HOURS * HOUR_MS).toISOString(),
    limit: RESTORE_LIMIT,
    leadChars: DEFAULT_FEATURE_WEIGHTS.leadChars,
  });
  const batch = new Set(articles.map((article) => article.id));
  const clusterer = new StoryClusterer();
  clusterer.restore(
    members
      .filter((member) => !batch.has(member.id))
      .map((member) => ({
        id: member.id,
        storyId: member.storyId,
        title: member.title,
        text: member.lead,
        outlet: member.outlet,
        publishedAt: new Date(member.publishedAt),
      })),
  );
  const records: StoryAssignmentRecord[] = [];
  let newStories = 0;
  let merges = 0;
  for (const article of dated) {
    const assignment = clusterer.assign({
      id: article.id,
      title: article.title,
      text: article.text,
      outlet: article.outlet,
      publishedAt: new Date(article.time),
    });
    if (assignment.isNew) newStories += 1;
    merges += assignment.mergedStoryIds.length;
    records.push({ articleId: article.id, storyId: assignment.storyId, mergedStoryIds: assignment.mergedStoryIds });
  }
  await store.stories.assign(records);
  return { assigned: records.length, newStories, merges };
}
