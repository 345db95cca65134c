import { describe, expect, it } from 'vitest';
import { classifyLine, segmentArticle, splitLines, splitSentences } from '../../../src/services/briefing/segment.js';

describe('splitSentences', () => {
  it('does not split at abbreviations, initials or dates', () => {
    const text = 'Mr. J. R. Hale met U.S. officials in Washington on Feb. 3. He left early. Dr. Ng stayed.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Mr. J. R. Hale met U.S. officials in Washington on Feb. 3.',
      'He left early.',
      'Dr. Ng stayed.',
    ]);
  });

  it('does not split after a unit that the sentence goes on from in lowercase', () => {
    const text = 'The walker lost 12 lbs. “and a lot of worry” that year. It weighs 5 kg. He lifts it daily.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'The walker lost 12 lbs. “and a lot of worry” that year.',
      'It weighs 5 kg.',
      'He lifts it daily.',
    ]);
  });

  it('keeps a sentence whole across a domain name', () => {
    const text = 'Ana Ruiz told Harbourwatch.com, “We are done.” The pier is shut, she wrote on Substack.com. Tomas Lind told CBC.ca that it was over. The BBC.co.uk site agreed.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Ana Ruiz told Harbourwatch.com, “We are done.”',
      'The pier is shut, she wrote on Substack.com.',
      'Tomas Lind told CBC.ca that it was over.',
      'The BBC.co.uk site agreed.',
    ]);
  });

  it('never starts a sentence with a comma', () => {
    const text = 'Ana Berg led the vote. Sen. Ana Ruiz (D-Mo.), who has backed Piet Varga, said the plan was stronger.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Ana Berg led the vote.',
      'Sen. Ana Ruiz (D-Mo.), who has backed Piet Varga, said the plan was stronger.',
    ]);
  });

  it('returns spans that slice back to the sentence text', () => {
    const text = 'First line here.\n\nSecond paragraph, “with a quote.” Another sentence!';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('never lets a sentence cross a line break', () => {
    const text = 'A line without a full stop\nThe next line is a sentence.';
    expect(splitSentences(text).every((s) => !s.text.includes('\n'))).toBe(true);
  });

  it('cuts a sentence that runs over several line breaks at each of them', () => {
    const text = 'The council met on Monday,\n\nand the mayor spoke for an hour,\r\nthen it voted. It adjourned.';
    expect(splitSentences(text).map((s) => [s.text, s.line])).toEqual([
      ['The council met on Monday,', 0],
      ['and the mayor spoke for an hour,', 1],
      ['then it voted.', 2],
      ['It adjourned.', 2],
    ]);
  });
});

describe('classifyLine', () => {
  it.each([
    ['By Ada Moss | The Ledger', 'byline'],
    ['Published February 28, 2026', 'dateline'],
    ['The mayor spoke on Monday. (Getty Images)', 'caption'],
    ['Ada Moss (Photo: Ben Roe/Ledger)', 'caption'],
    ['FLOODS CLOSE THE COAST ROAD: ‘WORST IN YEARS’', 'promo'],
    ['Read more: the story of the bridge', 'link'],
    ['Mayor defends the decision', 'heading'],
    ['The council met on Monday and voted to close the pier.', 'story'],
  ] as const)('classifies %s as %s', (line, kind) => {
    expect(classifyLine(line)).toBe(kind);
  });

  it('marks a repeated headline', () => {
    expect(classifyLine('Council closes pier', 'Council closes pier')).toBe('headline');
  });

  it('matches the headline whatever its case and punctuation, and nothing longer', () => {
    expect(classifyLine('COUNCIL CLOSES PIER!', 'Council closes pier')).toBe('headline');
    expect(classifyLine('Council closes the pier', 'Council closes pier')).toBe('heading');
  });

  it('reads closing quotes and brackets after the final punctuation as the end of a sentence', () => {
    expect(classifyLine('“We will reopen it,” she said.” ')).toBe('story');
    expect(classifyLine('(The pier opened in 1902.)')).toBe('story');
    expect(classifyLine('The pier, in pictures (')).toBe('heading');
  });

  it('counts words across any white space', () => {
    expect(classifyLine('Read more:\u00a0the\tstory of the bridge and the pier and the council vote.')).toBe('link');
    const long = `Read more about it ${'and more '.repeat(12)}here.`;
    expect(classifyLine(long)).toBe('story');
  });

  it('gives a credit only to a line that ends in parentheses', () => {
    expect(classifyLine('The pier at dawn (Photo: Ben Roe)\u00a0 ')).toBe('caption');
    expect(classifyLine('The pier at dawn (Photo: Ben Roe) was closed.')).toBe('story');
  });
});

describe('splitLines', () => {
  it('trims every kind of white space, including carriage returns', () => {
    const text = '  By Ada Moss\r\n\u00a0The council met on Monday.\u2009\r\n \t\r\nIt voted.';
    const lines = splitLines(text);
    expect(lines.map((l) => [text.slice(l.start, l.end), l.kind, l.index])).toEqual([
      ['By Ada Moss', 'byline', 0],
      ['The council met on Monday.', 'story', 1],
      ['It voted.', 'story', 2],
    ]);
  });
});

describe('segmentArticle', () => {
  it('keeps only story sentences', () => {
    const text = 'By Ada Moss\nThe council met on Monday. It voted.\nREAD MORE: OTHER NEWS\nA photo of the pier. (Reuters)';
    expect(segmentArticle(text).sentences.map((s) => s.text)).toEqual(['The council met on Monday.', 'It voted.']);
  });

  it('returns the same segmentation when the same article is segmented twice in a row', () => {
    const text = 'The ferry sailed at dawn. Its crew of four waved.\nThe harbour master watched.';
    const first = segmentArticle(text, 'Ferry sails');
    expect(segmentArticle(text, 'Ferry sails')).toBe(first);
    expect(segmentArticle(text)).not.toBe(first);
    expect(segmentArticle(text).sentences).toEqual(first.sentences);
  });

  it('segments anew after another article', () => {
    const text = 'The pier reopened on Friday. Crowds came.';
    const first = segmentArticle(text);
    segmentArticle('A different article. With two sentences.');
    const again = segmentArticle(text);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
