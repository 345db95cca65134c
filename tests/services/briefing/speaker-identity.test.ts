import { describe, expect, it } from 'vitest';
import { canonicalSpeaker, foldForMatching } from '../../../src/services/briefing/speaker-identity.js';

describe('canonicalSpeaker', () => {
  it('gives one key to a name with titles, diacritics, suffixes and a possessive', () => {
    const key = canonicalSpeaker('José Álvarez');
    expect(key).toBe('jose alvarez');
    for (const form of ['Dr. José Álvarez Jr.', 'JOSE ALVAREZ', "Mayor José Álvarez's", 'Jose  Alvarez, III']) {
      expect(canonicalSpeaker(form), form).toBe(key);
    }
  });
  it('keeps two people of one surname apart', () => {
    expect(canonicalSpeaker('Ana Ruiz')).not.toBe(canonicalSpeaker('Marta Ruiz'));
  });
  it('keeps a role phrase with no name as its own words', () => {
    expect(canonicalSpeaker('A spokesperson')).toBe('a spokesperson');
    expect(canonicalSpeaker('President')).toBe('president');
  });
});

describe('foldForMatching', () => {
  it('folds case and diacritics', () => {
    expect(foldForMatching('Ólafur Ragnar Grímsson')).toBe('olafur ragnar grimsson');
  });
});
