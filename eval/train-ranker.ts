/**
 * Trains the briefing engine's sentence ranker: ridge regression from sentence features to each sentence's mean
 * ROUGE-1/ROUGE-2 F1 against the reference highlights of summaries-dev.jsonl. Prints two-fold cross-validated ROUGE
 * (train on one half, score the other) beside Lead-3, then, with `--write`, fits on all articles and writes
 * src/services/briefing/model/ranker.ts. `npx tsx eval/train-ranker.ts [--write]`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trimSentence } from '../src/services/briefing/clauses.js';
import { FEATURE_NAMES, rankSentences, selectSentences, sentenceFeatures, type RankerModel } from '../src/services/briefing/rank.js';
import { segmentArticle, type Sentence } from '../src/services/briefing/segment.js';
import { readJsonl, SummaryRecord } from './data.js';
import { foldOf, rougeLsum, rougeN, stemmedTokens } from './metrics.js';

const LAMBDA = 1.0;

type Example = { id: string; fold: 0 | 1; sentences: readonly Sentence[]; units: Sentence[]; features: number[][]; targets: number[]; reference: string[][] };

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = m[col]?.[col] ?? 0;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const f = (m[r]?.[col] ?? 0) / p;
      for (let c = col; c <= n; c += 1) (m[r] as number[])[c] = (m[r]?.[c] ?? 0) - f * (m[col]?.[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] || 1));
}

export function fitRidge(examples: readonly Example[]): RankerModel {
  const k = FEATURE_NAMES.length;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (const example of examples) {
    example.features.forEach((x, i) => {
      const y = example.targets[i] ?? 0;
      for (let a = 0; a < k; a += 1) {
        xty[a] = (xty[a] ?? 0) + (x[a] ?? 0) * y;
        for (let b = 0; b < k; b += 1) (xtx[a] as number[])[b] = (xtx[a]?.[b] ?? 0) + (x[a] ?? 0) * (x[b] ?? 0);
      }
    });
  }
  for (let a = 1; a < k; a += 1) (xtx[a] as number[])[a] = (xtx[a]?.[a] ?? 0) + LAMBDA;
  return { features: [...FEATURE_NAMES], weights: solve(xtx, xty) };
}

function loadExamples(): Example[] | undefined {
  const records = readJsonl('summaries-dev.jsonl', SummaryRecord);
  if (records === undefined) return undefined;
  return records.map((record) => {
    const sentences = segmentArticle(record.text).sentences;
    // The ranker scores sentences as they would stand in the brief: after clause trimming, as buildBrief does.
    const units = sentences.map(trimSentence);
    const { features } = sentenceFeatures(units, record.title ?? '');
    const reference = record.reference.split('\n').map(stemmedTokens).filter((s) => s.length > 0);
    // How well the sentence could stand in for one of the highlights: its best ROUGE-1/2 F1 against any single one.
    const targets = units.map((s) => {
      const tokens = stemmedTokens(s.text);
      return Math.max(0, ...reference.map((h) => (rougeN(tokens, h, 1).f + rougeN(tokens, h, 2).f) / 2));
    });
    return { id: record.id, fold: foldOf(record.id), sentences, units, features, targets, reference };
  });
}

function rouge(examples: readonly Example[], pick: (e: Example) => string[]): string {
  let r1 = 0;
  let r2 = 0;
  let rl = 0;
  for (const e of examples) {
    const lines = pick(e).map(stemmedTokens);
    const flat = lines.flat();
    const ref = e.reference.flat();
    r1 += rougeN(flat, ref, 1).f;
    r2 += rougeN(flat, ref, 2).f;
    rl += rougeLsum(lines, e.reference).f;
  }
  const f = (x: number): string => ((100 * x) / examples.length).toFixed(2).padStart(6);
  return `${f(r1)} ${f(r2)} ${f(rl)}`;
}

const examples = loadExamples();
if (examples === undefined) {
  process.stdout.write('train-ranker skipped: ../shared/data/summaries-dev.jsonl is absent\n');
} else {
  process.stdout.write('two-fold cross-validation (train on one half, score the other), ROUGE F1 x100: R1 R2 RLsum\n');
  for (const fold of [0, 1] as const) {
    const model = fitRidge(examples.filter((e) => e.fold !== fold));
    const test = examples.filter((e) => e.fold === fold);
    const pick = (n: number) => (e: Example) => selectSentences(rankSentences(e.units, '', model), n).map((r) => r.sentence.text);
    process.stdout.write(`  test fold ${fold === 0 ? 'A' : 'B'} (${test.length} articles)\n`);
    process.stdout.write(`    lead-3          ${rouge(test, (e) => e.sentences.slice(0, 3).map((s) => s.text))}\n`);
    process.stdout.write(`    ridge ranker, 3 ${rouge(test, pick(3))}\n`);
    process.stdout.write(`    ridge ranker, 4 ${rouge(test, pick(4))}\n`);
  }
  const model = fitRidge(examples);
  process.stdout.write(`weights (all ${examples.length} articles):\n`);
  FEATURE_NAMES.forEach((name, i) => process.stdout.write(`  ${name.padEnd(18)} ${(model.weights[i] ?? 0).toFixed(4)}\n`));
  if (process.argv.includes('--write')) {
    const path = join(import.meta.dirname, '..', 'src', 'services', 'briefing', 'model', 'ranker.ts');
    const weights = model.weights.map((w) => Number(w.toFixed(6)));
    writeFileSync(
      path,
      `import type { RankerModel } from '../rank.js';

/**
 * The learned sentence ranker: a ridge regression (lambda ${LAMBDA}) of each sentence's mean ROUGE-1/ROUGE-2 F1 against
 * the reference highlights, fitted on the ${examples.length} articles of summaries-dev.jsonl by eval/train-ranker.ts.
 * Regenerate with \`npx tsx eval/train-ranker.ts --write\`; never hand-edit.
 */
export const RANKER: RankerModel = {
  features: ${JSON.stringify(FEATURE_NAMES)},
  weights: ${JSON.stringify(weights)},
};
`,
    );
    process.stdout.write(`wrote ${path}\n`);
  }
}
