/**
 * Digest benchmark: builds (briefing-engine summary and quote per story) and renders a day's digest of 15 and 50
 * stories made from the repository's sample newsroom, and reports the median time of five rounds, the messages
 * posted and the characters in each. `npm run bench -- --only digest`.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Article } from '../src/data/schemas.js';
import { renderDigestMessages } from '../src/render/digest.js';
import { messageEmbedsLength } from '../src/render/embed.js';
import { buildDigest } from '../src/services/digest/build-digest.js';
import { briefDigestLines } from '../src/services/digest/digest-lines.js';
import { readSampleNewsroom } from '../src/services/sample-newsroom.js';

const ROUNDS = 5;
const window = { from: '2026-11-24T07:00:00.000Z', to: '2026-11-25T07:00:00.000Z' };

function storiesOf(count: number): Article[] {
  const samples = readSampleNewsroom();
  if (samples.length === 0) throw new Error('samples/newsroom.jsonl not found');
  return Array.from({ length: count }, (_, index) => {
    const sample = samples[index % samples.length] as (typeof samples)[number];
    return {
      ...sample,
      id: index.toString(16).padStart(12, '0'),
      contentHash: '0'.repeat(64),
      ingestedAt: window.to,
      publishedAt: new Date(Date.parse(window.to) - (index + 1) * 60_000).toISOString(),
    };
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function runDigestBench(): Promise<void> {
  console.log(`\ndigest (sample newsroom; load average ${loadavg()[0]?.toFixed(1)})`);
  console.log('  stories   build ms   render ms   messages   characters per message');
  for (const count of [15, 50]) {
    const articles = storiesOf(count);
    buildDigest({ localDate: '2026-11-25', timezone: 'UTC', window, articles: articles.slice(0, 3), maxStories: 3, lines: briefDigestLines });
    const builds: number[] = [];
    const renders: number[] = [];
    let messages: ReturnType<typeof renderDigestMessages> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const t0 = performance.now();
      const digest = buildDigest({ localDate: '2026-11-25', timezone: 'UTC', window, articles, maxStories: count, lines: briefDigestLines });
      const t1 = performance.now();
      messages = renderDigestMessages(digest);
      renders.push(performance.now() - t1);
      builds.push(t1 - t0);
    }
    const sizes = messages.map((message) => messageEmbedsLength(message.embeds ?? [])).join(' ');
    console.log(
      `  ${String(count).padStart(7)}   ${median(builds).toFixed(0).padStart(8)}   ${median(renders).toFixed(1).padStart(9)}   ${String(messages.length).padStart(8)}   ${sizes}`,
    );
  }
}
