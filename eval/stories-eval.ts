import { z } from 'zod';
import { clusterBatch } from '../src/services/stories/cluster-batch.js';
import type { ClusterItem, StoryClustererOptions } from '../src/services/stories/story-clusterer.js';
import { readJsonl } from './data.js';
import { evalTokens, foldOf, scoreClusters, type ClusterScores } from './metrics.js';

/** A labelled headline of stories-dev.jsonl; `story` and `category` are gold labels, never shown to the clusterer. */
export const StoryRecord = z.object({
  id: z.string(),
  title: z.string(),
  outlet: z.string().nullable().optional(),
  publishedAt: z.coerce.date(),
  story: z.string(),
});
export type StoryRecord = z.output<typeof StoryRecord>;

export type StoryEvalRow = { name: string; items: number; stories: number; systems: { name: string; scores: ClusterScores; clusters: number }[] };

/** The single-pass TF-IDF baseline: join the most similar earlier story (title centroid) at cosine >= 0.08. */
export function tfidfBaseline(records: readonly StoryRecord[], threshold = 0.08): Map<string, string> {
  const tokens = records.map((r) => evalTokens(r.title));
  const df = new Map<string, number>();
  for (const list of tokens) for (const t of new Set(list)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string): number => Math.log((records.length + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const order = records.map((_, i) => i).sort((a, b) => (records[a] as StoryRecord).publishedAt.getTime() - (records[b] as StoryRecord).publishedAt.getTime() || a - b);
  const stories: { id: string; centroid: Map<string, number> }[] = [];
  const out = new Map<string, string>();
  for (const i of order) {
    const vector = new Map<string, number>();
    for (const t of tokens[i] as string[]) vector.set(t, (vector.get(t) ?? 0) + idf(t));
    const length = Math.sqrt([...vector.values()].reduce((s, x) => s + x * x, 0)) || 1;
    vector.forEach((x, t) => vector.set(t, x / length));
    let best: (typeof stories)[number] | undefined;
    let bestScore = threshold;
    for (const story of stories) {
      let dot = 0;
      let n = 0;
      story.centroid.forEach((x, t) => {
        n += x * x;
        dot += x * (vector.get(t) ?? 0);
      });
      const score = n === 0 ? 0 : dot / Math.sqrt(n);
      if (score >= bestScore) {
        bestScore = score;
        best = story;
      }
    }
    const record = records[i] as StoryRecord;
    if (best === undefined) {
      best = { id: record.id, centroid: new Map() };
      stories.push(best);
    }
    const centroid = best.centroid;
    vector.forEach((x, t) => centroid.set(t, (centroid.get(t) ?? 0) + x));
    out.set(record.id, best.id);
  }
  return out;
}

/** newsbrief's clustering, through the same batch path as `newsbrief cluster`. */
export function newsbriefClusters(records: readonly StoryRecord[], options: StoryClustererOptions = {}): Map<string, string> {
  const items: ClusterItem[] = records.map((r) => ({ id: r.id, title: r.title, outlet: r.outlet ?? null, publishedAt: r.publishedAt }));
  return new Map(clusterBatch(items, options).map((line) => [line.id, line.story]));
}

function row(name: string, records: readonly StoryRecord[], options: StoryClustererOptions): StoryEvalRow {
  const gold = new Map(records.map((r) => [r.id, r.story]));
  const systems = [
    { name: 'newsbrief', predicted: newsbriefClusters(records, options) },
    { name: 'tfidf-0.08', predicted: tfidfBaseline(records) },
  ];
  return {
    name,
    items: records.length,
    stories: new Set(gold.values()).size,
    systems: systems.map((s) => ({ name: s.name, scores: scoreClusters(s.predicted, gold), clusters: new Set(s.predicted.values()).size })),
  };
}

/**
 * Scores story clustering on stories-dev.jsonl, all of it and per fold (folds keep stories whole: `foldOf(story)`;
 * fold A is for development, fold B held out). Each set is clustered as its own stream. The file's times are those of
 * a crawl that fetched each story's articles within seconds of one another, so time alone would split it almost
 * perfectly; the `all, no time` row gives every article the same time (the file's order is kept) to show what the words
 * do without it.
 */
export function evalStories(options: StoryClustererOptions = {}): StoryEvalRow[] | undefined {
  const records = readJsonl('stories-dev.jsonl', StoryRecord);
  if (records === undefined) return undefined;
  return [
    row('all', records, options),
    row('fold A', records.filter((r) => foldOf(r.story) === 0), options),
    row('fold B', records.filter((r) => foldOf(r.story) === 1), options),
    row('all, no time', records.map((r) => ({ ...r, publishedAt: new Date(0) })), options),
  ];
}

export function printStoryEval(rows: readonly StoryEvalRow[], print: (line: string) => void): void {
  print('\nstories-dev.jsonl (story clustering from headline, outlet and time)');
  print('  set          system       B3-P   B3-R   B3-F1  pair-P pair-R pair-F1  clusters (gold) / items');
  for (const r of rows) {
    for (const s of r.systems) {
      const { bcubed: b, pairwise: p } = s.scores;
      print(
        `  ${r.name.padEnd(12)} ${s.name.padEnd(12)} ${b.p.toFixed(3)}  ${b.r.toFixed(3)}  ${b.f.toFixed(3)}  ${p.p.toFixed(3)}  ${p.r.toFixed(3)}  ${p.f.toFixed(3)}    ${s.clusters} (${r.stories}) / ${r.items}`,
      );
    }
  }
}
