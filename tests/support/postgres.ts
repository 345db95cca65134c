import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';

/**
 * PostgreSQL for tests. `TEST_DATABASE_URL` names a database the tests may create schemas in (`.ci/postgres.sh`
 * starts one and prints it). Each call of `freshSchemaUrl` creates an empty schema and returns a URL whose
 * connections use it, so every store a test opens starts empty and test files never see each other's rows.
 */
export const TEST_DATABASE_URL: string | undefined = process.env.TEST_DATABASE_URL || undefined;

const SKIP_REASON =
  'TEST_DATABASE_URL is unset: no PostgreSQL server to test against. Start one with `eval "$(.ci/postgres.sh)"` ' +
  '(installs and runs a throwaway server) and run the tests again.';

export type PostgresTestDatabase = {
  /** Creates an empty schema and returns a URL whose connections work in it (`search_path`). */
  freshSchemaUrl(): Promise<string>;
  /** The base URL, for tests that must share one schema across processes or stores. */
  readonly baseUrl: string;
};

/** A URL like `base` whose connections use `schema` first (pg passes `options` to the server at connect). */
export function urlWithSchema(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * `describe` for PostgreSQL test files. Without `TEST_DATABASE_URL` the block is skipped with a printed reason on a
 * developer machine, and fails in CI (`CI=true`), where the PostgreSQL tests must run. Schemas the block created
 * are dropped after it.
 */
export function describeWithPostgres(name: string, body: (db: PostgresTestDatabase) => void): void {
  const baseUrl = TEST_DATABASE_URL;
  if (baseUrl === undefined) {
    if (process.env.CI === 'true') {
      describe(name, () => {
        it('has a PostgreSQL server to run against (CI requires it)', () => {
          throw new Error(`${SKIP_REASON} In CI these tests must run, so this is a failure.`);
        });
      });
      return;
    }
    console.warn(`[postgres] skipping "${name}": ${SKIP_REASON}`);
    describe.skip(`${name} (skipped: TEST_DATABASE_URL is unset)`, () => body({ baseUrl: '', freshSchemaUrl: () => Promise.reject(new Error(SKIP_REASON)) }));
    return;
  }
  const created: string[] = [];
  // One admin connection per block: connecting costs more than creating a schema.
  let admin: Promise<pg.Client> | undefined;
  const connectAdmin = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    return client;
  };
  const db: PostgresTestDatabase = {
    baseUrl,
    async freshSchemaUrl() {
      const schema = `nbtest_${process.pid}_${randomBytes(4).toString('hex')}`;
      admin ??= connectAdmin();
      await (await admin).query(`CREATE SCHEMA ${schema}`);
      created.push(schema);
      return urlWithSchema(baseUrl, schema);
    },
  };
  describe(name, () => {
    afterAll(async () => {
      if (admin === undefined) return;
      const client = await admin;
      try {
        if (created.length > 0) await client.query(`DROP SCHEMA IF EXISTS ${created.join(', ')} CASCADE`);
      } finally {
        await client.end();
      }
    });
    body(db);
  });
}

/** Runs `work` on one short-lived connection to `url`. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
