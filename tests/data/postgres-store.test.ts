import pg from 'pg';
import { expect, it } from 'vitest';
import { MIGRATIONS, migratePostgres, schemaVersion } from '../../src/data/postgres/migrations.js';
import { openPostgresStore } from '../../src/data/postgres/postgres-store.js';
import { StoreError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { describeArticleStore } from '../contract/article-store.contract.js';
import { describeDigestStore } from '../contract/digest-store.contract.js';
import { describeFeedStore } from '../contract/feed-store.contract.js';
import { describeQuoteStore } from '../contract/quote-store.contract.js';
import { describeStoryStore } from '../contract/story-store.contract.js';
import { describeWithPostgres } from '../support/postgres.js';
import { expectDigestRecordsMigrated } from './digest-records-migrated.js';

describeWithPostgres('PostgresStore', (db) => {
  // Every open() gets its own empty schema, so each contract case starts from nothing.
  const open = async () => openPostgresStore({ url: await db.freshSchemaUrl(), log: silentLogger, poolSize: 4 });
  describeArticleStore('postgres', open);
  describeFeedStore('postgres', open);
  describeDigestStore('postgres', open);
  describeStoryStore('postgres', open);
  describeQuoteStore('postgres', open);

  it('applies each migration once when several instances start together', async () => {
    const url = await db.freshSchemaUrl();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url, log: silentLogger, poolSize: 2 })));
    try {
      const [first] = stores;
      expect(first?.backend).toBe('postgres');
      const latest = MIGRATIONS.at(-1)?.version ?? 0;
      expect(latest).toBeGreaterThan(0);
      // Running them again, as `newsbrief migrate` does, finds nothing to apply.
      const store = await openPostgresStore({ url, log: silentLogger, migrate: false });
      await store.close();
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      try {
        expect(await migratePostgres(pool, silentLogger)).toEqual([]);
        expect(await schemaVersion(pool)).toBe(latest);
        const { rows } = await pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM schema_migrations');
        expect(rows[0]?.n).toBe(MIGRATIONS.length);
      } finally {
        await pool.end();
      }
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('keeps each digest slot\'s message id when it moves to the list of message ids', async () => {
    const url = await db.freshSchemaUrl();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await migratePostgres(pool, silentLogger, MIGRATIONS.filter((migration) => migration.name !== 'digest progress'));
      const insert = `INSERT INTO digest_records (guild_id, local_date, status, instance_id, claimed_at, claimed_ts,
        posted_at, message_id, attempts) VALUES ('1', $1, $2, 'a', '2026-11-23T07:00:00.000Z', now(), $3, $4, 1)`;
      await pool.query(insert, ['2026-11-23', 'posted', '2026-11-23T07:00:05.000Z', '555555555555555555']);
      await pool.query(insert, ['2026-11-24', 'posted', '2026-11-24T07:00:05.000Z', '']);
      await pool.query(insert, ['2026-11-25', 'failed', null, null]);
    } finally {
      await pool.end();
    }
    const store = await openPostgresStore({ url, log: silentLogger, poolSize: 2 });
    try {
      await expectDigestRecordsMigrated(store);
    } finally {
      await store.close();
    }
  });

  it('upgrades a store from before stories: its articles wait for a story and for their quotes', async () => {
    const url = await db.freshSchemaUrl();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await migratePostgres(pool, silentLogger, MIGRATIONS.filter((migration) => migration.version < 3));
      await pool.query(`INSERT INTO articles (id, content_hash, title, authors, tags, language, text, ingested_at, ingested_ts,
          recency_ts, title_words)
        VALUES ('abcdefabcdef', $1, 'Old harbour story', '{}', '{}', 'en', '"It was quiet," said Ada Lind.',
          '1970-01-01T00:00:00.000Z', 'epoch', 'epoch', '')`, ['0'.repeat(64)]);
    } finally {
      await pool.end();
    }
    const store = await openPostgresStore({ url, log: silentLogger, poolSize: 2 });
    try {
      expect((await store.stories.unassigned(10)).map((article) => article.id)).toEqual(['abcdefabcdef']);
      expect((await store.quotes.unindexed(10)).map((article) => article.id)).toEqual(['abcdefabcdef']);
      expect(await store.articles.delete('abcdefabcdef')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('fails to open with a StoreError that names the host and never the password', async () => {
    const bad = new URL(db.baseUrl);
    bad.password = 'not-the-password-s3cr3t';
    const error = await openPostgresStore({ url: bad.toString(), log: silentLogger }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect(String((error as Error).message)).toContain(bad.hostname);
    expect(String((error as Error).message)).not.toContain('not-the-password-s3cr3t');
  });
});
