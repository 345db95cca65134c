/**
 * Quote bank and story benchmark on the stores: fills each named store with a synthetic newsroom (default 100,000
 * articles of about 600 words, three quotes each from 20,000 speakers of Zipf-skewed fame, stories of five articles),
 * then times the quote bank by speaker, by text and speaker autocomplete, and a story brief as `/brief` makes it (the
 * story's articles read from the store, then `buildStoryBrief`), p50/p95 each.
 * `npm run bench -- --only quotes [--store sqlite --store postgres] [--articles N]`. Figures are printed, never asserted.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { NewArticle, NewQuote } from '../src/data/schemas.js';
import type { Store } from '../src/data/store.js';
import { storeArticles } from '../src/services/ingest/ingest.js';
import { storyBriefOf } from '../src/services/stories/story-lookup.js';
import { createRandom, makeCorpusArticle } from './store-bench-corpus.js';
import { forEachBenchStore, printColumns } from './store-bench.js';

const BATCH = 1_000;
const QUOTES_PER_ARTICLE = 3;
const SPEAKERS = 20_000;
const ARTICLES_PER_STORY = 5;
const LOOKUPS = 300;
const BRIEFS = 50;
/** Articles ingested at the end as ingest stores them, in batches of `INGEST_BATCH`, beside plain upserts of as many. */
const INGESTED = 1_000;
const INGEST_BATCH = 100;

const FIRST = 'Ada Bram Cleo Dario Elin Farah Gideon Hana Ivo Juno Kasimir Lena Milo Nadia Oskar Priya Quentin Runa Soren Talia'.split(' ');
const SYLLABLES = 'ka lo mi ren tor va sel dun bri mar ost pel quin ras tev ul wen yor zan fi'.split(' ');

/** The `index`-th speaker: a first name and an invented surname, so every index names a different person. */
function speakerName(index: number): string {
  let surname = '';
  let rest = Math.floor(index / FIRST.length);
  do {
    surname += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return `${FIRST[index % FIRST.length]} ${surname.replace(/^./, (c) => c.toUpperCase())}`;
}

/** A speaker index skewed towards the famous: a few speakers are quoted in thousands of articles, most in a handful. */
const zipfSpeaker = (random: () => number): number => Math.min(SPEAKERS - 1, Math.floor(SPEAKERS ** random()) - 1);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Wall-clock and CPU milliseconds per call, each sorted; CPU time shows the cost apart from waiting for a core. */
async function timeAll(inputs: readonly string[], work: (input: string) => Promise<unknown>): Promise<{ ms: number[]; cpuMs: number[] }> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    await work(input);
    const used = process.cpuUsage(cpu);
    ms.push(performance.now() - start);
    cpuMs.push((used.user + used.system) / 1_000);
  }
  return { ms: ms.sort((a, b) => a - b), cpuMs: cpuMs.sort((a, b) => a - b) };
}

/** Stores the newsroom: articles, their quotes in the bank, and their stories, a batch at a time. */
/** Milliseconds per article: `INGESTED` more articles stored by `store`, `INGEST_BATCH` at a time. */
async function ingestCost(first: number, store: (batch: NewArticle[]) => Promise<unknown>): Promise<number> {
  let ms = 0;
  for (let start = first; start < first + INGESTED; start += INGEST_BATCH) {
    const batch = Array.from({ length: INGEST_BATCH }, (_, i) => {
      const { topicWords: _unused, ...article } = makeCorpusArticle(start + i);
      return article;
    });
    const began = performance.now();
    await store(batch);
    ms += performance.now() - began;
  }
  return ms / INGESTED;
}

async function fill(store: Store, articles: number, name: string): Promise<void> {
  const random = createRandom(4_242);
  for (let start = 0; start < articles; start += BATCH) {
    const batch: NewArticle[] = [];
    for (let i = start; i < Math.min(articles, start + BATCH); i += 1) {
      const { topicWords: _unused, ...article } = makeCorpusArticle(i);
      batch.push(article);
    }
    const results = await store.articles.upsert(batch);
    await store.quotes.replace(
      results.map((result, offset) => ({
        articleId: result.id,
        quotes: Array.from({ length: QUOTES_PER_ARTICLE }, (_, q): NewQuote => {
          const speaker = speakerName(zipfSpeaker(random));
          const sentence = batch[offset]?.text.split('. ')[q] ?? 'We will see';
          return { text: sentence, speaker, canonicalSpeaker: speaker.toLowerCase(), speakerRole: null, kind: 'direct' };
        }),
      })),
    );
    await store.stories.assign(
      results.map((result, offset) => ({ articleId: result.id, storyId: `story-${Math.floor((start + offset) / ARTICLES_PER_STORY)}` })),
    );
    if ((start / BATCH) % 10 === 9) process.stderr.write(`  ${name}: ${start + BATCH} articles with quotes and stories\n`);
  }
}

