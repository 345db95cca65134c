import { describe, expect, it } from 'vitest';
import { isPlaceName } from '../../../src/services/briefing/places.js';

describe('isPlaceName', () => {
  it('knows countries, states, provinces and cities, in any case', () => {
    for (const name of ['Ohio', 'Nova Scotia', 'Manitoba', 'Oslo', 'Norway', 'NORWAY']) expect(isPlaceName(name), name).toBe(true);
  });

  it('takes a place that is also a given name or surname, or no place at all, for no place', () => {
    for (const name of ['Victoria', 'Hamilton', 'Sydney', 'Ruiz', 'constructor']) expect(isPlaceName(name), name).toBe(false);
  });
});
