import { describe, expect, it } from 'vitest';
import { backoffPauseMs } from '../src/backoff.js';

describe('backoffPauseMs', () => {
  const backoff = { baseMs: 100, maxMs: 2_000 };

  it('pauses between nothing and the doubled base, never beyond the cap', () => {
    expect(backoffPauseMs(1, backoff, () => 0)).toBe(0);
    expect(backoffPauseMs(1, backoff, () => 0.999_999)).toBe(100);
    expect(backoffPauseMs(3, backoff, () => 0.5)).toBe(200);
    expect(backoffPauseMs(30, backoff, () => 0.999_999)).toBe(2_000);
  });
});
