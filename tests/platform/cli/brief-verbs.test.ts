import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { quotesBy } from '../../../src/commands/quotes.js';
import { runBatch } from '../../../src/platform/cli/brief-verbs.js';
import type { Quote } from '../../../src/services/briefing/types.js';

const fixture = readFileSync(new URL('../../fixtures/briefing-article.txt', import.meta.url), 'utf8');
const [title = '', ...rest] = fixture.split('\n');
const text = rest.join('\n');

const OutputLine = z.object({
  id: z.string(),
  bullets: z.array(z.string()),
  quotes: z.array(z.object({ quote: z.string(), speaker: z.string().nullable() })),
});

async function batch(mode: 'brief' | 'quotes', lines: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const result = await runBatch(mode, Readable.from(lines.join('\n')), (l) => out.push(l), (l) => err.push(l), {});
  return { out: out.map((l) => OutputLine.parse(JSON.parse(l))), err, result };
}

describe('runBatch', () => {
  it('writes one brief line per input line with bullets and key quotes', async () => {
    const { out, result } = await batch('brief', [JSON.stringify({ id: 'a1', title, text })]);
    expect(result).toEqual({ ok: 1, bad: 0 });
    expect(out[0]?.id).toBe('a1');
    expect(out[0]?.bullets).toHaveLength(4);
    for (const bullet of out[0]?.bullets ?? []) expect(text).toContain(bullet);
    expect(out[0]?.quotes.length).toBeGreaterThan(0);
  });

  it('gives every quote for the quotes verb, with speakers', async () => {
    const { out } = await batch('quotes', [JSON.stringify({ id: 'a1', text })]);
    expect(out[0]?.bullets).toEqual([]);
    expect(out[0]?.quotes.map((q) => q.speaker)).toContain('Piet Varga');
  });

  it('reports bad lines with their line number and goes on', async () => {
    const { out, err, result } = await batch('brief', [
      '{not json',
      JSON.stringify({ id: 'x', text: '' }),
      JSON.stringify({ id: 'ok', text: 'The council met on Monday. It voted to close the pier. Crews were not told.' }),
      JSON.stringify({ text: 'No id on this line.' }),
    ]);
    expect(result).toEqual({ ok: 1, bad: 3 });
    expect(err[2]).toBe('line 4: id is missing');
    expect(err[0]).toMatch(/^line 1: /);
    expect(err[1]).toBe('line 2: text is empty');
    expect(out.map((o) => o.id)).toEqual(['ok']);
  });
});

describe('quotes --speaker (the /quotes speaker match)', () => {
  const quote = (speaker: string | null): Quote => ({
    text: 'We will rebuild the pier.',
    start: 0,
    end: 25,
    parts: [{ start: 0, end: 25 }],
    speaker,
    speakerRole: null,
    kind: 'direct',
    sentenceIndex: 0,
  });
  const matches = (speaker: string | null, typed: string): boolean => quotesBy([quote(speaker)], typed).length === 1;

  it('matches a full name, a surname or any part, ignoring case', () => {
    expect(matches('Kaja Kallas', 'kallas')).toBe(true);
    expect(matches('Kaja Kallas', 'Kaja Kallas')).toBe(true);
    expect(matches('Kaja Kallas', 'Trump')).toBe(false);
    expect(matches(null, 'Trump')).toBe(false);
  });
});
