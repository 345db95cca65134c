/**
 * `npm run bench [-- --only store|brief|digest|stories|quotes] [--store sqlite|postgres] [--articles N] [--repeat N]`: runs every
 * benchmark and prints one table per benchmark. `--repeat` runs the brief benchmark N times and adds the median of each
 * column (the digest benchmark already reports a median of five rounds; one store run ingests 100,000 articles).
 * Figures are measurements on this machine, never asserted anywhere.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    store: { type: 'string', multiple: true },
    articles: { type: 'string' },
    repeat: { type: 'string' },
  },
});

type BenchOptions = { stores: string[]; articles?: number; repeat: number };
type Benchmark = { name: string; run: (options: BenchOptions) => Promise<void> };

const BENCHMARKS: readonly Benchmark[] = [
  { name: 'store', run: async (options) => (await import('./store-bench.js')).runStoreBench(options) },
  { name: 'brief', run: async (options) => (await import('./brief-bench.js')).runBriefBench(options) },
  { name: 'digest', run: async () => (await import('./digest-bench.js')).runDigestBench() },
  { name: 'stories', run: async (options) => (await import('./story-bench.js')).runStoryBench(options) },
  { name: 'quotes', run: async (options) => (await import('./quote-bench.js')).runQuoteBench(options) },
];

const Repeat = z.coerce.number().int().min(1).max(100);
const repeat = Repeat.safeParse(values.repeat ?? 1);
if (!repeat.success) {
  process.stderr.write(`--repeat "${values.repeat}" must be a whole number from 1 to 100\n`);
  process.exit(2);
}
const stores = values.store ?? ['sqlite'];
const articles = values.articles === undefined ? undefined : Number(values.articles);
for (const bench of BENCHMARKS) {
  if (values.only !== undefined && values.only !== bench.name) continue;
  await bench.run({ stores, articles, repeat: repeat.data });
}
