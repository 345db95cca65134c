/**
 * `npx tsx eval/quote-misses.ts <file> [A|B]`: lists, for one quotes file and fold, the quotes newsbrief predicts that
 * the annotators did not mark (FP), the marked quotes it misses (MISS) and the matched quotes whose speaker is wrong
 * (SPK), each with its place in the article, to read errors by kind. Pairs quotes as eval/metrics.ts scores them.
 */
import { extractQuotes } from '../src/services/briefing/quotes.js';
import { readJsonl, QuoteRecord } from './data.js';
import { foldOf, matchQuotes, speakerMatches } from './metrics.js';

const file = process.argv[2] ?? 'quotes-dev-polnear.jsonl';
const fold = (process.argv[3] ?? 'A') === 'A' ? 0 : 1;
const records = readJsonl(file, QuoteRecord) ?? [];
const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
// Paragraph breaks show as ¶: whether a quote runs across paragraphs decides most joining errors.
const oneLine = (s: string): string => s.replace(/\n+/g, ' ¶ ').replace(/\s+/g, ' ');
const around = (text: string, start: number, end: number): string =>
  oneLine(`${text.slice(Math.max(0, start - 120), start)}[[${text.slice(start, end)}]]${text.slice(end, end + 100)}`);

for (const record of records) {
  if (foldOf(record.id) !== fold) continue;
  const ours = extractQuotes({ title: record.title ?? '', text: record.text });
  const matchOf = matchQuotes(ours.map((q) => q.text), record.quotes.map((q) => q.quote));
  const usedG = new Set(matchOf.values());
  for (const [i, q] of ours.entries()) {
    const j = matchOf.get(i);
    if (j === undefined) {
      // A piece of a quote the annotators marked as one with other pieces, or a passage they did not mark at all.
      const inside = record.quotes.some((g) => g.start !== undefined && g.end !== undefined && q.start < g.end && q.end > g.start);
      print(`FP${inside ? 'p' : 'n'}  ${record.id} ${q.kind} spk=${q.speaker}\n     ${around(record.text, q.start, q.end)}`);
      for (const g of record.quotes) {
        if (inside && g.start !== undefined && g.end !== undefined && q.start < g.end && q.end > g.start) print(`     gold: ${oneLine(record.text.slice(g.start, g.end))}`);
      }
      continue;
    }
    const g = record.quotes[j];
    if (g === undefined || g.speaker_scorable === false || speakerMatches(q.speaker, g.speaker)) continue;
    print(`SPK  ${record.id} ${q.kind} pred=${q.speaker} gold=${g.speaker}\n     ${around(record.text, q.start, q.end)}`);
  }
  for (const [j, g] of record.quotes.entries()) {
    if (usedG.has(j)) continue;
    const at = g.start ?? record.text.indexOf(g.quote);
    const where = at >= 0 ? around(record.text, at, at + g.quote.length) : oneLine(g.quote);
    // Inside a predicted quote (joined to its neighbour), or found nowhere.
    const joined = at >= 0 && ours.some((q) => q.start < at + g.quote.length && q.end > at);
    print(`MISS${joined ? 'j' : 'n'} ${record.id} ${g.kind ?? ''} gold=${g.speaker}\n     ${where}`);
  }
}
