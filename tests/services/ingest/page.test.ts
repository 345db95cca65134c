import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../../src/errors.js';
import { htmlToText, isSameSite, parsePage } from '../../../src/services/ingest/page.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');

describe('parsePage', () => {
  const article = parsePage(fixture('article-page.html'), 'https://ledger.example/news/harbour-bridge-reopens');

  it('reads the metadata of the page', () => {
    expect(article).toMatchObject({
      url: 'https://ledger.example/news/harbour-bridge-reopens?utm_source=rss',
      title: 'Harbour bridge reopens after six weeks of repairs',
      authors: ['Maria Okafor'],
      outlet: 'The Riverside Ledger',
      publishedAt: '2025-06-10T06:30:00.000Z',
      section: 'Local',
      tags: ['transport'],
      language: 'en-GB',
    });
  });

  it('keeps paragraphs apart and drops figure captions, navigation and scripts', () => {
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(5);
    expect(paragraphs).toContain(
      'The Harbour bridge reopened to traffic on Tuesday morning after six weeks of repairs to its steel deck, the city council said.',
    );
    expect(article.text).toContain('"We found more rust than the survey had suggested," said Tomas Lindqvist');
    expect(article.text).not.toContain('The bridge at dawn');
    expect(article.text).not.toContain('__executed');
    expect(article.text).not.toContain('Home');
  });

  it('reads JSON-LD when meta tags are missing', () => {
    const html = `<html><head><title>x</title><script type="application/ld+json">
      {"@context":"https://schema.org","@type":"NewsArticle","headline":"Council approves budget",
       "datePublished":"2025-03-01T10:00:00Z","author":[{"@type":"Person","name":"Lee Chen"}],
       "publisher":{"@type":"Organization","name":"Metro Daily"},"articleSection":"Politics"}</script></head>
      <body><article><p>${'The council approved the budget after a long debate. '.repeat(12)}</p>
      <p>${'Members argued about the library fund. '.repeat(12)}</p></article></body></html>`;
    const parsed = parsePage(html, 'https://metro.example/a/1');
    expect(parsed).toMatchObject({
      title: 'Council approves budget',
      authors: ['Lee Chen'],
      outlet: 'Metro Daily',
      section: 'Politics',
      publishedAt: '2025-03-01T10:00:00.000Z',
      url: 'https://metro.example/a/1',
    });
    expect(parsed.text.split('\n\n')).toHaveLength(2);
  });

  describe('identity URL', () => {
    const page = (head: string): string =>
      `<html><head><title>Ferry timetable</title>${head}</head><body><article><p>${'The winter ferry timetable starts on Monday with two fewer crossings. '.repeat(8)}</p></article></body></html>`;

    it('takes a canonical URL on the same registrable domain', () => {
      const parsed = parsePage(page('<link rel="canonical" href="https://courier.example/ferry">'), 'https://www.courier.example/amp/ferry');
      expect(parsed.url).toBe('https://courier.example/ferry');
    });

    it.each([
      ['a canonical link', '<link rel="canonical" href="https://victim.example/ferry">'],
      ['og:url', '<meta property="og:url" content="https://victim.example/ferry">'],
      ['a canonical link on a sibling of a private suffix', '<link rel="canonical" href="https://victim.github.io/ferry">'],
    ])('keeps the fetched URL when %s names another site', (_name, head) => {
      expect(parsePage(page(head), 'https://attacker.github.io/ferry').url).toBe('https://attacker.github.io/ferry');
    });

    it('takes the first declared URL on the same site, passing over another site', () => {
      const head = '<link rel="canonical" href="https://elsewhere.example/x"><meta property="og:url" content="https://courier.example/ferry">';
      expect(parsePage(page(head), 'https://news.courier.example/ferry?ref=1').url).toBe('https://courier.example/ferry');
    });
  });

  it.each([1_000, 20_000])('refuses a page of %i nested divs before reading it, naming it', (levels) => {
    const html = `<html><body>${'<div>'.repeat(levels)}<p>${'Deep text. '.repeat(30)}</p>${'</div>'.repeat(levels)}</body></html>`;
    expect(() => parsePage(html, 'https://deep.example/a')).toThrow(
      expect.objectContaining({ code: 'too_complex', message: expect.stringContaining('https://deep.example/a nests its HTML more than') }),
    );
  });

  it('reads a page whose paragraphs and list items leave out their end tags', () => {
    const html = `<html><head><title>Old markup</title></head><body><article>${'<p>The old site never closes a paragraph, and that is fine. '.repeat(400)}<ul>${'<li>a list item'.repeat(300)}</ul></article></body></html>`;
    expect(parsePage(html, 'https://old.example/a').text).toContain('The old site never closes a paragraph');
  });

  it('does not run the page scripts', () => {
    const html = `<html><head><title>t</title><script>document.title = 'changed by script'</script></head>
      <body><article><p>${'Plain reporting with enough words to count as an article. '.repeat(10)}</p></article></body></html>`;
    expect(parsePage(html, 'https://x.example/s').title).toBe('t');
  });

  it('refuses a page with no readable text', () => {
    expect(() => parsePage(fixture('empty-page.html'), 'https://app.example/')).toThrow(IngestError);
    try {
      parsePage(fixture('empty-page.html'), 'https://app.example/');
    } catch (error) {
      expect((error as IngestError).code).toBe('empty_article');
      expect((error as IngestError).message).toContain('https://app.example/');
    }
  });
});

describe('htmlToText', () => {
  it('turns block elements into paragraphs', () => {
    expect(htmlToText('<p>One <b>bold</b>\n word.</p><div>Two</div><ul><li>Three</li><li>Four</li></ul>')).toBe(
      'One bold word.\n\nTwo\n\nThree\n\nFour',
    );
  });

  it('decodes entities and keeps plain-text paragraphs', () => {
    expect(htmlToText('Fish &amp; chips.\n\nSecond  paragraph.')).toBe('Fish & chips.\n\nSecond paragraph.');
  });

  it('reads HTML nested up to the depth cap without overflowing the stack', () => {
    expect(htmlToText(`${'<span>'.repeat(250)}deep${'</span>'.repeat(250)}`)).toBe('deep');
  });

  it('refuses a fragment nested past the cap, naming the source given', () => {
    expect(() => htmlToText('<div>'.repeat(20_000), { source: 'item 4' })).toThrow(/^item 4 nests its HTML/);
  });

  it('drops figure captions and scripts', () => {
    expect(htmlToText('<figure><img src="x"><figcaption>Caption</figcaption></figure><p>Body</p><script>x()</script>')).toBe('Body');
  });
});

describe('isSameSite', () => {
  it('compares registrable domains by the public suffix list', () => {
    expect(isSameSite('https://news.bbc.co.uk/a', 'https://www.bbc.co.uk/b')).toBe(true);
    expect(isSameSite('https://bbc.co.uk/a', 'https://other.co.uk/b')).toBe(false);
    expect(isSameSite('https://a.github.io/', 'https://b.github.io/')).toBe(false);
  });

  it('requires hosts without a registrable domain to match exactly', () => {
    expect(isSameSite('http://127.0.0.1:8080/a', 'http://127.0.0.1:9090/b')).toBe(true);
    expect(isSameSite('http://127.0.0.1/a', 'http://127.0.0.2/b')).toBe(false);
    expect(isSameSite('http://localhost/a', 'http://127.0.0.1/b')).toBe(false);
  });
});
