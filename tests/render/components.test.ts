import { describe, expect, it } from 'vitest';
import {
  actionButton,
  buttonId,
  buttonRows,
  linkButton,
  pageButtons,
  parseButtonId,
  turnsPage,
  type ButtonAction,
} from '../../src/render/components.js';
import { ACTION_ROWS_PER_MESSAGE, BUTTON_LABEL_LIMIT, BUTTONS_PER_ROW, CUSTOM_ID_LIMIT } from '../../src/render/limits.js';

const ID = '0123456789ab';

describe('button ids', () => {
  it.each<ButtonAction>([
    { kind: 'quotes', articleId: ID },
    { kind: 'quotes-page', articleId: ID, page: 3, speaker: null },
    { kind: 'quotes-page', articleId: ID, page: 0, speaker: 2 },
    { kind: 'search-page', page: 1, days: 7, query: 'harbour: dues' },
    { kind: 'search-page', page: 2, days: null, query: 'ferry' },
  ])('round-trips %o', (action) => {
    const id = buttonId(action);
    expect(id?.length).toBeLessThanOrEqual(CUSTOM_ID_LIMIT);
    expect(parseButtonId(id ?? '')).toEqual(action);
  });

  it.each([
    '',
    'quotes',
    'quotes:0123456789AB',
    'quotes:0123456789ab:extra',
    'quotes-page:0123456789ab:-1:all',
    'quotes-page:0123456789ab:1.5:all',
    'quotes-page:0123456789ab::all',
    'search-page:1:all:',
    'search-page:x:all:ferry',
    'brief:0123456789ab',
    `search-page:1:all:${'a'.repeat(CUSTOM_ID_LIMIT)}`,
  ])('rejects %j', (raw) => {
    expect(parseButtonId(raw)).toBeUndefined();
  });

  it('makes no id, and so no button, for a query too long for 100 characters', () => {
    const action: ButtonAction = { kind: 'search-page', page: 1, days: null, query: 'word '.repeat(30).trim() };
    expect(buttonId(action)).toBeUndefined();
    expect(actionButton('Next', action)).toBeUndefined();
    expect(pageButtons(0, 2, (page) => ({ ...action, page }))).toEqual([]);
  });
});

describe('buttons', () => {
  it('clips labels to 80 characters', () => {
    const made = actionButton('x'.repeat(200), { kind: 'quotes', articleId: ID });
    expect(made?.label?.length).toBe(BUTTON_LABEL_LIMIT);
  });

  it('makes no link button for a URL Discord would refuse', () => {
    expect(linkButton('Open article', `https://news.example/${'a'.repeat(600)}`)).toBeUndefined();
    expect(linkButton('Open article', 'javascript:alert(1)')).toBeUndefined();
    expect(linkButton('Open article', 'https://news.example/a')).toMatchObject({ style: 5, url: 'https://news.example/a' });
  });

  it('gives Previous and Next with distinct ids, each disabled at its end, and none for one page', () => {
    const turn = (page: number): ButtonAction => ({ kind: 'quotes-page', articleId: ID, page, speaker: null });
    const first = pageButtons(0, 3, turn);
    expect(first.map((made) => [made.label, made.disabled === true])).toEqual([['Previous', true], ['Next', false]]);
    const last = pageButtons(2, 3, turn);
    expect(last.map((made) => [made.label, made.disabled === true])).toEqual([['Previous', false], ['Next', true]]);
    for (const pair of [first, last]) expect(new Set(pair.map((made) => made.custom_id)).size).toBe(2);
    expect(pageButtons(0, 1, turn)).toEqual([]);
  });

  it('puts at most 5 buttons in a row and 5 rows in a message, skipping missing ones', () => {
    const many = Array.from({ length: 30 }, (_, i) => actionButton(`b${i}`, { kind: 'quotes-page', articleId: ID, page: i, speaker: null }));
    const rows = buttonRows([undefined, ...many]);
    expect(rows).toHaveLength(ACTION_ROWS_PER_MESSAGE);
    for (const row of rows) expect(row.components.length).toBeLessThanOrEqual(BUTTONS_PER_ROW);
    expect(rows[0]?.components[0]).toMatchObject({ label: 'b0' });
    expect(buttonRows([undefined])).toEqual([]);
  });
});

describe('turnsPage', () => {
  it('is true for Previous and Next, false for All quotes and for ids newsbrief did not make', () => {
    expect(turnsPage(`quotes-page:${ID}:1:all`)).toBe(true);
    expect(turnsPage('search-page:1:all:ferry')).toBe(true);
    expect(turnsPage(`quotes:${ID}`)).toBe(false);
    expect(turnsPage('nonsense')).toBe(false);
  });
});
