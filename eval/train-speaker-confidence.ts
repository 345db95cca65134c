/**
 * Trains the quote speaker confidence model: logistic regression from an attribution's features (its cue, the kind of
 * mention, the quote's kind, rival mentions around it) to whether the speaker is right, on fold A of both quote files
 * (fold B stays held out), each file weighing as much as the other.
 * Prints, for each threshold, fold A's and fold B's speaker accuracy, wrong-speaker rate and share withheld, picks the
 * threshold that does best on fold A when a wrong name costs WRONG_COST withheld ones, and with `--write` writes
 * src/services/briefing/model/speaker-confidence.ts.
 * `npx tsx eval/train-speaker-confidence.ts [--write]`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { creditedQuotes } from '../src/services/briefing/quotes.js';
import { segmentArticle } from '../src/services/briefing/segment.js';
import { SPEAKER_FEATURES, confidenceOf, type SpeakerModel } from '../src/services/briefing/speaker-confidence.js';
import { readJsonl, QuoteRecord } from './data.js';
import { foldOf, matchQuotes, speakerMatches } from './metrics.js';

const FILES = ['quotes-dev.jsonl', 'quotes-dev-polnear.jsonl'];
const LAMBDA = 1.0;
/** A wrong name under a quote costs a newsroom more than a withheld one: this many times more. */
const WRONG_COST = 2;

/** One matched, speaker-judged quote: its features (`null` when no one was credited), whether its speaker is right. */
type Example = { fold: 0 | 1; file: string; features: number[] | null; right: boolean; goldNull: boolean; weight: number };

function loadExamples(): Example[] {
  const examples: Example[] = [];
  for (const file of FILES) {
    for (const record of readJsonl(file, QuoteRecord) ?? []) {
      const credited = creditedQuotes(record.text, segmentArticle(record.text, record.title ?? ''));
      const matchOf = matchQuotes(credited.map((c) => c.quote.text), record.quotes.map((q) => q.quote));
      for (const [i, j] of matchOf) {
        const gold = record.quotes[j];
        const found = credited[i];
        if (gold === undefined || found === undefined || gold.speaker_scorable === false) continue;
        examples.push({
          fold: foldOf(record.id),
          file,
          features: found.features,
          right: speakerMatches(found.quote.speaker, gold.speaker),
          goldNull: gold.speaker === null,
          weight: 1,
        });
      }
    }
  }
  // Each file counts as much as the other, whatever its size: the smaller one is the style newsbrief reads most.
  for (const file of FILES) {
    const own = examples.filter((e) => e.file === file);
    for (const e of own) e.weight = examples.length / (FILES.length * own.length);
  }
  return examples;
}

/** L2-regularised logistic regression by gradient descent (the bias is not regularised). */
function fit(examples: readonly Example[]): number[] {
  const k = SPEAKER_FEATURES.length;
  const weights = new Array<number>(k).fill(0);
  const rows = examples.filter((e): e is Example & { features: number[] } => e.features !== null);
  for (let step = 0; step < 3000; step += 1) {
    const gradient = new Array<number>(k).fill(0);
    const model: SpeakerModel = { features: SPEAKER_FEATURES, weights: [...weights], threshold: 0 };
    for (const row of rows) {
      const error = confidenceOf(row.features, model) - (row.right ? 1 : 0);
      for (let a = 0; a < k; a += 1) gradient[a] = (gradient[a] ?? 0) + row.weight * error * (row.features[a] ?? 0);
    }
    for (let a = 0; a < k; a += 1) {
      const penalty = a === 0 ? 0 : LAMBDA * (weights[a] ?? 0);
      weights[a] = (weights[a] ?? 0) - (0.5 / rows.length) * ((gradient[a] ?? 0) + penalty);
    }
  }
  return weights;
}

/** Speaker accuracy and wrong-speaker rate of `examples` when speakers below `threshold` are withheld. */
function figures(examples: readonly Example[], model: SpeakerModel): { accuracy: number; wrong: number; nulls: number; cost: number } {
  let right = 0;
  let named = 0;
  let wrong = 0;
  let cost = 0;
  for (const e of examples) {
    const shown = e.features !== null && confidenceOf(e.features, model) >= model.threshold;
    if (shown) {
      named += 1;
      if (e.right) right += 1;
      else wrong += 1;
    } else if (e.goldNull) right += 1;
    if (shown && !e.right) cost += WRONG_COST * e.weight;
    else if (!shown) cost += e.weight;
  }
  const withheld = examples.length - named;
  return { accuracy: right / examples.length, wrong: named === 0 ? 0 : wrong / named, nulls: withheld / examples.length, cost };
}

const examples = loadExamples();
if (examples.length === 0) {
  process.stdout.write('train-speaker-confidence skipped: no quote files in ../shared/data\n');
} else {
  const weights = fit(examples.filter((e) => e.fold === 0));
  process.stdout.write('threshold  file          fold A: spk-acc wrong  null   fold B (held out): spk-acc wrong  null\n');
  let chosen = 0;
  let best = Infinity;
  for (let t = 0; t <= 0.95; t = Math.round((t + 0.025) * 1000) / 1000) {
    const model = { features: SPEAKER_FEATURES, weights, threshold: t };
    const foldA = figures(examples.filter((e) => e.fold === 0), model);
    if (foldA.cost < best) {
      best = foldA.cost;
      chosen = t;
    }
    for (const file of FILES) {
      const a = figures(examples.filter((e) => e.fold === 0 && e.file === file), model);
      const b = figures(examples.filter((e) => e.fold === 1 && e.file === file), model);
      const f = (x: number): string => x.toFixed(3);
      process.stdout.write(`  ${t.toFixed(2)}     ${file.slice(0, 12).padEnd(12)}  ${f(a.accuracy)}  ${f(a.wrong)}  ${f(a.nulls)}          ${f(b.accuracy)}  ${f(b.wrong)}  ${f(b.nulls)}\n`);
    }
  }
  process.stdout.write(`chosen threshold ${chosen} (least fold A cost, a wrong name counting ${WRONG_COST} withheld)\nweights:\n`);
  SPEAKER_FEATURES.forEach((name, i) => process.stdout.write(`  ${name.padEnd(22)} ${(weights[i] ?? 0).toFixed(3)}\n`));
  if (process.argv.includes('--write')) {
    const path = join(import.meta.dirname, '..', 'src', 'services', 'briefing', 'model', 'speaker-confidence.ts');
    writeFileSync(
      path,
      `import type { SpeakerModel } from '../speaker-confidence.js';

/**
 * The quote speaker confidence model: logistic regression (lambda ${LAMBDA}) fitted on fold A of ${FILES.join(' and ')} by
 * eval/train-speaker-confidence.ts, each file weighing alike, with the threshold of least fold A cost when a wrong name
 * costs ${WRONG_COST} withheld ones.
 * Regenerate with \`npx tsx eval/train-speaker-confidence.ts --write\`; never hand-edit.
 */
export const SPEAKER_MODEL: SpeakerModel = {
  features: ${JSON.stringify(SPEAKER_FEATURES)},
  weights: ${JSON.stringify(weights.map((w) => Number(w.toFixed(4))))},
  threshold: ${chosen},
};
`,
    );
    process.stdout.write(`wrote ${path}\n`);
  }
}
