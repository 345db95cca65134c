import type { Database, Transaction } from 'better-sqlite3';
import { RECORD_COLUMNS, recordFromRow, settingsFromRow, type RecordRow, type SettingsRow } from '../rows.js';
import { DigestProgress, DigestSettings, type DigestRecord, type LocalDate } from '../schemas.js';
import type { DigestStore } from '../store.js';
import { guard, toEpochMs } from './sqlite-errors.js';
import type { SqliteWrite } from './sqlite-busy.js';

/** Settings rows as SQLite stores them: sections as JSON text, enabled as 0/1. */
type SqliteSettingsRow = Omit<SettingsRow, 'sections' | 'enabled'> & { sections: string; enabled: number };

function toSettings(row: SqliteSettingsRow): DigestSettings {
  return settingsFromRow({ ...row, sections: JSON.parse(row.sections) as string[], enabled: row.enabled === 1 });
}

/** Slot rows as SQLite stores them: message ids as JSON text (the record schema checks the parsed value). */
type SqliteRecordRow = Omit<RecordRow, 'message_ids'> & { message_ids: string };

function toRecord(row: SqliteRecordRow): DigestRecord {
  return recordFromRow({ ...row, message_ids: JSON.parse(row.message_ids) as string[] });
}

/** Digest settings and posting slots over one better-sqlite3 connection. */
export class SqliteDigestStore implements DigestStore {
  readonly #db: Database;
  readonly #saveMany: Transaction<(settings: readonly DigestSettings[]) => number>;

  /** Runs one write transaction or statement, waiting out other processes' locks (see `BusyRetry`). */
  readonly #write: SqliteWrite;

