import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeBadOption, describeIssues, parsePlainly } from '../../src/commands/option-issues.js';

const Options = z.object({
  article: z.string().trim().min(1),
  speaker: z.string().min(1).max(5).optional(),
  date: z.iso.date().optional(),
  bullets: z.number().int().min(3, { message: 'must be 3 to 6' }).optional(),
  format: z.enum(['text', 'json']).optional(),
});

function messageFor(value: unknown, naming: Parameters<typeof describeBadOption>[1] = {}): string {
  const parsed = parsePlainly(Options, value);
  if (parsed.success) throw new Error('expected a failure');
  return describeBadOption(parsed.error.issues, naming);
}

describe('describeBadOption with parsePlainly', () => {
  it('says in plain words what zod says in its own', () => {
    expect(messageFor({ article: '' })).toBe('Option "article": cannot be empty');
    expect(messageFor({})).toBe('Option "article": is missing');
    expect(messageFor({ article: 'x', speaker: 'Marguerite' })).toBe('Option "speaker": must be at most 5 characters');
    expect(messageFor({ article: 'x', date: '2026-13-45' })).toBe('Option "date": must be a date like 2026-11-25');
    expect(messageFor({ article: 'x', format: 'xml' })).toBe('Option "format": must be one of text, json');
  });

  it('keeps a schema\'s own message', () => {
    expect(messageFor({ article: 'x', bullets: 2 })).toBe('Option "bullets": must be 3 to 6');
  });

  it('names the option as the platform spells it and says what a missing one takes', () => {
    const naming = { label: (option: string) => `--${option}`, describe: () => 'Search text, article id or URL' };
    expect(messageFor({ article: ' ' }, naming)).toBe('--article: cannot be empty (Search text, article id or URL)');
    expect(messageFor({ article: 'x', date: 'soon' }, naming)).toBe('--date: must be a date like 2026-11-25');
  });
});

describe('describeIssues', () => {
  it('names each bad field, and the whole value by the given word', () => {
    const parsed = parsePlainly(Options, { article: ' ', bullets: 1 });
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error?.issues ?? [], 'line')).toBe('article cannot be empty; bullets must be 3 to 6');
    const whole = parsePlainly(Options, 'not an object');
    expect(describeIssues(whole.error?.issues ?? [], 'line')).toBe('line must be a set of options');
  });
});
