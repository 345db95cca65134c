import { buildBrief } from '../src/services/briefing/brief.js';
import type { Bullet } from '../src/services/briefing/types.js';
import { readJsonl, SummaryRecord } from './data.js';

/**
 * Reading checks on the bullets of a summaries file, counted independently of the briefing engine's own rules:
 * - `dangling`: a first bullet that opens with a pronoun or connective (`She`, `But`, `However`), which leans on a
 *   sentence the reader has not seen;
 * - `quote fragment`: a bullet that is a piece of a quotation rather than story text: its quotation marks do not
 *   balance, it starts inside a quotation that an earlier sentence opened, or it opens with a quotation mark.
 */
export type BriefCheckRow = { setting: string; briefs: number; bullets: number; dangling: number; unbalanced: number; inside: number; quoteLed: number };

const DANGLING_OPENING = /^["“‘']?(?:He|She|It|They|His|Her|Its|Their|This|That|These|Those|But|And|However|So|Yet|Also|Meanwhile|Still|Instead|Then)\b/;

/** Whether the article text before `at` leaves a quotation open (straight marks counted in pairs, curly by depth). */
function isInsideQuote(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = text.slice(lineStart, at);
  const straight = before.match(/"/g)?.length ?? 0;
  const opened = before.match(/“/g)?.length ?? 0;
  const closed = before.match(/”/g)?.length ?? 0;
  return straight % 2 === 1 || opened > closed;
}

function isUnbalanced(text: string): boolean {
  return (text.match(/"/g)?.length ?? 0) % 2 === 1 || (text.match(/“/g)?.length ?? 0) !== (text.match(/”/g)?.length ?? 0);
}

export function checkBriefs(file: string, settings: readonly { name: string; bullets?: number }[]): BriefCheckRow[] | undefined {
  const records = readJsonl(file, SummaryRecord);
  if (records === undefined) return undefined;
  return settings.map(({ name, bullets }) => {
    const row: BriefCheckRow = { setting: name, briefs: 0, bullets: 0, dangling: 0, unbalanced: 0, inside: 0, quoteLed: 0 };
    for (const record of records) {
      const brief = buildBrief({ title: record.title ?? '', text: record.text }, bullets === undefined ? {} : { bullets });
      row.briefs += 1;
      if (DANGLING_OPENING.test(brief.bullets[0]?.text ?? '')) row.dangling += 1;
      for (const bullet of brief.bullets) countBullet(row, record.text, bullet);
    }
    return row;
  });
}

function countBullet(row: BriefCheckRow, text: string, bullet: Bullet): void {
  row.bullets += 1;
  if (isUnbalanced(bullet.text)) row.unbalanced += 1;
  if (isInsideQuote(text, bullet.start)) row.inside += 1;
  if (/^["“‘']/.test(bullet.text)) row.quoteLed += 1;
}

export function printBriefChecks(file: string, rows: readonly BriefCheckRow[], print: (line: string) => void): void {
  print(`\n${file}  bullet reading checks (counts)`);
  print('  setting       briefs  bullets  dangling-first  unbalanced-quote  inside-quote  quote-led');
  for (const r of rows) {
    print(
      `  ${r.setting.padEnd(13)} ${String(r.briefs).padStart(6)}  ${String(r.bullets).padStart(7)}  ${String(r.dangling).padStart(14)}  ${String(r.unbalanced).padStart(16)}  ${String(r.inside).padStart(12)}  ${String(r.quoteLed).padStart(9)}`,
    );
  }
}