  constructor(db: Database, write: SqliteWrite) {
    this.#db = db;
    this.#write = write;
    const save = db.prepare<Record<string, unknown>>(`INSERT INTO digest_settings (guild_id, channel_id, time, timezone,
        max_stories, sections, enabled, empty_day, updated_at)
      VALUES (:guild_id, :channel_id, :time, :timezone, :max_stories, :sections, :enabled, :empty_day, :updated_at)
      ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, time = excluded.time,
        timezone = excluded.timezone, max_stories = excluded.max_stories, sections = excluded.sections,
        enabled = excluded.enabled, empty_day = excluded.empty_day, updated_at = excluded.updated_at`);
    this.#saveMany = db.transaction((settings: readonly DigestSettings[]) => {
      for (const item of settings) {
        const valid = DigestSettings.parse(item);
        save.run({
          guild_id: valid.guildId,
          channel_id: valid.channelId,
          time: valid.time,
          timezone: valid.timezone,
          max_stories: valid.maxStories,
          sections: JSON.stringify(valid.sections),
          enabled: valid.enabled ? 1 : 0,
          empty_day: valid.emptyDay,
          updated_at: valid.updatedAt,
        });
      }
      return settings.length;
    });
  }

  async getSettings(guildId: string): Promise<DigestSettings | undefined> {
    return guard('read digest settings', () => {
      const row = this.#db.prepare<[string], SqliteSettingsRow>('SELECT * FROM digest_settings WHERE guild_id = ?').get(guildId);
      return row === undefined ? undefined : toSettings(row);
    });
  }

  async saveSettings(settings: DigestSettings): Promise<void> {
    await this.#write('save digest settings', () => this.#saveMany.immediate([settings]));
  }

  async deleteSettings(guildId: string): Promise<boolean> {
    return this.#write('delete digest settings', () =>
      this.#db.prepare('DELETE FROM digest_settings WHERE guild_id = ?').run(guildId).changes > 0,
    );
  }

  async listSettings(): Promise<DigestSettings[]> {
    return guard('list digest settings', () =>
      this.#db.prepare<[], SqliteSettingsRow>('SELECT * FROM digest_settings ORDER BY guild_id').all().map(toSettings),
    );
  }

  async claim(
    guildId: string,
    localDate: LocalDate,
    instanceId: string,
    now: string,
    staleAfterMs: number,
  ): Promise<boolean> {
    const nowMs = toEpochMs(now);
    return this.#write('claim a digest slot', () => {
      // One statement decides: a new slot is inserted, a failed or stale one taken over, anything else left alone.
      // `changes` says whether this caller won, with no window between reading and writing.
      const result = this.#db
        .prepare<Record<string, unknown>>(`INSERT INTO digest_records (guild_id, local_date, status, instance_id,
            claimed_at, claimed_ms, attempts)
          VALUES (:guild_id, :local_date, 'claimed', :instance_id, :now, :now_ms, 1)
          ON CONFLICT (guild_id, local_date) DO UPDATE SET status = 'claimed', instance_id = excluded.instance_id,
            claimed_at = excluded.claimed_at, claimed_ms = excluded.claimed_ms, error = NULL,
            attempts = digest_records.attempts + 1
          WHERE digest_records.status = 'failed'
            OR (digest_records.status = 'claimed' AND digest_records.claimed_ms < :stale_before_ms)`)
        .run({
          guild_id: guildId,
          local_date: localDate,
          instance_id: instanceId,
          now,
          now_ms: nowMs,
          stale_before_ms: nowMs - staleAfterMs,
        });
      return result.changes === 1;
    });
  }

  async saveProgress(guildId: string, localDate: LocalDate, progress: DigestProgress): Promise<void> {
    const valid = DigestProgress.parse(progress);
    await this.#write('save digest progress', () => {
      this.#db
        .prepare<[string, string, string, string]>(`UPDATE digest_records SET message_ids = ?, window_to = ?
          WHERE guild_id = ? AND local_date = ? AND status <> 'posted'`)
        .run(JSON.stringify(valid.messageIds), valid.windowTo, guildId, localDate);
    });
  }

  async markPosted(guildId: string, localDate: LocalDate, progress: DigestProgress, now: string): Promise<void> {
    const valid = DigestProgress.parse(progress);
    const nowMs = toEpochMs(now);
    await this.#write('mark a digest posted', () => {
      // An upsert, not an update: a post that happened must be recorded even if its claim row went missing.
      this.#db
        .prepare<Record<string, unknown>>(`INSERT INTO digest_records (guild_id, local_date, status, instance_id,
            claimed_at, claimed_ms, posted_at, message_ids, window_to, attempts)
          VALUES (:guild_id, :local_date, 'posted', 'unknown', :now, :now_ms, :now, :message_ids, :window_to, 1)
          ON CONFLICT (guild_id, local_date) DO UPDATE SET status = 'posted', posted_at = excluded.posted_at,
            message_ids = excluded.message_ids, window_to = excluded.window_to, error = NULL`)
        .run({
          guild_id: guildId,
          local_date: localDate,
          now,
          now_ms: nowMs,
          message_ids: JSON.stringify(valid.messageIds),
          window_to: valid.windowTo,
        });
    });
  }

  async markFailed(guildId: string, localDate: LocalDate, error: string, _now: string): Promise<void> {
    await this.#write('mark a digest failed', () => {
      // A posted slot stays posted: a late failure report from a retry must not reopen it.
      this.#db
        .prepare<[string, string, string]>(`UPDATE digest_records SET status = 'failed', error = ?
          WHERE guild_id = ? AND local_date = ? AND status <> 'posted'`)
        .run(error, guildId, localDate);
    });
  }

  async getRecord(guildId: string, localDate: LocalDate): Promise<DigestRecord | undefined> {
    return guard('read a digest slot', () => {
      const row = this.#db
        .prepare<[string, string], SqliteRecordRow>(`SELECT ${RECORD_COLUMNS} FROM digest_records WHERE guild_id = ? AND local_date = ?`)
        .get(guildId, localDate);
      return row === undefined ? undefined : toRecord(row);
    });
  }

  async lastPosted(guildId: string): Promise<DigestRecord | undefined> {
    return guard('read the last posted digest', () => {
      const row = this.#db
        .prepare<[string], SqliteRecordRow>(`SELECT ${RECORD_COLUMNS} FROM digest_records
          WHERE guild_id = ? AND status = 'posted' ORDER BY local_date DESC LIMIT 1`)
        .get(guildId);
      return row === undefined ? undefined : toRecord(row);
    });
  }

  async importSettings(settings: readonly DigestSettings[]): Promise<number> {
    if (settings.length === 0) return 0;
    return this.#write('import digest settings', () => this.#saveMany.immediate(settings));
  }
}
