import { describe, expect, it } from 'vitest';
import { escapeText } from '../../src/render/embed.js';
import { renderSearch } from '../../src/render/search.js';
import { markdownToText, renderText } from '../../src/render/text.js';

describe('markdownToText', () => {
  it('shows inline code, links without preview, masked links, small text and channels as plain text', () => {
    const markup = '**Saved** · id `0a1b2c3d4e5f`\n<https://harbour.example/a>\n[Read it](https://harbour.example/b)\n-# posted <#123456789012345678>';
    expect(markdownToText(markup)).toBe(
      'Saved · id 0a1b2c3d4e5f\nhttps://harbour.example/a\nRead it (https://harbour.example/b)\nposted #123456789012345678',
    );
  });

  it('leaves escaped article text as the article wrote it', () => {
    const raw = 'a `tick`, **not bold**\n-# not small\n# not a heading\n> not quoted';
    expect(markdownToText(escapeText(raw))).toBe(raw);
  });
});

describe('renderText', () => {
  it('shows a search answer without Discord markup', () => {
    const text = renderText(
      renderSearch('ferry', [
        {
          id: '0a1b2c3d4e5f',
          title: 'Ferry timetable changes',
          url: 'https://harbour.example/ferry',
          outlet: 'Harbour Post',
          section: null,
          publishedAt: '2026-11-20T09:00:00.000Z',
          score: 1,
          snippet: 'The ferry will run later.',
        },
      ], { timeZone: 'UTC' }),
    );
    expect(text).toContain('Harbour Post · 20 Nov 2026 · id 0a1b2c3d4e5f\n  https://harbour.example/ferry');
    expect(text).not.toMatch(/`|<https/);
  });
});
