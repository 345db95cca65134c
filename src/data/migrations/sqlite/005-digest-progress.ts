/**
 * A digest's progress on its slot: every message posted so far (JSON array of ids, in posting order) and the end of
 * the story window it was built from, so an interrupted digest is completed instead of posted again. A posted slot's
 * single message id moves into the array; a skipped empty day (stored as '') becomes an empty array.
 */
export const DIGEST_PROGRESS_SQL = `
ALTER TABLE digest_records ADD COLUMN message_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE digest_records ADD COLUMN window_to TEXT;
UPDATE digest_records SET message_ids = json_array(message_id) WHERE message_id IS NOT NULL AND message_id <> '';
ALTER TABLE digest_records DROP COLUMN message_id;
`;
