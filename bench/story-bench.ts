/**
 * Story benchmark: restores 100,000 synthetic articles already assigned to stories over the clusterer's 72-hour window
 * (the worst case: none is forgotten), then assigns 2,000 more, one at a time as ingest does, and reports p50/p95/max
 * latency and CPU time per article, the CPU time of the restore, the stories held and peak RSS. Then it times story
 * briefs of 100 stories of 8 articles of about 800 words each, built as the brief benchmark builds its articles.
 * `npm run bench -- --only stories [--articles N] [--repeat N]`. Headlines are invented from random syllables, with
 * a few names per story and words common to all stories, so candidate stories share words as real ones do.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildStoryBrief, type StoryArticle } from '../src/services/stories/story-brief.js';
import { StoryClusterer, type ClusterItem } from '../src/services/stories/story-clusterer.js';
import { makeArticles, sourceTexts } from './brief-bench.js';
import { createRandom } from './store-bench-corpus.js';

const HOUR_MS = 3_600_000;
const SPAN_HOURS = 72;
const NEW_ARTICLES = 2_000;
const START = Date.UTC(2026, 10, 2);
const BRIEF_STORIES = 100;
const ARTICLES_PER_STORY = 8;

const SYLLABLES = 'ka lo mi ren tor va sel dun bri mar ost pel quin ras tev ul wen yor zan fi gra hol'.split(' ');

/** The `index`-th invented word: its digits in base 22 spelt as syllables, so distinct indices give distinct words. */
function word(index: number): string {
  let out = '';
  let rest = index;
  do {
    out += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return out;
}

// Headline vocabulary: words every story may use, picked with a skew towards the frequent ones, and a larger space of
// words that name a story's people, places and topic.
const COMMON_WORDS = 20_000;
const STORY_WORDS = 2_000_000;

type SyntheticStory = { names: string[]; topic: string[]; start: number; hours: number };

/** `count` articles in time order over `hours` from `from`, each of a story with its names and topic words. */
function syntheticStream(count: number, from: number, hours: number, seed: number): (ClusterItem & { storyId: string })[] {
  const next = createRandom(seed);
  const common = (skew: number): string => word(Math.floor(next() ** skew * COMMON_WORDS));
  const storyWord = (): string => word(COMMON_WORDS + Math.floor(next() * STORY_WORDS));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const stories: SyntheticStory[] = [];
  const items: (ClusterItem & { storyId: string })[] = [];
  for (let i = 0; i < count; i += 1) {
    const time = from + (i / count) * hours * HOUR_MS;
    // About one article in eight starts a story; the rest follow a story started in the last day.
    let index = stories.length - 1 - Math.floor(next() ** 3 * Math.min(stories.length, 400));
    let story = stories[index];
    if (story === undefined || next() < 0.125 || time > story.start + story.hours * HOUR_MS) {
      story = {
        names: Array.from({ length: 3 }, () => storyWord().replace(/^./, (c) => c.toUpperCase())),
        topic: Array.from({ length: 6 }, storyWord),
        start: time,
        hours: 1 + next() * 36,
      };
      stories.push(story);
      index = stories.length - 1;
    }
    const words = [pick(story.names), pick(story.topic), common(3), pick(story.topic), common(3), pick(story.names), common(2)];
    items.push({ id: `s${seed}-${i}`, title: words.slice(0, 5 + Math.floor(next() * 3)).join(' '), publishedAt: new Date(time), storyId: `story-${seed}-${index}` });
  }
  return items;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function runStoryBench(options: { articles?: number; repeat?: number }): Promise<void> {
  const stored = options.articles ?? 100_000;
  const repeat = options.repeat ?? 1;
  const print = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  // One stream: the articles assigned next continue it, some joining stories of the restored ones.
  const stream = syntheticStream(stored + NEW_ARTICLES, START, SPAN_HOURS * (1 + NEW_ARTICLES / stored), 1);
  const history = stream.slice(0, stored);
  const fresh = stream.slice(stored).map(({ storyId: _, ...item }) => item);
  print(`\nstory benchmark: ${stored} articles restored over ${SPAN_HOURS} h, then ${NEW_ARTICLES} assigned one at a time; one core`);
  print(`  load average before the run ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  print('  run    restore cpu s  stories   assign p50 ms  p95 ms   max ms   cpu p50 ms  cpu p95 ms  cpu ms/article');
  for (let run = 1; run <= repeat; run += 1) {
    const clusterer = new StoryClusterer();
    const restoreCpu = process.cpuUsage();
    clusterer.restore(history);
    const restoreUsed = process.cpuUsage(restoreCpu);
    const stories = clusterer.storyCount;
    const times: number[] = [];
    // CPU time of each assignment too: on a loaded machine the wall-clock tail is mostly time spent waiting for a core.
    const cpuTimes: number[] = [];
    const cpu = process.cpuUsage();
    for (const item of fresh) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      clusterer.assign(item);
      times.push(performance.now() - t0);
      const c1 = process.cpuUsage(c0);
      cpuTimes.push((c1.user + c1.system) / 1000);
    }
    const used = process.cpuUsage(cpu);
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    const cells = [
      String(run).padEnd(6),
      ((restoreUsed.user + restoreUsed.system) / 1e6).toFixed(2).padStart(13),
      String(stories).padStart(8),
      percentile(times, 50).toFixed(3).padStart(15),
      percentile(times, 95).toFixed(3).padStart(7),
      (times.at(-1) ?? 0).toFixed(2).padStart(8),
      percentile(cpuTimes, 50).toFixed(3).padStart(12),
      percentile(cpuTimes, 95).toFixed(3).padStart(11),
      ((used.user + used.system) / 1000 / fresh.length).toFixed(3).padStart(15),
    ];
    print(`  ${cells.join(' ')}`);
  }
  const { texts, origin } = sourceTexts();
  const articles = makeArticles(BRIEF_STORIES * ARTICLES_PER_STORY, texts);
  const stories: StoryArticle[][] = [];
  for (let i = 0; i < BRIEF_STORIES; i += 1) {
    stories.push(
      articles.slice(i * ARTICLES_PER_STORY, (i + 1) * ARTICLES_PER_STORY).map((a, j) => ({
        ...a,
        id: `b${i}-${j}`,
        url: `https://example.org/${i}/${j}`,
        outlet: `Outlet ${j}`,
        publishedAt: new Date(START + j * HOUR_MS),
      })),
    );
  }
  print(`  story brief: ${BRIEF_STORIES} stories of ${ARTICLES_PER_STORY} articles built from ${origin}`);
  print('  run    p50 ms  p95 ms   max ms   cpu ms/story');
  for (const story of stories.slice(0, 5)) buildStoryBrief(story); // warm-up: JIT and the wink model's lazy tables
  for (let run = 1; run <= repeat; run += 1) {
    const times: number[] = [];
    const cpu = process.cpuUsage();
    for (const story of stories) {
      const t0 = performance.now();
      buildStoryBrief(story);
      times.push(performance.now() - t0);
    }
    const used = process.cpuUsage(cpu);
    times.sort((a, b) => a - b);
    const cells = [
      String(run).padEnd(6),
      percentile(times, 50).toFixed(2).padStart(6),
      percentile(times, 95).toFixed(2).padStart(7),
      (times.at(-1) ?? 0).toFixed(2).padStart(8),
      ((used.user + used.system) / 1000 / stories.length).toFixed(2).padStart(14),
    ];
    print(`  ${cells.join(' ')}`);
  }
  print(`  load average during the run ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  print(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
