/**
 * `npm run eval`: scores the briefing engine and story clustering against the annotated data in ../shared/data (never
 * copied into the repository) and prints newsbrief's figures beside the baselines. Skips cleanly when the data folder
 * is absent.
 */
import { existsSync } from 'node:fs';
import { DATA_DIR } from './data.js';
import { evalQuotes, printQuoteEval } from './quotes-eval.js';
import { evalSplitters, printSplitEval } from './split-eval.js';
import { evalStories, printStoryEval } from './stories-eval.js';
import { evalSummaries, printSummaryEval } from './summaries-eval.js';

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

if (!existsSync(DATA_DIR)) {
  print(`eval skipped: no evaluation data at ${DATA_DIR}`);
} else {
  for (const file of ['summaries-dev.jsonl', 'summaries-dev-xsum.jsonl']) {
    const rows = evalSummaries(file);
    if (rows === undefined) print(`\n${file}: absent, skipped`);
    else printSummaryEval(file, rows, print);
  }
  const split = evalSplitters();
  if (split !== undefined) printSplitEval(split, print);
  for (const file of ['quotes-dev.jsonl', 'quotes-dev-polnear.jsonl']) {
    const rows = evalQuotes(file);
    if (rows === undefined) print(`\n${file}: absent, skipped`);
    else printQuoteEval(file, rows, print);
  }
  const stories = evalStories();
  if (stories === undefined) print('\nstories-dev.jsonl: absent, skipped');
  else printStoryEval(stories, print);
}
