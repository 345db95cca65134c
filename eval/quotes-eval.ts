import { extractQuotes } from '../src/services/briefing/quotes.js';
import { readJsonl, QuoteRecord } from './data.js';
import { emptyCounts, foldOf, naiveQuotes, notAMention, quoteFigures, scoreQuotes, type GoldQuote, type QuoteCounts } from './metrics.js';

export type QuoteEvalRow = { name: string; ours: QuoteCounts; naive: QuoteCounts };
/** A predicted speaker that is not a mention of a person, organisation or role, with why and how often. */
export type NonMention = { speaker: string; reason: string; count: number };
export type QuoteEval = { rows: QuoteEvalRow[]; nonMentions: NonMention[] };

/** Scores `extractQuotes` and the naive baseline on one quotes file, overall and per fold. */
export function evalQuotes(file: string): QuoteEval | undefined {
  const records = readJsonl(file, QuoteRecord);
  if (records === undefined) return undefined;
  const rows: QuoteEvalRow[] = [
    { name: 'all', ours: emptyCounts(), naive: emptyCounts() },
    { name: 'fold A', ours: emptyCounts(), naive: emptyCounts() },
    { name: 'fold B', ours: emptyCounts(), naive: emptyCounts() },
  ];
  const nonMentions = new Map<string, NonMention>();
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
    for (const { speaker } of ours) {
      const reason = speaker === null ? null : notAMention(speaker, record.text);
      if (speaker === null || reason === null) continue;
      const seen = nonMentions.get(speaker) ?? { speaker, reason, count: 0 };
      seen.count += 1;
      nonMentions.set(speaker, seen);
    }
  }
  return { rows, nonMentions: [...nonMentions.values()].sort((a, b) => b.count - a.count || a.speaker.localeCompare(b.speaker)) };
}

export function printQuoteEval(file: string, result: QuoteEval, print: (line: string) => void): void {
  print(`\n${file}`);
  print('  set      system    P      R      F1     spk-acc  quote+spk F1  wrong-spk  null-spk  (n gold / n pred)');
  for (const row of result.rows) {
    for (const [name, counts] of [['newsbrief', row.ours], ['naive', row.naive]] as const) {
      const f = quoteFigures(counts);
      const percent = (x: number): string => `${(100 * x).toFixed(1)}%`.padStart(6);
      print(
        `  ${row.name.padEnd(8)} ${name.padEnd(9)} ${f.p.toFixed(3)}  ${f.r.toFixed(3)}  ${f.f1.toFixed(3)}  ${f.speakerAcc.toFixed(3)}    ${f.withSpeakerF1.toFixed(3)}        ${percent(f.wrongSpeakerRate)}     ${percent(f.nullShare)}    (${counts.gold} / ${counts.predicted})`,
      );
    }
  }
  const listed = result.nonMentions.map((m) => `${m.speaker} (${m.reason}${m.count > 1 ? `, ${m.count}x` : ''})`);
  print(`  speakers that are not a person, organisation or role mention: ${listed.length === 0 ? 'none' : listed.join('; ')}`);
}
