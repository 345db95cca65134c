import { describe, expect, it } from 'vitest';
import { storyFeatures } from '../../../src/services/stories/text-features.js';

describe('storyFeatures', () => {
  it('gives stemmed headline words and pairs of adjacent ones, without stop words', () => {
    const features = storyFeatures({ title: 'Workers strike at the Brannock shipyard' });
    expect(features.get('worker')).toBe(1);
    expect(features.get('strike')).toBe(1);
    expect(features.get('worker_strike')).toBe(0.25);
    expect(features.get('strike_brannock')).toBe(0.25);
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
