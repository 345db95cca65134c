import { describe, expect, it } from 'vitest';
import { norm, OnlineIdf } from '../../../src/services/stories/similarity.js';

describe('OnlineIdf', () => {
  it('weighs rare terms above common ones', () => {
    const idf = new OnlineIdf();
    idf.add(['strike', 'port']);
    idf.add(['strike', 'ferry']);
    idf.add(['strike', 'bridge']);
    expect(idf.idf('port')).toBeGreaterThan(idf.idf('strike'));
    expect(idf.idf('never-seen')).toBeGreaterThan(idf.idf('port'));
  });

  it('forgets what it is told to remove, leaving no empty entries', () => {
    const idf = new OnlineIdf();
    idf.add(['strike', 'port']);
    idf.add(['strike']);
    idf.remove(new Map([['strike', 2], ['port', 1]]), 2);
    expect(idf.documents).toBe(0);
    expect(idf.frequency('strike')).toBe(0);
    expect(idf.terms).toBe(0);
  });
});

describe('norm', () => {
  it('is the euclidean length of a sparse vector', () => {
    expect(norm(new Map([['a', 3], ['b', 4]]))).toBe(5);
  });
});
