/**
 * Store benchmark: ingests a synthetic newsroom (default 100,000 articles of about 600 words) into each named store
 * and reports ingest throughput, search and autocomplete latency (p50/p95, and autocomplete's full-text fallback),
 * size on disk and peak RSS.
 * `npm run bench -- --only store [--store sqlite --store postgres] [--articles N]`. Figures are printed, never asserted.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openStore } from '../src/data/open-store.js';
import type { NewArticle } from '../src/data/schemas.js';
import type { Store } from '../src/data/store.js';
import { silentLogger } from '../src/log.js';
import { makeCorpusArticle, makeQueries, makeTextPrefixes, makeTypedPrefixes } from './store-bench-corpus.js';

const BATCH = 1_000;
const SEARCHES = 300;
const AUTOCOMPLETES = 300;

type Row = {
  store: string;
  articles: number;
  ingestPerSecond: number;
  /** Articles per second of this process's CPU time: what a machine with a free core would reach. */
  ingestPerCpuSecond: number;
  searchP50: number;
  searchP95: number;
  autocompleteP50: number;
  autocompleteP95: number;
  /** Autocomplete's full-text fallback (no title matches): a search with the last word as a prefix. */
  fallbackP95: number;
  fallbackCpuP95: number;
  /** Mean articles the fallback finds for the start of a word from an article's text. */
  fallbackMeanHits: number;
  searchCpuP95: number;
  autocompleteCpuP95: number;
  sizeMb: number | null;
  peakRssMb: number;
  meanHits: number;
};

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Wall-clock and CPU milliseconds per call, each sorted; CPU time shows the cost apart from waiting for a core. */
async function timeEach<T>(
  inputs: readonly string[],
  work: (input: string) => Promise<T[]>,
): Promise<{ ms: number[]; cpuMs: number[]; meanResults: number }> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let results = 0;
  for (const input of inputs) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    results += (await work(input)).length;
    const used = process.cpuUsage(cpu);
    ms.push(performance.now() - start);
    cpuMs.push((used.user + used.system) / 1_000);
  }
  const sort = (values: number[]) => values.sort((a, b) => a - b);
  return { ms: sort(ms), cpuMs: sort(cpuMs), meanResults: results / Math.max(1, inputs.length) };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

async function measure(name: string, store: Store, articles: number, sizeOf: () => Promise<number | null>): Promise<Row> {
  let ingestMs = 0;
  let ingestCpuUs = 0;
  for (let start = 0; start < articles; start += BATCH) {
    const batch: NewArticle[] = [];
    for (let i = start; i < Math.min(articles, start + BATCH); i += 1) {
      const { topicWords: _unused, ...article } = makeCorpusArticle(i);
      batch.push(article);
    }
    const began = performance.now();
    const cpu = process.cpuUsage();
    await store.articles.upsert(batch);
    ingestMs += performance.now() - began;
    const used = process.cpuUsage(cpu);
    ingestCpuUs += used.user + used.system;
    if ((start / BATCH) % 10 === 9) process.stderr.write(`  ${name}: ${start + BATCH} articles ingested\n`);
  }
  const stored = await store.articles.count();
  if (stored !== articles) process.stderr.write(`  ${name}: expected ${articles} articles, store holds ${stored}\n`);
  const queries = makeQueries(SEARCHES, articles);
  const prefixes = makeTypedPrefixes(AUTOCOMPLETES, articles);
  const textPrefixes = makeTextPrefixes(AUTOCOMPLETES, articles);
  // One untimed pass warms caches and prepared statements, as a running bot's would be.
  for (const query of queries.slice(0, 20)) await store.articles.search(query);
  for (const typed of prefixes.slice(0, 20)) await store.articles.autocomplete(typed, 25);
  for (const typed of textPrefixes.slice(0, 20)) await store.articles.search(typed, { limit: 25, prefix: true });
  const search = await timeEach(queries, (query) => store.articles.search(query, { limit: 10 }));
  const autocomplete = await timeEach(prefixes, (typed) => store.articles.autocomplete(typed, 25));
  const fallback = await timeEach(textPrefixes, (typed) => store.articles.search(typed, { limit: 25, prefix: true }));
  return {
    store: name,
    articles,
    ingestPerSecond: articles / (ingestMs / 1_000),
    ingestPerCpuSecond: articles / (ingestCpuUs / 1_000_000),
    searchP50: percentile(search.ms, 50),
    searchP95: percentile(search.ms, 95),
    autocompleteP50: percentile(autocomplete.ms, 50),
    autocompleteP95: percentile(autocomplete.ms, 95),
    fallbackP95: percentile(fallback.ms, 95),
    fallbackCpuP95: percentile(fallback.cpuMs, 95),
    fallbackMeanHits: fallback.meanResults,
    searchCpuP95: percentile(search.cpuMs, 95),
    autocompleteCpuP95: percentile(autocomplete.cpuMs, 95),
    sizeMb: await sizeOf().then((bytes) => (bytes === null ? null : bytes / 1_048_576)),
    peakRssMb: process.resourceUsage().maxRSS / 1_024,
    meanHits: search.meanResults,
  };
}

