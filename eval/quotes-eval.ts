import { extractQuotes } from '../src/services/briefing/quotes.js';
import { readJsonl, QuoteRecord } from './data.js';
import { emptyCounts, foldOf, naiveQuotes, quoteFigures, scoreQuotes, type GoldQuote, type QuoteCounts } from './metrics.js';

export type QuoteEvalRow = { name: string; ours: QuoteCounts; naive: QuoteCounts };

/** Scores `extractQuotes` and the naive baseline on one quotes file, overall and per fold. */
export function evalQuotes(file: string): QuoteEvalRow[] | undefined {
  const records = readJsonl(file, QuoteRecord);
  if (records === undefined) return undefined;
  const rows: QuoteEvalRow[] = [
    { name: 'all', ours: emptyCounts(), naive: emptyCounts() },
    { name: 'fold A', ours: emptyCounts(), naive: emptyCounts() },
    { name: 'fold B', ours: emptyCounts(), naive: emptyCounts() },
  ];
  for (const record of records) {
    const gold: GoldQuote[] = record.quotes.map((q) => ({
      quote: q.quote,
      speaker: q.speaker,
      scorable: q.speaker_scorable !== false,
    }));
    const ours = extractQuotes({ title: record.title ?? '', text: record.text }).map((q) => ({ quote: q.text, speaker: q.speaker }));
    const naive = naiveQuotes(record.text);
    for (const row of [rows[0], rows[1 + foldOf(record.id)]]) {
      if (row === undefined) continue;
      scoreQuotes(ours, gold, row.ours);
      scoreQuotes(naive, gold, row.naive);
    }
  }
  return rows;
}

export function printQuoteEval(file: string, rows: readonly QuoteEvalRow[], print: (line: string) => void): void {
  print(`\n${file}`);
  print('  set      system    P      R      F1     spk-acc  quote+spk F1   (n gold / n pred)');
  for (const row of rows) {
    for (const [name, counts] of [['newsbrief', row.ours], ['naive', row.naive]] as const) {
      const f = quoteFigures(counts);
      print(
        `  ${row.name.padEnd(8)} ${name.padEnd(9)} ${f.p.toFixed(3)}  ${f.r.toFixed(3)}  ${f.f1.toFixed(3)}  ${f.speakerAcc.toFixed(3)}    ${f.withSpeakerF1.toFixed(3)}          (${counts.gold} / ${counts.predicted})`,
      );
    }
  }
}
