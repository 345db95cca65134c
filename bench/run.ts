/**
 * `npm run bench [-- --only store|brief|digest] [--store sqlite|postgres] [--articles N]`: runs every benchmark and prints
 * one table per benchmark. Figures are measurements on this machine, never asserted anywhere.
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    store: { type: 'string', multiple: true },
    articles: { type: 'string' },
  },
});

type Benchmark = { name: string; run: (options: { stores: string[]; articles?: number }) => Promise<void> };

const BENCHMARKS: readonly Benchmark[] = [
  { name: 'store', run: async (options) => (await import('./store-bench.js')).runStoreBench(options) },
  { name: 'brief', run: async (options) => (await import('./brief-bench.js')).runBriefBench(options) },
  { name: 'digest', run: async () => (await import('./digest-bench.js')).runDigestBench() },
];

const stores = values.store ?? ['sqlite'];
const articles = values.articles === undefined ? undefined : Number(values.articles);
for (const bench of BENCHMARKS) {
  if (values.only !== undefined && values.only !== bench.name) continue;
  await bench.run({ stores, articles });
}
