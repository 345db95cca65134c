import { expect } from 'vitest';
import type { Store } from '../../src/data/store.js';

/**
 * What the digest-progress migration must make of the rows both engines' migration tests write in the old schema:
 * a posted message id moves into `messageIds`, a day posted with no message (`''`) and a failed day have none.
 */
export async function expectDigestRecordsMigrated(store: Pick<Store, 'digests'>): Promise<void> {
  expect(await store.digests.getRecord('1', '2026-11-23')).toMatchObject({
    status: 'posted',
    messageIds: ['555555555555555555'],
    windowTo: null,
    postedAt: '2026-11-23T07:00:05.000Z',
  });
  expect(await store.digests.getRecord('1', '2026-11-24')).toMatchObject({ status: 'posted', messageIds: [], windowTo: null });
  expect(await store.digests.getRecord('1', '2026-11-25')).toMatchObject({ status: 'failed', messageIds: [], windowTo: null });
}
