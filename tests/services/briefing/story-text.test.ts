import { describe, expect, it } from 'vitest';
import { segmentArticle } from '../../../src/services/briefing/segment.js';
import { leansBack, quoteFragments } from '../../../src/services/briefing/story-text.js';

/** The texts of the sentences of `text` that `quoteFragments` marks. */
function fragmentsOf(text: string): string[] {
  const { lines, sentences } = segmentArticle(text);
  const marked = quoteFragments(text, lines, sentences);
  return sentences.filter((s) => marked.has(s.index)).map((s) => s.text);
}

describe('quoteFragments', () => {
  it('marks every sentence of a quotation that runs over several sentences, curly or straight', () => {
    for (const [open, close] of [['“', '”'], ['"', '"']]) {
      const text =
        `The council voted on Monday to close the old pier. ${open}We waited eleven years for the seawall. ` +
        `Now the slipway goes as well. Nobody asked the crews,${close} said Mayor Ana Ruiz. Work starts in May.`;
      expect(fragmentsOf(text)).toEqual([
        `${open}We waited eleven years for the seawall.`,
        'Now the slipway goes as well.',
        `Nobody asked the crews,${close} said Mayor Ana Ruiz.`,
      ]);
    }
  });

  it('marks a sentence that is mostly a quotation with its credit after it', () => {
    expect(fragmentsOf('“We will rebuild the harbour wall,” she said. The river fell on Tuesday.')).toEqual([
      '“We will rebuild the harbour wall,” she said.',
    ]);
  });

  it('keeps a reporter sentence that quotes a phrase or a short remark', () => {
    const text =
      'Residents called the ferry plan “a betrayal of the island” at the meeting. ' +
      'Dock workers, she said, were “worn out by promises” after the winter. The vote was close.';
    expect(fragmentsOf(text)).toEqual([]);
  });

  it('marks a quotation left open at the end of its paragraph, and only that paragraph', () => {
    const text = 'The ferry was late again.\n“We waited an hour. Then we went home.\n“It happens every week,” Tom Reed said.\nThe council meets on Friday.';
    expect(fragmentsOf(text)).toEqual(['“We waited an hour.', 'Then we went home.', '“It happens every week,” Tom Reed said.']);
  });

  it('marks a sentence whose quotation mark has its partner in another sentence', () => {
    expect(fragmentsOf('The pier closed at noon. Crews said the work would take a month.” Boats moved to the east dock.')).toEqual([
      'Crews said the work would take a month.”',
    ]);
  });

  it('takes a mark run onto the end of a sentence as opening the next one, as in joined paragraphs', () => {
    const text = 'The crews were stood down, Tom Reed said." We did not know it was happening. The vote is on Friday.';
    expect(fragmentsOf(text)).toContain('We did not know it was happening.');
  });

  it('reads single marks as quotations, curly or straight, and apostrophes as neither', () => {
    for (const [open, close] of [['‘', '’'], ["'", "'"]]) {
      const text =
        `The ferry crews' union met on Monday. ${open}We waited eleven years. Now the slipway goes,${close} said Piet Varga. ` +
        `The mayor called the vote a ${open}hard choice${close} for the town. Work starts in May.`;
      expect(fragmentsOf(text)).toEqual([`${open}We waited eleven years.`, `Now the slipway goes,${close} said Piet Varga.`]);
    }
  });

  it('marks every paragraph of a quotation that opens again before it closes, paragraphs run together', () => {
    const text =
      "Tom Reed said: 'We waited an hour for the ferry. 'Then we drove around the bay. 'Nobody told us a thing.' " +
      'The council meets on Friday.';
    expect(fragmentsOf(text)).toEqual([
      "Tom Reed said: 'We waited an hour for the ferry.",
      "'Then we drove around the bay.",
      "'Nobody told us a thing.'",
    ]);
  });

  it('marks a sentence that opens with the closing mark of the sentence before', () => {
    const text = "The skipper said the catch was the best in years. ' Then the storm came. The boats stayed in port.";
    expect(segmentArticle(text).sentences.map((s) => s.text)).toContain("' Then the storm came.");
    expect(fragmentsOf(text)).toEqual(["' Then the storm came."]);
  });

  it('lets a stray unclosed mark reach no further than the next sentence', () => {
    const text = 'The pier is 40 "feet long. It opened in 1911. Boats use it daily. Crews mend it each spring. The town owns it. Tourists walk it.';
    expect(fragmentsOf(text)).toEqual(['The pier is 40 "feet long.', 'It opened in 1911.']);
  });
});

describe('leansBack', () => {
  it('is true for a sentence that opens with a pronoun or connective', () => {
    for (const text of ['She moved to the island in May.', 'But the ferry never came.', 'However the crews stayed.', '“They left early,” she said.']) {
      expect(leansBack(text), text).toBe(true);
    }
  });

  it('is false for a sentence that names its subject or opens with a word that merely starts like a pronoun', () => {
    for (const text of ['Mayor Ana Ruiz moved to the island in May.', 'Thebes has a harbour.', 'Heather Lind sailed home.', 'Items were lost.']) {
      expect(leansBack(text), text).toBe(false);
    }
  });
});
