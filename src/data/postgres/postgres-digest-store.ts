import type { Pool } from 'pg';
import { DigestProgress, DigestSettings, type DigestRecord, type LocalDate } from '../schemas.js';
import type { DigestStore } from '../store.js';
import { checkIso, guard, inTransaction } from './postgres-errors.js';
import { SETTINGS_COLUMNS, SLOT_COLUMNS, toRecord, toSettings, type SettingsRow, type SlotRow } from './postgres-rows.js';

const SAVE_SETTINGS = `INSERT INTO digest_settings (${SETTINGS_COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, time = excluded.time,
    timezone = excluded.timezone, max_stories = excluded.max_stories, sections = excluded.sections,
    enabled = excluded.enabled, empty_day = excluded.empty_day, updated_at = excluded.updated_at`;

function settingsValues(settings: DigestSettings): unknown[] {
  const valid = DigestSettings.parse(settings);
  return [
    valid.guildId,
    valid.channelId,
    valid.time,
    valid.timezone,
    valid.maxStories,
    valid.sections,
    valid.enabled,
    valid.emptyDay,
    valid.updatedAt,
  ];
}

/** Digest settings and posting slots over a `pg` pool; see `DigestStore` for the contract. */
export class PostgresDigestStore implements DigestStore {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async getSettings(guildId: string): Promise<DigestSettings | undefined> {
    return guard('read digest settings', async () => {
      const { rows } = await this.#pool.query<SettingsRow>(
        `SELECT ${SETTINGS_COLUMNS} FROM digest_settings WHERE guild_id = $1`,
        [guildId],
      );
      return rows[0] === undefined ? undefined : toSettings(rows[0]);
    });
  }

  async saveSettings(settings: DigestSettings): Promise<void> {
    const values = settingsValues(settings);
    await guard('save digest settings', async () => {
      await this.#pool.query(SAVE_SETTINGS, values);
    });
  }

  async deleteSettings(guildId: string): Promise<boolean> {
    return guard('delete digest settings', async () => {
      const result = await this.#pool.query('DELETE FROM digest_settings WHERE guild_id = $1', [guildId]);
      return (result.rowCount ?? 0) > 0;
    });
  }

  async listSettings(): Promise<DigestSettings[]> {
    return guard('list digest settings', async () => {
      const { rows } = await this.#pool.query<SettingsRow>(
        `SELECT ${SETTINGS_COLUMNS} FROM digest_settings ORDER BY guild_id`,
      );
      return rows.map(toSettings);
    });
  }

  async claim(
    guildId: string,
    localDate: LocalDate,
    instanceId: string,
    now: string,
    staleAfterMs: number,
  ): Promise<boolean> {
    checkIso(now, 'now');
    return guard('claim a digest slot', async () => {
      // One statement decides: a new slot is inserted, a failed or stale one taken over, anything else left alone.
      // A racing caller waits on the row lock, then re-checks the WHERE on the winner's row and gets no row back.
      const result = await this.#pool.query(
        `INSERT INTO digest_records (guild_id, local_date, status, instance_id, claimed_at, claimed_ts, attempts)
         VALUES ($1, $2, 'claimed', $3, $4::text, $4::text::timestamptz, 1)
         ON CONFLICT (guild_id, local_date) DO UPDATE SET status = 'claimed', instance_id = excluded.instance_id,
           claimed_at = excluded.claimed_at, claimed_ts = excluded.claimed_ts, error = NULL,
           attempts = digest_records.attempts + 1
         WHERE digest_records.status = 'failed'
           OR (digest_records.status = 'claimed'
               AND digest_records.claimed_ts < $4::text::timestamptz - $5::double precision * interval '1 millisecond')
         RETURNING 1`,
        [guildId, localDate, instanceId, now, staleAfterMs],
      );
      return result.rowCount === 1;
    });
  }

  async saveProgress(guildId: string, localDate: LocalDate, progress: DigestProgress): Promise<void> {
    const valid = DigestProgress.parse(progress);
    await guard('save digest progress', async () => {
      await this.#pool.query(
        `UPDATE digest_records SET message_ids = $3::text[], window_to = $4
         WHERE guild_id = $1 AND local_date = $2 AND status <> 'posted'`,
        [guildId, localDate, valid.messageIds, valid.windowTo],
      );
    });
  }

  async markPosted(guildId: string, localDate: LocalDate, progress: DigestProgress, now: string): Promise<void> {
    checkIso(now, 'now');
    const valid = DigestProgress.parse(progress);
    await guard('mark a digest posted', async () => {
      // An upsert, not an update: a post that happened must be recorded even if its claim row went missing.
      await this.#pool.query(
        `INSERT INTO digest_records (guild_id, local_date, status, instance_id, claimed_at, claimed_ts, posted_at,
            message_ids, window_to, attempts)
         VALUES ($1, $2, 'posted', 'unknown', $3::text, $3::text::timestamptz, $3::text, $4::text[], $5, 1)
         ON CONFLICT (guild_id, local_date) DO UPDATE SET status = 'posted', posted_at = excluded.posted_at,
           message_ids = excluded.message_ids, window_to = excluded.window_to, error = NULL`,
        [guildId, localDate, now, valid.messageIds, valid.windowTo],
      );
    });
  }

  async markFailed(guildId: string, localDate: LocalDate, error: string, _now: string): Promise<void> {
    await guard('mark a digest failed', async () => {
      // A posted slot stays posted: a late failure report from a retry must not reopen it.
      await this.#pool.query(
        `UPDATE digest_records SET status = 'failed', error = $3
         WHERE guild_id = $1 AND local_date = $2 AND status <> 'posted'`,
        [guildId, localDate, error],
      );
    });
  }

  async getRecord(guildId: string, localDate: LocalDate): Promise<DigestRecord | undefined> {
    return guard('read a digest slot', async () => {
      const { rows } = await this.#pool.query<SlotRow>(
        `SELECT ${SLOT_COLUMNS} FROM digest_records WHERE guild_id = $1 AND local_date = $2`,
        [guildId, localDate],
      );
      return rows[0] === undefined ? undefined : toRecord(rows[0]);
    });
  }

  async lastPosted(guildId: string): Promise<DigestRecord | undefined> {
    return guard('read the last posted digest', async () => {
      const { rows } = await this.#pool.query<SlotRow>(
        `SELECT ${SLOT_COLUMNS} FROM digest_records WHERE guild_id = $1 AND status = 'posted'
         ORDER BY local_date DESC LIMIT 1`,
        [guildId],
      );
      return rows[0] === undefined ? undefined : toRecord(rows[0]);
    });
  }

  async importSettings(settings: readonly DigestSettings[]): Promise<number> {
    if (settings.length === 0) return 0;
    const values = settings.map(settingsValues);
    return guard('import digest settings', () =>
      inTransaction(this.#pool, async (client) => {
        for (const row of values) await client.query(SAVE_SETTINGS, row);
        return settings.length;
      }),
    );
  }
}
