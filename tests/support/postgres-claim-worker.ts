/**
 * One newsbrief instance for tests/data/multi-instance.test.ts: opens the PostgreSQL store at argv[2] as instance
 * argv[3] (applying migrations, racing the other workers), then answers one JSON command per stdin line with one
 * JSON line on stdout. Run with tsx; never used by the program itself.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { openPostgresStore } from '../../src/data/postgres/postgres-store.js';
import { silentLogger } from '../../src/log.js';

const Command = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('claimDigests'),
    slots: z.array(z.object({ guildId: z.string(), localDate: z.string() })),
    now: z.string(),
    staleMs: z.number(),
  }),
  z.object({ op: z.literal('drainFeeds'), now: z.string(), leaseMs: z.number(), batch: z.number() }),
  z.object({ op: z.literal('exit') }),
]);

const [url, instanceId] = process.argv.slice(2);
if (url === undefined || instanceId === undefined) throw new Error('usage: postgres-claim-worker URL INSTANCE_ID');
const store = await openPostgresStore({ url, log: silentLogger, poolSize: 4 });
const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
reply({ ready: true });

for await (const line of createInterface({ input: process.stdin })) {
  const command = Command.parse(JSON.parse(line));
  if (command.op === 'exit') break;
  if (command.op === 'claimDigests') {
    // All at once: this instance's claims race each other as well as the other instances'.
    const won = await Promise.all(
      command.slots.map((slot) => store.digests.claim(slot.guildId, slot.localDate, instanceId, command.now, command.staleMs)),
    );
    reply({ won: command.slots.filter((_, index) => won[index]) });
  } else {
    const ids: number[] = [];
    for (;;) {
      const feeds = await store.feeds.claimDueFeeds(instanceId, command.now, command.leaseMs, command.batch);
      if (feeds.length === 0) break;
      ids.push(...feeds.map((feed) => feed.id));
    }
    reply({ ids });
  }
}
await store.close();
