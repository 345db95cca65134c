import { describe, expect, it } from 'vitest';
import { resolveLogLevel } from '../src/log.js';

describe('resolveLogLevel', () => {
  it('keeps a terminal to warnings and errors, and a service log at info', () => {
    expect(resolveLogLevel(undefined, true)).toBe('warn');
    expect(resolveLogLevel(undefined, false)).toBe('info');
  });

  it('lets an explicit LOG_LEVEL win on a terminal too', () => {
    expect(resolveLogLevel('info', true)).toBe('info');
    expect(resolveLogLevel('debug', false)).toBe('debug');
  });
});