export async function runQuoteBench(options: { stores: string[]; articles?: number }): Promise<void> {
  const articles = options.articles !== undefined && Number.isFinite(options.articles) && options.articles > 0 ? Math.floor(options.articles) : 100_000;
  console.log(
    `quote bank benchmark: ${articles} articles, ${QUOTES_PER_ARTICLE} quotes each from ${SPEAKERS} speakers, stories of ${ARTICLES_PER_STORY}; ` +
      `${LOOKUPS} lookups of each kind, ${BRIEFS} story briefs`,
  );
  console.log(`load average before: ${loadavg().map((value) => value.toFixed(1)).join(' ')}`);
  const random = createRandom(99);
  const speakers = Array.from({ length: LOOKUPS }, () => speakerName(zipfSpeaker(random)).toLowerCase());
  const words = ['council', 'budget harbour', 'said', 'water prices', 'election', 'ferry', 'court ruling', 'strike'];
  const texts = Array.from({ length: LOOKUPS }, (_, i) => words[i % words.length] ?? 'said');
  const prefixes = Array.from({ length: LOOKUPS }, (_, i) => speakerName(zipfSpeaker(random)).toLowerCase().slice(0, 2 + (i % 4)));
  const stories = Array.from({ length: BRIEFS }, (_, i) => `story-${Math.floor(((i * 7_919) % articles) / ARTICLES_PER_STORY)}`);
  const header = [
    'store',
    'by speaker p50',
    'p95',
    'text p50',
    'p95',
    'speakers p50',
    'p95',
    'story brief p50',
    'p95',
    'cpu p95 speaker/brief',
    'mean quotes',
    'ingest ms/art upsert/full',
  ];
  const rows: string[][] = [];
  await forEachBenchStore(options.stores, async (name, { store }) => {
    await fill(store, articles, name);
    // One untimed pass warms caches and prepared statements, as a running bot's would be.
    for (const speaker of speakers.slice(0, 20)) await store.quotes.bySpeaker(speaker, 25);
    // The first briefs of a process also warm the JIT and the NLP model's lazy tables, whichever store runs first.
    for (const id of stories.slice(0, 5)) {
      const story = await store.stories.get(id);
      if (story !== undefined) await storyBriefOf(store, story, { bullets: 4 });
    }
    let found = 0;
    const bySpeaker = await timeAll(speakers, async (speaker) => (found += (await store.quotes.bySpeaker(speaker, 25)).length));
    const byText = await timeAll(texts, (text) => store.quotes.search(text, { limit: 25 }));
    const autocomplete = await timeAll(prefixes, (typed) => store.quotes.speakers(typed.split(' '), 25));
    const briefs = await timeAll(stories, async (id) => {
      const story = await store.stories.get(id);
      if (story !== undefined) await storyBriefOf(store, story, { bullets: 4 });
    });
    rows.push([
      name,
      ...[bySpeaker, byText, autocomplete, briefs].flatMap(({ ms }) => [percentile(ms, 50).toFixed(2), percentile(ms, 95).toFixed(2)]),
      `${percentile(bySpeaker.cpuMs, 95).toFixed(2)} / ${percentile(briefs.cpuMs, 95).toFixed(2)}`,
      (found / speakers.length).toFixed(1),
      // Full: what ingest does, quotes extracted into the bank and stories assigned from the restored window.
      `${(await ingestCost(articles, (batch) => store.articles.upsert(batch))).toFixed(2)} / ${(
        await ingestCost(articles + INGESTED, (batch) => storeArticles(store, batch, () => new Date()))
      ).toFixed(2)}`,
    ]);
  });
  printColumns(header, rows);
  console.log(`load average at the end: ${loadavg().map((value) => value.toFixed(1)).join(' ')} (1, 5, 15 min)`);
  console.log('targets: quote bank by speaker p95 <= 10 ms at 100,000 articles; a story brief <= 30 ms (ms; CPU ms are steadier on a busy machine)');
}
