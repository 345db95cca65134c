import { buildBrief } from '../src/services/briefing/brief.js';
import { splitSentences } from '../src/services/briefing/segment.js';
import { readJsonl, SummaryRecord } from './data.js';
import { foldOf, rougeLsum, rougeN, stemmedTokens } from './metrics.js';

type Sums = { r1: number; r2: number; rl: number; n: number; tokens: number };
export type SummaryEvalRow = { name: string; systems: Map<string, Sums> };

/** A summariser under evaluation: the lines of its summary for one article. */
type System = { name: string; summarize: (record: SummaryRecord) => string[] };

export const SYSTEMS: readonly System[] = [
  { name: 'lead-3', summarize: (r) => splitSentences(r.text).slice(0, 3).map((s) => s.text) },
  { name: 'newsbrief', summarize: (r) => buildBrief({ title: r.title ?? '', text: r.text }).bullets.map((b) => b.text) },
  { name: 'newsbrief (3)', summarize: (r) => buildBrief({ title: r.title ?? '', text: r.text }, { bullets: 3 }).bullets.map((b) => b.text) },
  { name: 'newsbrief (4)', summarize: (r) => buildBrief({ title: r.title ?? '', text: r.text }, { bullets: 4 }).bullets.map((b) => b.text) },
];

/** ROUGE F1 (stemmed) of Lead-3 and newsbrief on one summaries file, overall and per fold. */
export function evalSummaries(file: string, systems: readonly System[] = SYSTEMS): SummaryEvalRow[] | undefined {
  const records = readJsonl(file, SummaryRecord);
  if (records === undefined) return undefined;
  const rows: SummaryEvalRow[] = ['all', 'fold A', 'fold B'].map((name) => ({ name, systems: new Map() }));
  for (const record of records) {
    const reference = record.reference.split('\n').map(stemmedTokens).filter((s) => s.length > 0);
    const refFlat = reference.flat();
    for (const system of systems) {
      const lines = system.summarize(record).map(stemmedTokens);
      const flat = lines.flat();
      const r1 = rougeN(flat, refFlat, 1).f;
      const r2 = rougeN(flat, refFlat, 2).f;
      const rl = rougeLsum(lines, reference).f;
      for (const row of [rows[0], rows[1 + foldOf(record.id)]]) {
        if (row === undefined) continue;
        const sums = row.systems.get(system.name) ?? { r1: 0, r2: 0, rl: 0, n: 0, tokens: 0 };
        sums.tokens += flat.length;
        sums.r1 += r1;
        sums.r2 += r2;
        sums.rl += rl;
        sums.n += 1;
        row.systems.set(system.name, sums);
      }
    }
  }
  return rows;
}

export function printSummaryEval(file: string, rows: readonly SummaryEvalRow[], print: (line: string) => void): void {
  print(`\n${file}  (ROUGE F1 x100, Porter-stemmed; ratio = system / lead-3)`);
  print('  set      system           R1     R2     RLsum   ratio R1  R2    RLsum   n    tokens');
  for (const row of rows) {
    const lead = row.systems.get('lead-3');
    for (const [name, s] of row.systems) {
      const f = (x: number): string => ((100 * x) / s.n).toFixed(2).padStart(6);
      const ratio = (x: number, y: number | undefined): string => (y === undefined || y === 0 ? '  -  ' : (x / y).toFixed(3));
      print(
        `  ${row.name.padEnd(8)} ${name.padEnd(16)} ${f(s.r1)} ${f(s.r2)} ${f(s.rl)}   ${ratio(s.r1 / s.n, lead && lead.r1 / lead.n)} ${ratio(s.r2 / s.n, lead && lead.r2 / lead.n)} ${ratio(s.rl / s.n, lead && lead.rl / lead.n)}  ${String(s.n).padEnd(4)} ${(s.tokens / s.n).toFixed(1)}`,
      );
    }
  }
}
