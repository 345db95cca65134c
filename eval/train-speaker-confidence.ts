/**
 * Trains the quote speaker confidence model: logistic regression from an attribution's features (its cue, the kind of
 * mention, the quote's kind, rival mentions around it) to whether the speaker is right, on both quote files, each file
 * weighing as much as the other. Prints two held-out checks, each at the threshold of least cost when a wrong name
 * costs WRONG_COST withheld ones:
 * - fitted on fold A, threshold chosen on fold A, figures on fold B;
 * - cross-validated by article (CV_PARTS parts: every quote scored by a model fitted without its article), the
 *   threshold chosen on those out-of-part scores.
 * The model written with `--write` (src/services/briefing/model/speaker-confidence.ts) is fitted on all the data, with
 * the cross-validated threshold: more of the rare wrong attributions to learn from than fold A alone holds.
 * `npx tsx eval/train-speaker-confidence.ts [--write]`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { creditedQuotes } from '../src/services/briefing/quotes.js';
import { segmentArticle } from '../src/services/briefing/segment.js';
import { SPEAKER_FEATURES, confidenceOf, type SpeakerModel } from '../src/services/briefing/speaker-confidence.js';
import { readJsonl, QuoteRecord } from './data.js';
import { foldOf, matchQuotes, partOf, speakerMatches } from './metrics.js';

const FILES = ['quotes-dev.jsonl', 'quotes-dev-polnear.jsonl'];
const LAMBDA = 1.0;
/** A wrong name under a quote, the worst error a newsroom tool can make, costs this many withheld ones. */
const WRONG_COST = 3;
const CV_PARTS = 5;

/** One matched, speaker-judged quote: its features (`null` when no one was credited), whether its speaker is right. */
type Example = { fold: 0 | 1; part: number; file: string; features: number[] | null; right: boolean; goldNull: boolean; weight: number };

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
          part: partOf(record.id, CV_PARTS),
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

/** What a threshold gives on some examples: speaker accuracy, wrong-speaker rate, share withheld, and the cost. */
type Figures = { accuracy: number; wrong: number; nulls: number; cost: number };

/** The figures of `examples` when speakers whose score is below `threshold` are withheld. */
function figures(examples: readonly Example[], scoreOf: (e: Example) => number, threshold: number): Figures {
  let right = 0;
  let named = 0;
  let wrong = 0;
  let cost = 0;
  for (const e of examples) {
    const shown = e.features !== null && scoreOf(e) >= threshold;
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

const THRESHOLDS = Array.from({ length: 39 }, (_, i) => (i * 25) / 1000);

/** The threshold of least cost on `examples`. */
function cheapest(examples: readonly Example[], scoreOf: (e: Example) => number): number {
  let chosen = 0;
  let best = Infinity;
  for (const t of THRESHOLDS) {
    const { cost } = figures(examples, scoreOf, t);
    if (cost < best) {
      best = cost;
      chosen = t;
    }
  }
  return chosen;
}

function scorer(weights: number[]): (e: Example) => number {
  const model: SpeakerModel = { features: SPEAKER_FEATURES, weights, threshold: 0 };
  return (e) => (e.features === null ? 0 : confidenceOf(e.features, model));
}

const show = (f: Figures): string => `${f.accuracy.toFixed(3)}  ${f.wrong.toFixed(3)}  ${f.nulls.toFixed(3)}`;
const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** One line per file and set: speaker accuracy, wrong-speaker rate and share withheld, before and at the threshold. */
function report(title: string, sets: readonly [string, (e: Example) => boolean][], scoreOf: (e: Example) => number, threshold: number): void {
  print(`${title}, threshold ${threshold}`);
  print('  file          set     no threshold: spk-acc wrong  null    at threshold: spk-acc wrong  null');
  for (const file of FILES) {
    for (const [name, inSet] of sets) {
      const own = examples.filter((e) => e.file === file && inSet(e));
      print(`  ${file.slice(0, 12).padEnd(12)}  ${name.padEnd(6)}  ${show(figures(own, scoreOf, 0))}           ${show(figures(own, scoreOf, threshold))}`);
    }
  }
}

const examples = loadExamples();
if (examples.length === 0) {
  print('train-speaker-confidence skipped: no quote files in ../shared/data');
} else {
  const foldA = examples.filter((e) => e.fold === 0);
  const byFoldA = scorer(fit(foldA));
  report('fitted on fold A, threshold chosen on fold A', [['fold B', (e) => e.fold === 1]], byFoldA, cheapest(foldA, byFoldA));

  const outOfPart = new Map<Example, number>();
  for (let part = 0; part < CV_PARTS; part += 1) {
    const scoreOf = scorer(fit(examples.filter((e) => e.part !== part)));
    for (const e of examples) if (e.part === part) outOfPart.set(e, scoreOf(e));
  }
  const crossValidated = (e: Example): number => outOfPart.get(e) ?? 0;
  const threshold = cheapest(examples, crossValidated);
  const sets: [string, (e: Example) => boolean][] = [
    ['all', () => true],
    ['fold A', (e) => e.fold === 0],
    ['fold B', (e) => e.fold === 1],
  ];
  report(`cross-validated by article (${CV_PARTS} parts)`, sets, crossValidated, threshold);
  print('cross-validated, by threshold (all articles): spk-acc wrong null per file');
  for (const t of THRESHOLDS.filter((_, i) => i % 2 === 0 && i >= 16)) {
    const cells = FILES.map((file) => show(figures(examples.filter((e) => e.file === file), crossValidated, t)));
    print(`  ${t.toFixed(2)}  ${cells.join('    ')}`);
  }

  const weights = fit(examples);
  print('weights (fitted on all):');
  SPEAKER_FEATURES.forEach((name, i) => print(`  ${name.padEnd(22)} ${(weights[i] ?? 0).toFixed(3)}`));
  if (process.argv.includes('--write')) {
    const path = join(import.meta.dirname, '..', 'src', 'services', 'briefing', 'model', 'speaker-confidence.ts');
    writeFileSync(
      path,
      `import type { SpeakerModel } from '../speaker-confidence.js';

/**
 * The quote speaker confidence model: logistic regression (lambda ${LAMBDA}) fitted on all of ${FILES.join(' and ')} by
 * eval/train-speaker-confidence.ts, each file weighing alike, with the threshold of least cross-validated cost when a
 * wrong name costs ${WRONG_COST} withheld ones.
 * Regenerate with \`npx tsx eval/train-speaker-confidence.ts --write\`; never hand-edit.
 */
export const SPEAKER_MODEL: SpeakerModel = {
  features: ${JSON.stringify(SPEAKER_FEATURES)},
  weights: ${JSON.stringify(weights.map((w) => Number(w.toFixed(4))))},
  threshold: ${threshold},
};
`,
    );
    print(`wrote ${path}`);
  }
}
