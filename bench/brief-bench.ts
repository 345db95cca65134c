/**
 * Briefing benchmark: builds briefs (bullets + key quotes) and full quote lists for 1,000 articles of about 800 words
 * on one core, and reports articles/s, p50/p95/max latency per article, CPU time per article and peak RSS.
 * `npm run bench -- --only brief [--articles N] [--repeat N]`: with `--repeat`, each operation runs N times, and a row
 * per run is followed by the median of each column, a figure that one disturbed run on a shared machine cannot move.
 * Articles are assembled in memory from the shared evaluation data in ../shared/data when it is present (never written
 * anywhere), else from the repository's own test fixture.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { buildBrief } from '../src/services/briefing/brief.js';
import { extractQuotes } from '../src/services/briefing/quotes.js';
import type { ArticleText } from '../src/services/briefing/types.js';

const TARGET_WORDS = 800;
const DATA_DIR = join(import.meta.dirname, '..', '..', 'shared', 'data');
const FILES = ['quotes-dev-polnear.jsonl', 'quotes-dev.jsonl', 'summaries-dev.jsonl', 'summaries-dev-xsum.jsonl'];
const Line = z.object({ text: z.string().min(1), title: z.string().optional() });

export function sourceTexts(): { texts: ArticleText[]; origin: string } {
  const texts: ArticleText[] = [];
  for (const file of FILES) {
    const path = join(DATA_DIR, file);
    if (!existsSync(path)) continue;
    for (const raw of readFileSync(path, 'utf8').split('\n')) {
      if (raw.trim() === '') continue;
      const parsed = Line.safeParse(JSON.parse(raw));
      if (parsed.success) texts.push({ title: parsed.data.title ?? '', text: parsed.data.text });
    }
  }
  if (texts.length > 0) return { texts, origin: `${texts.length} articles of ../shared/data` };
  const fixture = readFileSync(join(import.meta.dirname, '..', 'tests', 'fixtures', 'briefing-article.txt'), 'utf8');
  const [title = '', ...rest] = fixture.split('\n');
  return { texts: [{ title, text: rest.join('\n') }], origin: 'tests/fixtures/briefing-article.txt' };
}

/** Article `i`: source texts taken in turn, paragraph by paragraph, until about 800 words. */
export function makeArticles(count: number, sources: readonly ArticleText[]): ArticleText[] {
  const articles: ArticleText[] = [];
  let cursor = 0;
  for (let i = 0; i < count; i += 1) {
    const first = sources[cursor % sources.length] as ArticleText;
    const paragraphs: string[] = [];
    let words = 0;
    while (words < TARGET_WORDS) {
      const source = sources[cursor % sources.length] as ArticleText;
      cursor += 1;
      for (const paragraph of source.text.split(/\n+/)) {
        if (words >= TARGET_WORDS) break;
        const w = paragraph.split(/\s+/).filter(Boolean);
        const take = w.slice(0, TARGET_WORDS - words + 40);
        paragraphs.push(take.join(' '));
        words += take.length;
      }
    }
    articles.push({ title: first.title, text: paragraphs.join('\n\n') });
  }
  return articles;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** One timed pass over the articles: wall-clock rate and latencies, and CPU time per article. */
type Measurement = { rate: number; p50: number; p95: number; max: number; cpuMs: number; perCpuSecond: number };

function measure(articles: readonly ArticleText[], work: (a: ArticleText) => unknown): Measurement {
  for (const article of articles.slice(0, 50)) work(article); // warm-up: JIT and the wink model's lazy tables
  const times: number[] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const article of articles) {
    const t0 = performance.now();
    work(article);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  const used = process.cpuUsage(cpu);
  // CPU time is what this process itself spent; on a busy machine it is the fairer per-core figure than wall time.
  const cpuMs = (used.user + used.system) / 1000 / articles.length;
  times.sort((a, b) => a - b);
  return {
    rate: (1000 * articles.length) / total,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? 0,
    cpuMs,
    perCpuSecond: 1000 / cpuMs,
  };
}

/** The median of each column on its own (the upper median for an even count), so one slow run moves none of them. */
function medianOf(runs: readonly Measurement[]): Measurement {
  const column = (key: keyof Measurement): number => percentile(runs.map((run) => run[key]).sort((a, b) => a - b), 50);
  return {
    rate: column('rate'),
    p50: column('p50'),
    p95: column('p95'),
    max: column('max'),
    cpuMs: column('cpuMs'),
    perCpuSecond: column('perCpuSecond'),
  };
}

function formatRow(name: string, run: string, m: Measurement): string {
  return `  ${name.padEnd(22)} ${run.padEnd(6)} ${m.rate.toFixed(0).padStart(7)}   ${m.p50.toFixed(2).padStart(6)}  ${m.p95.toFixed(2).padStart(6)}  ${m.max.toFixed(2).padStart(7)}   ${m.cpuMs.toFixed(2).padStart(6)}  ${m.perCpuSecond.toFixed(0).padStart(6)}`;
}

export async function runBriefBench(options: { articles?: number; repeat?: number }): Promise<void> {
  const count = options.articles ?? 1_000;
  const repeat = options.repeat ?? 1;
  const { texts, origin } = sourceTexts();
  const articles = makeArticles(count, texts);
  const words = articles.reduce((sum, a) => sum + a.text.split(/\s+/).length, 0) / articles.length;
  const print = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const operations: ReadonlyArray<[string, (a: ArticleText) => unknown]> = [
    ['buildBrief (4 + 3 q)', (a) => buildBrief(a)],
    ['extractQuotes', (a) => extractQuotes(a)],
    ['brief + all quotes', (a) => [buildBrief(a), extractQuotes(a)]],
  ];
  const runs = repeat > 1 ? `, ${repeat} runs each and their median` : '';
  print(`\nbrief benchmark: ${count} articles, ${words.toFixed(0)} words on average, built from ${origin}; one core${runs}`);
  print(`  load average before the run ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  print('  operation              run      art/s     p50 ms  p95 ms   max ms   cpu ms  art/cpu-s');
  for (const [name, work] of operations) {
    const measured: Measurement[] = [];
    for (let run = 1; run <= repeat; run += 1) {
      measured.push(measure(articles, work));
      print(formatRow(name, repeat > 1 ? String(run) : '', measured.at(-1) as Measurement));
    }
    if (repeat > 1) print(formatRow(name, 'median', medianOf(measured)));
  }
  // Other processes on the machine slow every figure; the load average says how busy it was.
  print(`  load average during the run ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  print(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
