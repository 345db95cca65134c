import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/commands/index.js';
import { nameCliVerbs } from '../../../src/platform/cli/cli-hints.js';

describe('nameCliVerbs', () => {
  it('names CLI verbs where a reply names slash commands', () => {
    expect(nameCliVerbs('1 match. Use /brief article:<id> to brief one.', COMMANDS)).toBe('1 match. Use newsbrief brief <id> to brief one.');
    expect(nameCliVerbs('No match. Try /search with other words.', COMMANDS)).toBe('No match. Try newsbrief search with other words.');
    expect(nameCliVerbs('-- 2 long quotes in /quotes', COMMANDS)).toBe('-- 2 long quotes in newsbrief quotes');
    expect(nameCliVerbs('Try /quotes article:ferry speaker:Quill', COMMANDS)).toBe('Try newsbrief quotes ferry --speaker Quill');
  });

  it('leaves URL paths and unknown names alone', () => {
    const text = 'https://harbour.example/brief/search and /bogus';
    expect(nameCliVerbs(text, COMMANDS)).toBe(text);
  });
});