/** An open benchmark store and the size of what it holds; `close` also removes what the run created. */
export type BenchStore = { store: Store; sizeOf: () => Promise<number | null>; close: () => Promise<void> };

/**
 * A new, empty store of the named backend for a benchmark run: SQLite in a temporary file, PostgreSQL in a schema of
 * its own at `BENCH_DATABASE_URL` (or `TEST_DATABASE_URL`). A string says why it could not be opened.
 */
export async function openBenchStore(name: string): Promise<BenchStore | string> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-bench-'));
    const path = join(dir, 'bench.db');
    const store = await openStore({ kind: 'sqlite', path }, { log: silentLogger });
    return {
      store,
      sizeOf: async () => fileSize(path) + fileSize(`${path}-wal`),
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (name !== 'postgres') return `${name}: unknown store (use sqlite or postgres)`;
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!url) return 'postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL, e.g. eval "$(.ci/postgres.sh)")';
  // A schema of its own, so the run starts empty and leaves nothing behind.
  const schema = `bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const drop = async (): Promise<void> => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  };
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    const schemaUrl = new URL(url);
    schemaUrl.searchParams.set('options', `-c search_path=${schema}`);
    const store = await openStore({ kind: 'postgres', url: schemaUrl.toString() }, { log: silentLogger });
    return {
      store,
      sizeOf: async () => {
        const result = await admin.query<{ bytes: string }>(
          `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::text AS bytes FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')`,
          [schema],
        );
        return Number(result.rows[0]?.bytes ?? 0);
      },
      close: async () => {
        await store.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

function printTable(rows: readonly Row[]): void {
  const header = ['store', 'articles', 'ingest art/s', 'art/cpu-s', 'search p50 ms', 'search p95 ms', 'autocomplete p50 ms', 'autocomplete p95 ms', 'ac fallback p95 ms (cpu)', 'fallback hits', 'cpu p95 search/ac ms', 'size MB', 'peak RSS MB', 'mean hits'];
  const lines = rows.map((row) => [
    row.store,
    String(row.articles),
    row.ingestPerSecond.toFixed(0),
    row.ingestPerCpuSecond.toFixed(0),
    row.searchP50.toFixed(2),
    row.searchP95.toFixed(2),
    row.autocompleteP50.toFixed(2),
    row.autocompleteP95.toFixed(2),
    `${row.fallbackP95.toFixed(2)} (${row.fallbackCpuP95.toFixed(2)})`,
    row.fallbackMeanHits.toFixed(1),
    `${row.searchCpuP95.toFixed(2)} / ${row.autocompleteCpuP95.toFixed(2)}`,
    row.sizeMb === null ? '-' : row.sizeMb.toFixed(0),
    row.peakRssMb.toFixed(0),
    row.meanHits.toFixed(1),
  ]);
  printColumns(header, lines);
}

/** Prints `rows` under `header`, each column right-aligned to its widest cell. */
export function printColumns(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: readonly string[]) => cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  ');
  console.log(format(header));
  for (const row of rows) console.log(format(row));
}

/** Runs `work` on each named bench store in turn and closes it after; a store that cannot be opened is reported and skipped. */
export async function forEachBenchStore(names: readonly string[], work: (name: string, opened: BenchStore) => Promise<void>): Promise<void> {
  for (const name of names) {
    const opened = await openBenchStore(name);
    if (typeof opened === 'string') {
      console.log(opened);
      continue;
    }
    try {
      await work(name, opened);
    } finally {
      await opened.close();
    }
  }
}

export async function runStoreBench(options: { stores: string[]; articles?: number }): Promise<void> {
  const articles = options.articles !== undefined && Number.isFinite(options.articles) && options.articles > 0 ? Math.floor(options.articles) : 100_000;
  console.log(`store benchmark: ${articles} synthetic articles of about 600 words, ${SEARCHES} searches (1-3 words), ${AUTOCOMPLETES} autocompletes, ${AUTOCOMPLETES} autocomplete fallbacks (the start of a word of the text)`);
  const rows: Row[] = [];
  await forEachBenchStore(options.stores, async (name, opened) => {
    rows.push(await measure(name, opened.store, articles, opened.sizeOf));
  });
  printTable(rows);
  // The machine may be shared: a load above the core count slows every figure above, the CPU-time column less so.
  console.log(`load average at the end: ${loadavg().map((value) => value.toFixed(1)).join(' ')} (1, 5, 15 min)`);
  console.log('targets (sqlite, 2 cores): ingest >= 5,000 art/s, search p95 <= 10 ms, autocomplete p95 <= 3 ms; postgres search p95 <= 20 ms');
}
