import { describe, expect, it } from 'vitest';
import { IngestError } from '../../../src/errors.js';
import { assertReadableHtml, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, measureHtml, startCpuBudget } from '../../../src/services/ingest/html-limits.js';

describe('measureHtml', () => {
  it('counts elements and nesting', () => {
    expect(measureHtml('<html><body><div><p>One <b>two</b></p></div></body></html>')).toEqual({ elements: 5, depth: 5 });
  });

  it('does not nest void elements, self-closed tags, comments or script text', () => {
    const html = '<div><br><img src="x"><hr/><!-- <div><div> --><script>if (a<b) { "<div><div><div>" }</script><p>x</p></div>';
    expect(measureHtml(html)).toEqual({ elements: 6, depth: 2 });
  });

  it('closes paragraphs, list items and cells whose end tags are left out, as HTML does', () => {
    const rows = '<tr><td>a<td>b'.repeat(500);
    const html = `<body>${'<p>para'.repeat(500)}<ul>${'<li>item'.repeat(500)}</ul><table><tbody>${rows}</tbody></table></body>`;
    expect(measureHtml(html).depth).toBeLessThanOrEqual(5);
  });

  it('counts unclosed nesting elements as nesting', () => {
    expect(measureHtml('<div>'.repeat(300)).depth).toBeGreaterThan(MAX_HTML_DEPTH);
  });

  it('reads a stray "<" without its ">" as text', () => {
    expect(measureHtml(`${'<a'.repeat(10_000)}<p>x</p>`)).toEqual({ elements: 1, depth: 1 });
  });
});

describe('assertReadableHtml', () => {
  const refusal = (html: string): IngestError => {
    try {
      assertReadableHtml(html, 'page.html');
    } catch (error) {
      return error as IngestError;
    }
    throw new Error('not refused');
  };

  it('refuses HTML nested deeper than the cap, naming the source', () => {
    const error = refusal(`${'<div>'.repeat(1_000)}text${'</div>'.repeat(1_000)}`);
    expect(error).toBeInstanceOf(IngestError);
    expect(error.code).toBe('too_complex');
    expect(error.message).toBe(`page.html nests its HTML more than ${MAX_HTML_DEPTH} elements deep; newsbrief does not read such documents.`);
  });

  it('refuses HTML with more elements than the cap', () => {
    expect(refusal('<span>x</span>'.repeat(MAX_HTML_ELEMENTS + 1)).message).toContain(`more than ${MAX_HTML_ELEMENTS} HTML elements`);
  });

  it('accepts ordinary HTML', () => {
    expect(() => assertReadableHtml('<article><p>One.</p><p>Two.</p></article>', 'page.html')).not.toThrow();
  });
});

describe('startCpuBudget', () => {
  it('throws too_complex once the CPU time is used up', () => {
    const budget = startCpuBudget(1);
    let spin = 0;
    while (!budget.isSpent()) spin += 1;
    expect(spin).toBeGreaterThan(0);
    expect(() => budget.check('feed.xml')).toThrow(/^feed\.xml took more than 1 ms of CPU time to read/);
  });
});
