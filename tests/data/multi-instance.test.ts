import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/data/postgres/migrations.js';
import { openPostgresStore } from '../../src/data/postgres/postgres-store.js';
import { silentLogger } from '../../src/log.js';
import { describeWithPostgres, withClient } from '../support/postgres.js';

const T0 = Date.parse('2026-11-25T08:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const LEASE_MS = 60_000;
const STALE_MS = 10 * 60_000;
const FEEDS = 30;

/** One newsbrief instance in its own process (tests/support/postgres-claim-worker.ts), driven line by line. */
class Instance {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #replies: unknown[] = [];
  readonly #waiting: ((value: unknown) => void)[] = [];
  #stderr = '';

  constructor(
    readonly id: string,
    url: string,
  ) {
    this.#child = spawn(join('node_modules', '.bin', 'tsx'), ['tests/support/postgres-claim-worker.ts', url, id], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    });
    this.#child.stderr.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString()));
    this.#child.on('exit', (code, signal) => {
      const failure = new Error(`instance ${id} exited (${code ?? signal}): ${this.#stderr}`);
      for (const waiter of this.#waiting.splice(0)) waiter(failure);
    });
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const value: unknown = JSON.parse(line);
      const waiter = this.#waiting.shift();
      if (waiter) waiter(value);
      else this.#replies.push(value);
    });
  }

  /** The next line the instance writes (its readiness, then one reply per command). */
  async next(): Promise<unknown> {
    const value = this.#replies.length > 0 ? this.#replies.shift() : await new Promise((resolve) => this.#waiting.push(resolve));
    if (value instanceof Error) throw value;
    return value;
  }

  async send(command: Record<string, unknown>): Promise<unknown> {
    this.#child.stdin.write(`${JSON.stringify(command)}\n`);
    return this.next();
  }

  async claimDigests(slots: { guildId: string; localDate: string }[], now: string) {
    return ((await this.send({ op: 'claimDigests', slots, now, staleMs: STALE_MS })) as { won: typeof slots }).won;
  }

  async drainFeeds(now: string): Promise<number[]> {
    return ((await this.send({ op: 'drainFeeds', now, leaseMs: LEASE_MS, batch: 3 })) as { ids: number[] }).ids;
  }

  /** Dies without releasing anything, as a crashed or killed bot process would. */
  crash(): void {
    this.#child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.stdin.end(`${JSON.stringify({ op: 'exit' })}\n`);
    await exited;
  }
}

describeWithPostgres('several newsbrief instances sharing one PostgreSQL database', (db) => {
  let url: string;
  let instances: Instance[] = [];

  beforeAll(async () => {
    url = await db.freshSchemaUrl();
    // All three open an empty schema at once, so they also race to apply the migrations.
    instances = ['instance-a', 'instance-b', 'instance-c'].map((id) => new Instance(id, url));
    for (const instance of instances) expect(await instance.next()).toEqual({ ready: true });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
  });

  it('applies each migration once when the instances start together', async () => {
    const { rows } = await withClient(url, (client) =>
      client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version'),
    );
    expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  it('grants each digest slot to exactly one instance', async () => {
    const slots = Array.from({ length: 20 }, (_, i) => ({
      guildId: String(100_000_000_000_000_000n + BigInt(i % 5)),
      localDate: `2026-11-${String(10 + Math.floor(i / 5)).padStart(2, '0')}`,
    }));
    const won = await Promise.all(instances.map((instance) => instance.claimDigests(slots, at(0))));
    const allWins = won.flat().map((slot) => `${slot.guildId}/${slot.localDate}`);
    expect(allWins).toHaveLength(slots.length);
    expect(new Set(allWins).size).toBe(slots.length);

    const store = await openPostgresStore({ url, log: silentLogger, poolSize: 1 });
    try {
      for (const [index, instance] of instances.entries()) {
        for (const slot of won[index] ?? []) {
          expect(await store.digests.getRecord(slot.guildId, slot.localDate)).toMatchObject({ status: 'claimed', instanceId: instance.id });
        }
      }
    } finally {
      await store.close();
    }
    // A second round in the same day changes nothing: every slot is held by a live claim.
    const again = await Promise.all(instances.map((instance) => instance.claimDigests(slots, at(60_000))));
    expect(again.flat()).toEqual([]);
  });

  it('splits a polling cycle into disjoint feed sets and hands a crashed instance\'s work over after expiry', async () => {
    const store = await openPostgresStore({ url, log: silentLogger, poolSize: 1 });
    try {
      for (let i = 0; i < FEEDS; i += 1) await store.feeds.addFeed({ url: `https://feed${i}.example.com/rss` }, at(0));
    } finally {
      await store.close();
    }
    const [a, b, c] = instances;
    if (a === undefined || b === undefined || c === undefined) throw new Error('three instances expected');

    // One cycle: every feed is claimed by exactly one instance.
    const cycle = await Promise.all(instances.map((instance) => instance.drainFeeds(at(0))));
    const claimed = cycle.flat();
    expect(claimed).toHaveLength(FEEDS);
    expect(new Set(claimed).size).toBe(FEEDS);
    // Within the lease nobody gets a feed again.
    const early = await Promise.all(instances.map((instance) => instance.drainFeeds(at(LEASE_MS / 2))));
    expect(early.flat()).toEqual([]);

    // Instance c holds a digest slot and feed leases, then dies without releasing them.
    const slot = { guildId: '900000000000000000', localDate: '2026-11-25' };
    expect(await c.claimDigests([slot], at(0))).toEqual([slot]);
    const heldByCrashed = cycle[2] ?? [];
    c.crash();

    // A live claim is respected; once stale it is taken over by exactly one survivor.
    const fresh = await Promise.all([a, b].map((instance) => instance.claimDigests([slot], at(STALE_MS - 1_000))));
    expect(fresh.flat()).toEqual([]);
    const takeover = await Promise.all([a, b].map((instance) => instance.claimDigests([slot], at(STALE_MS + 1_000))));
    expect(takeover.flat()).toEqual([slot]);

    // Expired leases (including the crashed instance's) are claimed again, still disjoint between the survivors.
    const next = await Promise.all([a, b].map((instance) => instance.drainFeeds(at(LEASE_MS))));
    const reclaimed = next.flat();
    expect(reclaimed).toHaveLength(FEEDS);
    expect(new Set(reclaimed).size).toBe(FEEDS);
    expect(reclaimed).toEqual(expect.arrayContaining(heldByCrashed));
  });
});
