import { StoryClusterer, type ClusterItem, type StoryClustererOptions } from './story-clusterer.js';

/**
 * Clusters a batch of articles as the stream would have seen them, in order of publication (ties in input order), and
 * returns each article's final story, with stories absorbed by later merges followed to the story that absorbed them.
 * Output is in input order.
 */
export function clusterBatch(items: readonly ClusterItem[], options: StoryClustererOptions = {}): { id: string; story: string }[] {
  const clusterer = new StoryClusterer(options);
  const order = items.map((item, index) => ({ item, index }));
  order.sort((a, b) => a.item.publishedAt.getTime() - b.item.publishedAt.getTime() || a.index - b.index);
  const storyOf = new Map<string, string>();
  const absorbedBy = new Map<string, string>();
  for (const { item } of order) {
    const assignment = clusterer.assign(item);
    storyOf.set(item.id, assignment.storyId);
    for (const merged of assignment.mergedStoryIds) absorbedBy.set(merged, assignment.storyId);
  }
  const resolve = (story: string): string => {
    let current = story;
    for (let next = absorbedBy.get(current); next !== undefined && next !== current; next = absorbedBy.get(current)) current = next;
    return current;
  };
  return items.map((item) => ({ id: item.id, story: resolve(storyOf.get(item.id) ?? item.id) }));
}
