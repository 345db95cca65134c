import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCluster } from '../../../src/platform/cli/cluster-verbs.js';

const OutputLine = z.strictObject({ id: z.string(), story: z.string() });

async function cluster(lines: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const result = await runCluster(Readable.from(lines.join('\n')), (l) => out.push(l), (l) => err.push(l));
  return { out: out.map((l) => OutputLine.parse(JSON.parse(l))), err, result };
}

describe('runCluster', () => {
  it('writes one story line per article, the same story for the same event', async () => {
    const { out, result } = await cluster([
      JSON.stringify({ id: 'n2', title: 'Kestrel Bridge closes after cracks found in main span', publishedAt: '2026-11-02T09:40:00Z', outlet: 'Metro Wire' }),
      JSON.stringify({ id: 'n1', title: 'Cracks in main span close Kestrel Bridge', publishedAt: '2026-11-02T09:00:00Z' }),
      JSON.stringify({ id: 'n3', title: 'Choir from Dunmore wins national festival', text: 'The Dunmore choir took first prize.', publishedAt: '2026-11-02T10:00:00Z' }),
    ]);
    expect(result).toEqual({ ok: 3, bad: 0 });
    expect(out.map((o) => o.id)).toEqual(['n2', 'n1', 'n3']);
    expect(out[0]?.story).toBe('n1');
    expect(out[1]?.story).toBe('n1');
    expect(out[2]?.story).toBe('n3');
  });

  it('names each bad line and what is wrong with it, and goes on', async () => {
    const { out, err, result } = await cluster([
      '{not json',
      JSON.stringify({ id: 'x', title: 'Tram fares rise in January' }),
      JSON.stringify({ id: 'y', title: '', publishedAt: '2026-11-02T09:00:00Z' }),
      JSON.stringify({ id: 'ok', title: 'Tram fares rise in January', publishedAt: '2026-11-02T09:00:00Z' }),
    ]);
    expect(result).toEqual({ ok: 1, bad: 3 });
    expect(err[0]).toMatch(/^line 1: not valid JSON/);
    expect(err[1]).toBe('line 2: publishedAt must be a date and time like 2026-11-25T09:00:00Z');
    expect(err[2]).toBe('line 3: title cannot be empty');
    expect(out.map((o) => o.id)).toEqual(['ok']);
  });
});
