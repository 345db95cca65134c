import { splitSentences } from '../src/services/briefing/segment.js';
import { readJsonl, SummaryRecord } from './data.js';
import { rougeLsum, rougeN, stemmedTokens } from './metrics.js';

/** The hand-written alternative wink-nlp is measured against: split after . ! ? (and closing quotes) before a capital. */
export function regexSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?]["”’']?)\s+(?=["“‘']?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

type SplitRow = { name: string; precision: number; recall: number; f1: number; exact: number };

/**
 * Sentence-splitting accuracy on real text with known boundaries: each article's reference highlights (one sentence a
 * line, written by the publisher) are joined with spaces and split again; a predicted sentence is right when it equals
 * a highlight. Also Lead-3 ROUGE with each splitter, since Lead-3 and the bullets are only as good as the split.
 */
export function evalSplitters(): { rows: SplitRow[]; lead3: Array<{ name: string; r1: number; r2: number; rl: number }> } | undefined {
  const records = readJsonl('summaries-dev.jsonl', SummaryRecord);
  if (records === undefined) return undefined;
  const splitters: Array<[string, (text: string) => string[]]> = [
    ['wink-nlp (newsbrief)', (t) => splitSentences(t).map((s) => s.text)],
    ['regex', regexSentences],
  ];
  const rows: SplitRow[] = [];
  const lead3: Array<{ name: string; r1: number; r2: number; rl: number }> = [];
  for (const [name, split] of splitters) {
    let predicted = 0;
    let gold = 0;
    let hits = 0;
    let exact = 0;
    let r1 = 0;
    let r2 = 0;
    let rl = 0;
    for (const record of records) {
      const lines = record.reference.split('\n').map((l) => l.trim()).filter(Boolean);
      const pieces = split(lines.join(' '));
      const wanted = new Set(lines);
      predicted += pieces.length;
      gold += lines.length;
      hits += pieces.filter((p) => wanted.has(p)).length;
      if (pieces.length === lines.length && pieces.every((p, i) => p === lines[i])) exact += 1;
      const reference = lines.map(stemmedTokens);
      const lead = split(record.text).slice(0, 3).map(stemmedTokens);
      r1 += rougeN(lead.flat(), reference.flat(), 1).f;
      r2 += rougeN(lead.flat(), reference.flat(), 2).f;
      rl += rougeLsum(lead, reference).f;
    }
    const precision = hits / predicted;
    const recall = hits / gold;
    rows.push({ name, precision, recall, f1: (2 * precision * recall) / (precision + recall), exact: exact / records.length });
    lead3.push({ name, r1: (100 * r1) / records.length, r2: (100 * r2) / records.length, rl: (100 * rl) / records.length });
  }
  return { rows, lead3 };
}

export function printSplitEval(result: NonNullable<ReturnType<typeof evalSplitters>>, print: (line: string) => void): void {
  print('\nsentence splitting (summaries-dev.jsonl highlights joined and split again; Lead-3 ROUGE F1 x100 per splitter)');
  print('  splitter               P      R      F1     articles exact   lead-3 R1  R2     RLsum');
  result.rows.forEach((row, i) => {
    const lead = result.lead3[i];
    print(
      `  ${row.name.padEnd(22)} ${row.precision.toFixed(3)}  ${row.recall.toFixed(3)}  ${row.f1.toFixed(3)}  ${row.exact.toFixed(3)}            ${lead?.r1.toFixed(2)}  ${lead?.r2.toFixed(2)}  ${lead?.rl.toFixed(2)}`,
    );
  });
}
