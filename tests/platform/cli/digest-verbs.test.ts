import { describe, expect, it } from 'vitest';
import { describePostOutcome } from '../../../src/platform/cli/digest-verbs.js';

describe('describePostOutcome (what digest --post prints)', () => {
  it('names the one message of a single-message digest', () => {
    const line = describePostOutcome({ status: 'posted', localDate: '2026-06-15', messageIds: ['90000000000000001'], stories: 4 });
    expect(line).toBe('Digest posted for 2026-06-15: 4 stories, message 90000000000000001.');
  });

  it('lists every message of a digest posted as several, in posting order', () => {
    const messageIds = ['90000000000000001', '90000000000000002', '90000000000000003'];
    const line = describePostOutcome({ status: 'posted', localDate: '2026-06-15', messageIds, stories: 30 });
    expect(line).toBe(
      'Digest posted for 2026-06-15: 30 stories, 3 messages 90000000000000001, 90000000000000002, 90000000000000003.',
    );
  });

  it('gives the reason of a failed post and the day of an outcome that posted nothing', () => {
    expect(describePostOutcome({ status: 'failed', localDate: '2026-06-15', reason: 'Missing Access', attempts: 1 })).toBe(
      'Digest not posted for 2026-06-15: Missing Access.',
    );
    expect(describePostOutcome({ status: 'already-posted', localDate: '2026-06-15' })).toBe(
      'The digest for this day was already posted; nothing posted (2026-06-15).',
    );
  });
});
