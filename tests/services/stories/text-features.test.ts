import { describe, expect, it } from 'vitest';
import { entityWords, storyFeatures } from '../../../src/services/stories/text-features.js';

describe('storyFeatures', () => {
  it('gives stemmed headline words, word pairs and names their weights', () => {
    const features = storyFeatures({ title: 'Workers strike at the Brannock shipyard' });
    expect(features.get('worker')).toBe(1);
    expect(features.get('strike')).toBe(1);
    expect(features.get('worker_strike')).toBe(0.5);
    expect(features.get('brannock')).toBe(1.5);
    expect(features.has('the')).toBe(false);
  });

  it('counts the body lead below the headline', () => {
    const features = storyFeatures({ title: 'Shipyard strike', text: 'Welders walked out on Monday.' });
    expect(features.get('shipyard')).toBe(1);
    expect(features.get('welder')).toBeCloseTo(0.3);
  });

  it('leaves out the words of the outlet name', () => {
    const features = storyFeatures({ title: 'Shipyard strike spreads - Coastline Courier', outlet: 'Coastline Courier' });
    expect(features.has('coastline')).toBe(false);
    expect(features.has('courier')).toBe(false);
    expect(features.has('shipyard')).toBe(true);
  });
});

describe('entityWords', () => {
  it('takes capitalised words inside a sentence, acronyms and numbers', () => {
    expect(entityWords('Crews in Port Vell say the NTSB counted 58 faults')).toEqual(['port', 'vell', 'ntsb', '58']);
  });

  it('takes only acronyms and numbers from a headline in title case', () => {
    expect(entityWords('Dock Workers Strike For Third Day At NTSB Site In 2026')).toEqual(['ntsb', '2026']);
  });
});
